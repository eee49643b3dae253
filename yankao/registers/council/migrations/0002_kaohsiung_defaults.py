"""Kaohsiung defaults: the nine proposal categories of the council's 議員提案 lists (with the agency
each is routed to by default) and the reply deadline. Both are editable by the commission."""

import datetime as dt

from django.db import migrations

CATEGORIES = [
    ("civil", "民政", "CAB"),
    ("social", "社政", "SWB"),
    ("finance", "財經", "FIN"),
    ("education", "教育", "EDU"),
    ("agriculture", "農林", "AGR"),
    ("transport", "交通", "TRA"),
    ("police_env", "警消環衛", "POL"),
    ("public_works", "工務", "PWB"),
    ("legal", "法規", "LEG"),
]


def load(apps, schema_editor):
    Category = apps.get_model("registers_council", "ProposalCategory")
    Rule = apps.get_model("registers_council", "ReplyRule")
    for n, (code, name, agency) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(
            code=code, defaults={"name": name, "sort_order": n * 10, "default_agency_code": agency}
        )
    Rule.objects.get_or_create(
        effective_from=dt.date(2000, 1, 1),
        defaults={"reply_working_days": 30, "note": "預設值：收文後 30 個工作日內函復（研考會可修改）"},
    )


def unload(apps, schema_editor):
    apps.get_model("registers_council", "ProposalCategory").objects.filter(
        code__in=[c for c, _, _ in CATEGORIES], proposals__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("registers_council", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
