"""Kaohsiung defaults for the service centre's rules (editable by the commission afterwards).

Sources: 高雄市政府研考會 113 年施政績效報告 伍、為民服務 (urgent dispatch: 路面坑洞、路樹傾倒、路燈故障、
交通號誌故障… within 4 hours, around the clock; the legal-consultation service points) and
行政機關處理人民陳情案件要點 (a petition is answered within at most 30 days). The petition
day counts per difficulty (6 / 15 / 30 working days) and the catalogue are defaults chosen for
the demo city: see docs/service.md.
"""

import datetime

from django.db import migrations

START = datetime.date(2000, 1, 1)

DEADLINE_RULES = [
    ("urgent_dispatch", "緊急派工（立即危險）", 4, "calendar_hours"),
    ("dispatch", "一般派工", 3, "working_days"),
    ("petition_simple", "人民陳情（簡易）", 6, "working_days"),
    ("petition_normal", "人民陳情（一般）", 15, "working_days"),
    ("petition_complex", "人民陳情（複雜）", 30, "working_days"),
    ("consultation", "市政諮詢", 3, "working_days"),
]

# the 11 districts of the former Kaohsiung City: street lights kept by 工務局養護工程處;
# elsewhere by the district office (區公所)
FORMER_CITY = ["鹽埕區", "鼓山區", "左營區", "楠梓區", "三民區", "新興區", "前金區", "苓雅區", "前鎮區", "旗津區", "小港區"]

# service_code, name, group, kind, urgent, deadline rule, default agency code (None: the centre assigns)
CATEGORIES = [
    ("D01", "路面坑洞", "道路", "dispatch", True, "urgent_dispatch", "PWB-MAINT"),
    ("D02", "路樹傾倒", "道路", "dispatch", True, "urgent_dispatch", "PWB-MAINT"),
    ("D03", "路燈故障", "道路", "dispatch", True, "urgent_dispatch", "@district"),
    ("D04", "交通號誌故障", "交通", "dispatch", True, "urgent_dispatch", "TRA"),
    ("D05", "人孔蓋或水溝蓋破損", "道路", "dispatch", True, "urgent_dispatch", "WRB"),
    ("D06", "道路障礙物", "道路", "dispatch", True, "urgent_dispatch", "PWB-MAINT"),
    ("D07", "道路積淹水", "水利", "dispatch", True, "urgent_dispatch", "WRB"),
    ("D11", "環境髒亂", "環境", "dispatch", False, "dispatch", "EPB"),
    ("D12", "違規小廣告", "環境", "dispatch", False, "dispatch", "EPB"),
    ("D13", "公園設施損壞", "公園", "dispatch", False, "dispatch", "PWB-MAINT"),
    ("D14", "動物救援及管制", "動物", "dispatch", False, "dispatch", "AGR"),
    ("D15", "違規停車", "交通", "dispatch", False, "dispatch", "POL"),
    ("D16", "噪音", "環境", "dispatch", False, "dispatch", "EPB"),
    ("P01", "交通運輸", "陳情", "petition", False, "petition_normal", "TRA"),
    ("P02", "環境保護", "陳情", "petition", False, "petition_normal", "EPB"),
    ("P03", "社會福利", "陳情", "petition", False, "petition_normal", "SWB"),
    ("P04", "教育", "陳情", "petition", False, "petition_normal", "EDU"),
    ("P05", "警政治安", "陳情", "petition", False, "petition_normal", "POL"),
    ("P06", "都市計畫與建築管理", "陳情", "petition", False, "petition_normal", "UDB"),
    ("P07", "衛生醫療", "陳情", "petition", False, "petition_normal", "HEA"),
    ("P08", "勞工權益", "陳情", "petition", False, "petition_normal", "LAB"),
    ("P09", "民政戶政", "陳情", "petition", False, "petition_normal", "CAB"),
    ("P10", "水利與下水道", "陳情", "petition", False, "petition_normal", "WRB"),
    ("P11", "道路與公園工程", "陳情", "petition", False, "petition_normal", "PWB"),
    ("P12", "經濟與市場", "陳情", "petition", False, "petition_normal", "EDB"),
    ("P13", "地政", "陳情", "petition", False, "petition_normal", "LAND"),
    ("P14", "消防安全", "陳情", "petition", False, "petition_normal", "FIRE"),
    ("P99", "其他市政陳情", "陳情", "petition", False, "petition_normal", None),
    ("C01", "市政諮詢", "諮詢", "consultation", False, "consultation", "RDEC"),
    ("O01", "其他", "其他", "other", False, "petition_normal", None),
]

ESCALATION = [(1, 0, "agency_manager"), (2, 3, "commission")]

LEGAL_POINTS = [
    ("SIWEI", "四維行政中心"),
    ("FENGSHAN", "鳳山區公所"),
    ("GANGSHAN", "岡山區公所"),
    ("QISHAN", "旗山區公所"),
    ("LINYUAN", "林園區公所"),
    ("QIANZHEN", "前鎮區公所"),
    ("CIJIN", "旗津區公所"),
    ("NEW_RESIDENTS", "新住民會館"),
]


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("service", "DeadlineRule")
    Category = apps.get_model("service", "Category")
    CategoryRoute = apps.get_model("service", "CategoryRoute")
    EscalationStep = apps.get_model("service", "EscalationStep")
    ServicePolicy = apps.get_model("service", "ServicePolicy")
    LegalServicePoint = apps.get_model("service", "LegalServicePoint")
    for code, name, amount, unit in DEADLINE_RULES:
        DeadlineRule.objects.get_or_create(
            code=code, effective_from=START, defaults={"name": name, "amount": amount, "unit": unit}
        )
    for order, (code, name, group, kind, urgent, rule, agency) in enumerate(CATEGORIES, start=1):
        category, _ = Category.objects.get_or_create(
            service_code=code,
            defaults={
                "name": name,
                "group": group,
                "kind": kind,
                "is_urgent_hazard": urgent,
                "deadline_rule_code": rule,
                "sort_order": order * 10,
            },
        )
        if agency:
            CategoryRoute.objects.get_or_create(category=category, district_name="", defaults={"agency_code": agency})
        if code == "D03":
            for district in FORMER_CITY:
                CategoryRoute.objects.get_or_create(
                    category=category, district_name=district, defaults={"agency_code": "PWB-MAINT"}
                )
    for level, days, notify in ESCALATION:
        EscalationStep.objects.get_or_create(level=level, defaults={"days_overdue": days, "notify": notify})
    ServicePolicy.objects.get_or_create(effective_from=START)
    for order, (code, name) in enumerate(LEGAL_POINTS, start=1):
        LegalServicePoint.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


def unseed(apps, schema_editor):
    for model in ("CategoryRoute", "Category", "DeadlineRule", "EscalationStep", "ServicePolicy", "LegalServicePoint"):
        apps.get_model("service", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("service", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
