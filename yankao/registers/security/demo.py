"""Demo: the 113 security programme — 400 planned audits, 263 done (66 %), 110 auditors from
agencies, academia and industry, 4 briefings; the red-team exercise with 6 teams and 39 systems all
confirmed fixed on re-test; maturity: 9 B-class agencies at Level 3 and 42 C-class at Level 1.

The reference gives only the agencies that reached their target; the demo adds 2 B-class and 10
C-class agencies below target so that the share at target (51 / 63 = 80.95 %) matches its
"達到 80% 以上的目標"."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from yankao.core.demo import DemoContext
from yankao.org.models import Agency
from yankao.registers.demo_support import GIVEN, SURNAMES, commission_officer
from yankao.registers.security import services
from yankao.registers.security.models import AuditPlan, Briefing, RedTeamExercise, SecurityAudit

PLANNED, DONE = 400, 263
AUDITORS = {"staff": 60, "academic": 25, "industry": 25}
SYSTEMS = [
    "二代公文系統",
    "市府全球資訊網",
    "1999 線上即時服務系統",
    "高雄數位市民",
    "差勤系統",
    "人事服務網",
    "公文電子交換",
    "地政資訊系統",
    "交通違規查詢",
    "智慧停車",
    "圖書館借閱系統",
    "校務行政系統",
    "社福補助系統",
    "長照服務系統",
    "環保稽查系統",
    "空品監測平台",
    "水情監測系統",
    "道路挖掘管理",
    "建照管理系統",
    "都市計畫查詢",
    "稅務查詢",
    "採購管理系統",
    "會計系統",
    "公有財產管理",
    "市政信箱",
    "民意調查平台",
    "公民參與網",
    "出國報告資訊網",
    "觀光資訊網",
    "活動報名系統",
    "場館預約系統",
    "運動中心管理",
    "衛生所掛號",
    "疫苗預約",
    "防疫物資管理",
    "消防救災派遣",
    "警政報案查詢",
    "民政戶政預約",
    "區公所網站群",
]


def _agencies() -> list[Agency]:
    return list(
        Agency.objects.filter(city__code=settings.YANKAO_CITY_CODE, is_active=True).order_by("sort_order", "code")
    )


def _audits(ctx: DemoContext, officer: object, plan: AuditPlan, agencies: list[Agency]) -> None:
    auditors = list(plan.auditors.all())
    start = dt.date(2024, 3, 4)
    planned, done = ctx.count(PLANNED), ctx.count(DONE)
    for i in range(plan.audits.count(), planned):
        services.audit_schedule(
            actor=officer,
            plan=plan,
            agency=agencies[i % len(agencies)],
            scheduled_on=start + dt.timedelta(days=(i * 300) // planned),
        )
    for audit in plan.audits.filter(status=SecurityAudit.Status.PLANNED).order_by("scheduled_on", "pk")[
        : max(0, done - plan.audits.filter(status="done").count())
    ]:
        findings = (
            [("未定期檢視帳號權限", audit.scheduled_on + dt.timedelta(days=60))] if ctx.rng.random() < 0.4 else []
        )
        services.audit_complete(
            actor=officer,
            audit=audit,
            audited_on=audit.scheduled_on,
            auditors=ctx.rng.sample(auditors, 3),
            findings=findings,
        )


@transaction.atomic  # one commit per register: the audit trail is per record, the fsync per batch
def populate(ctx: DemoContext) -> None:
    officer = commission_officer()
    agencies = _agencies()
    plan = AuditPlan.objects.filter(year=2024).first()
    if plan is None:
        plan = services.plan_create(
            actor=officer,
            year=2024,
            title="113年度資通安全維護計畫實施情形稽核",
            planned_audits=ctx.count(PLANNED),
            remainder_due=dt.date(2025, 3, 31),
        )
        n = 0
        for kind, count in AUDITORS.items():
            for _ in range(ctx.count(count)):
                n += 1
                name = SURNAMES[n % len(SURNAMES)] + GIVEN[n % len(GIVEN)]
                affiliation = {"staff": "市府資安人員", "academic": "國立大學資訊系", "industry": "資安業者"}[kind]
                services.auditor_add(actor=officer, plan=plan, name=name, kind=kind, affiliation=affiliation)
        for topic, count, title in (
            (Briefing.Topic.AUDIT, 4, "稽核說明會"),
            (Briefing.Topic.MATURITY_BRIEFING, 2, "成熟度評估說明會"),
            (Briefing.Topic.MATURITY_COACHING, 7, "成熟度評估輔導"),
        ):
            for i in range(count):
                services.briefing_add(
                    actor=officer,
                    year=2024,
                    topic=topic,
                    held_on=dt.date(2024, 2 + i, 15),
                    title=f"{title}（第 {i + 1} 場）",
                    participants=30,
                )
    _audits(ctx, officer, plan, agencies)
    if not RedTeamExercise.objects.filter(year=2024).exists():
        exercise = services.exercise_create(actor=officer, year=2024, title="113年度資安紅藍隊攻防演練", teams=6)
        rdec_it = next(a for a in agencies if a.code == "RDEC-IT")
        for i, name in enumerate(SYSTEMS):
            weaknesses = ctx.rng.randint(0, 6)
            system = services.system_test(
                actor=officer,
                exercise=exercise,
                agency=rdec_it if i < 8 else agencies[i % len(agencies)],
                name=name,
                team_no=i % 6 + 1,
                tested_on=dt.date(2024, 6, 3),
                weaknesses=weaknesses,
            )
            services.system_retest(actor=officer, system=system, retested_on=dt.date(2024, 9, 2), fixed=weaknesses)
    _maturity(officer, agencies)
    ctx.progress(f"  資安：稽核 {plan.audits.count()} 場、紅隊 {len(SYSTEMS)} 系統")


def _maturity(officer: object, agencies: list[Agency]) -> None:
    from yankao.registers.security.models import MaturityAssessment

    if MaturityAssessment.objects.filter(year=2024).exists():
        return
    by_code = {a.code: a for a in agencies}
    first = [a for a in agencies if a.kind == Agency.Kind.FIRST_LEVEL and a.code not in {"LAND", "TRA", "SWB", "EPB"}]
    districts = [a for a in agencies if a.kind == Agency.Kind.DISTRICT_OFFICE]
    b_class = [by_code["LAND"], by_code["TRA"], *first[:9]]  # 11: 9 at Level 3, 2 below
    c_class = [by_code["SWB"], by_code["EPB"], *first[9:21], *districts]  # 2 + 12 + 38 = 52: 42 at Level 1
    for i, agency in enumerate(b_class):
        services.maturity_record(
            actor=officer,
            year=2024,
            agency=agency,
            agency_class="B",
            level=3 if i < 9 else 2,
            assessed_on=dt.date(2024, 10, 31),
        )
    for i, agency in enumerate(c_class):
        services.maturity_record(
            actor=officer,
            year=2024,
            agency=agency,
            agency_class="C",
            level=1 if i < 42 else 0,
            assessed_on=dt.date(2024, 10, 31),
        )
