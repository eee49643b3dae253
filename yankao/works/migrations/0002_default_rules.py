"""Kaohsiung defaults for the works rules (editable by the commission; see docs/works.md for
which numbers are confirmed and which are sensible defaults)."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

FROM = datetime.date(2000, 1, 1)
TIERS = [
    # code, name, lower cut-off (元), statutory inspection rate, sort
    ("huge", "巨額採購", 200_000_000, Decimal("0.20"), 1),
    ("audit", "查核金額以上", 50_000_000, Decimal("0.10"), 2),
    ("announce", "公告金額以上", 1_500_000, Decimal("0.05"), 3),
    ("below", "未達公告金額", 0, Decimal("0"), 4),
]
GRADES = [("優等", 90, False), ("甲等", 80, False), ("乙等", 70, False), ("丙等", 0, True)]
RISK_WEIGHTS = {
    "behind": 3,
    "low_bid": 2,
    "contractor_grade": 2,
    "supervisor_grade": 2,
    "citizen_reports": 2,
    "safety": 3,
    "tier": 1,
    "never_inspected": 1,
}


def seed(apps, schema_editor):
    AmountTier = apps.get_model("works", "AmountTier")
    GradeBand = apps.get_model("works", "GradeBand")
    DefectCode = apps.get_model("works", "DefectCode")
    WorksRule = apps.get_model("works", "WorksRule")
    for code, name, amount, rate, sort in TIERS:
        AmountTier.objects.get_or_create(
            code=code,
            effective_from=FROM,
            defaults={"name": name, "min_amount": amount, "statutory_rate": rate, "sort_order": sort},
        )
    for name, score, follow in GRADES:
        GradeBand.objects.get_or_create(
            name=name, effective_from=FROM, defaults={"min_score": score, "needs_follow_up": follow}
        )
    path = Path(__file__).resolve().parent.parent / "data" / "defect_codes.json"
    for code, chapter, title, party, points in json.loads(path.read_text(encoding="utf-8")):
        DefectCode.objects.get_or_create(
            code=code, defaults={"chapter": chapter, "title": title, "party": party, "points": points}
        )
    WorksRule.objects.get_or_create(effective_from=FROM, defaults={"risk_weights": RISK_WEIGHTS})


def unseed(apps, schema_editor):
    for name in ("AmountTier", "GradeBand", "DefectCode", "WorksRule"):
        apps.get_model("works", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("works", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
