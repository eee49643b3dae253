"""Kaohsiung defaults: the seven categories of the 第二代公文整合系統 statistics and the on-time target."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

CATEGORIES = [
    ("general", "一般公文"),
    ("legislator", "立委質詢"),
    ("application", "人民申請"),
    ("petition", "人民陳情"),
    ("appeal", "訴願"),
    ("controlled", "專案管制"),
    ("control_yuan", "監察案件"),
]


def load(apps, schema_editor):
    Category = apps.get_model("registers_doctime", "DocCategory")
    for n, (code, name) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(code=code, defaults={"name": name, "sort_order": n * 10})
    apps.get_model("registers_doctime", "TimelinessRule").objects.get_or_create(
        effective_from=dt.date(2000, 1, 1), defaults={"on_time_target": Decimal("95.00")}
    )


def unload(apps, schema_editor):
    apps.get_model("registers_doctime", "DocCategory").objects.filter(stats__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("registers_doctime", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
