"""Kaohsiung defaults for the rules of programme control (列管作業規定), editable by the commission.

Values marked "assumed" in docs/programmes.md are defaults to be checked against the current
text of the city's 列管計畫評鑑要點 / 所屬事業機構年度考核要點; the commission edits them as data.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

SINCE = dt.date(2011, 1, 1)

DELAY_REASONS = [
    ("01", "用地取得問題"),
    ("02", "規劃設計問題"),
    ("03", "招標發包問題"),
    ("04", "施工技術問題"),
    ("05", "經費籌措或預算問題"),
    ("06", "法令或行政程序問題"),
    ("07", "民眾陳情或抗爭"),
    ("08", "天候因素"),
    ("09", "配合其他機關或工程"),
    ("10", "廠商履約問題"),
    ("99", "其他"),
]
CRITERIA = {
    "programme": [("P1", "計畫作業", 15), ("P2", "執行進度", 35), ("P3", "經費執行", 20), ("P4", "執行成效", 30)],
    "enterprise": [("E1", "業務經營", 40), ("E2", "財務管理", 30), ("E3", "組織管理", 15), ("E4", "創新服務", 15)],
}
BANDS = {
    "programme": [("甲", 90), ("乙", 80), ("丙", 0)],
    "enterprise": [("甲", 80), ("乙", 70), ("丙", 60), ("丁", 0)],
}


def load(apps, schema_editor):
    ControlRules = apps.get_model("programmes", "ControlRules")
    DelayReason = apps.get_model("programmes", "DelayReason")
    EvaluationCriterion = apps.get_model("programmes", "EvaluationCriterion")
    GradeBand = apps.get_model("programmes", "GradeBand")
    ControlRules.objects.get_or_create(
        effective_from=SINCE, defaults={"note": "高雄市政府列管計畫評鑑要點（系統預設值）"}
    )
    for n, (code, name) in enumerate(DELAY_REASONS):
        DelayReason.objects.get_or_create(code=code, defaults={"name": name, "sort_order": n})
    for scheme, rows in CRITERIA.items():
        for n, (code, name, weight) in enumerate(rows):
            EvaluationCriterion.objects.get_or_create(
                scheme=scheme,
                effective_from=SINCE,
                code=code,
                defaults={"name": name, "weight": Decimal(weight), "sort_order": n},
            )
    for scheme, rows in BANDS.items():
        for grade, min_score in rows:
            GradeBand.objects.get_or_create(
                scheme=scheme, effective_from=SINCE, grade=grade, defaults={"min_score": Decimal(min_score)}
            )


def unload(apps, schema_editor):
    for name in ("ControlRules", "DelayReason", "EvaluationCriterion", "GradeBand"):
        apps.get_model("programmes", name).objects.filter().delete()


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
