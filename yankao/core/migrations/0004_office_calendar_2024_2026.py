"""Load the shipped DGPA office calendars (2024–2026) so that a fresh database has them.

Uses the historical model with bulk_create (a migration must not depend on the current model
class), so these seed rows have no per-row audit events; later imports and declarations do.
"""

from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "office-calendar"
FILES = ("2024.csv", "2025.csv", "2026.csv")


def load(apps, schema_editor):
    from yankao.core.calendar_import import parse_calendar_csv

    CalendarDay = apps.get_model("core", "CalendarDay")
    for name in FILES:
        parsed = parse_calendar_csv((DATA_DIR / name).read_bytes())
        if CalendarDay.objects.filter(year=parsed.year).exists():
            continue
        CalendarDay.objects.bulk_create(
            CalendarDay(
                date=day.date,
                year=day.date.year,
                is_day_off=day.is_day_off,
                kind=day.kind,
                name=day.name,
                source=f"{name}（系統附帶）",
            )
            for day in parsed.days
        )


def unload(apps, schema_editor):
    apps.get_model("core", "CalendarDay").objects.filter(source__in=[f"{n}（系統附帶）" for n in FILES]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_office_hours_default")]

    operations = [migrations.RunPython(load, unload)]
