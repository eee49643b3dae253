"""Kaohsiung default: a trip report is due within 3 months (90 calendar days) of return
(高雄市政府公務出國報告作業要點); editable by the commission."""

import datetime as dt

from django.db import migrations


def load(apps, schema_editor):
    apps.get_model("registers_overseas", "SubmissionRule").objects.get_or_create(
        effective_from=dt.date(2000, 1, 1),
        defaults={"days_after_return": 90, "note": "高雄市政府公務出國報告作業要點：返國後三個月內"},
    )


class Migration(migrations.Migration):
    dependencies = [("registers_overseas", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
