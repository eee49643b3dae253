"""The commission's event programmes, as data."""

from django.db import migrations

SERIES = [
    ("cross_strait", "兩岸事務研習"),
    ("presidents", "市長與大學校長會議"),
    ("net_zero", "淨零公正轉型"),
    ("net_zero_universities", "淨零永續大學合作"),
    ("service", "提升服務研習"),
]


def load(apps, schema_editor):
    Series = apps.get_model("registers_events", "EventSeries")
    for n, (code, name) in enumerate(SERIES, start=1):
        Series.objects.update_or_create(code=code, defaults={"name": name, "sort_order": n * 10})


class Migration(migrations.Migration):
    dependencies = [("registers_events", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
