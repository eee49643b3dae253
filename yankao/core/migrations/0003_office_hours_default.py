"""Seed the default office hours: 08:30–17:30 with the 12:30–13:30 lunch break (editable data)."""

import datetime

from django.db import migrations

DEFAULT = {
    "name": "公務機關辦公時間",
    "effective_from": datetime.date(2000, 1, 1),
    "start": datetime.time(8, 30),
    "lunch_start": datetime.time(12, 30),
    "lunch_end": datetime.time(13, 30),
    "end": datetime.time(17, 30),
}


def seed(apps, schema_editor):
    OfficeHours = apps.get_model("core", "OfficeHours")
    if not OfficeHours.objects.exists():
        OfficeHours.objects.create(**DEFAULT)


def unseed(apps, schema_editor):
    apps.get_model("core", "OfficeHours").objects.filter(effective_from=DEFAULT["effective_from"]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_calendar")]

    operations = [migrations.RunPython(seed, unseed)]
