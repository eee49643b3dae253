"""Maturity targets (資安治理成熟度): B-class agencies Level 3, C-class Level 1, 80 % of agencies at
target — the goals named in the 113 report; editable by the commission."""

from decimal import Decimal

from django.db import migrations


def load(apps, schema_editor):
    Target = apps.get_model("registers_security", "MaturityTarget")
    for agency_class, level in (("B", 3), ("C", 1)):
        Target.objects.get_or_create(
            year_from=2024, agency_class=agency_class, defaults={"target_level": level, "goal_share": Decimal("80.00")}
        )


class Migration(migrations.Migration):
    dependencies = [("registers_security", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
