"""The demo city's public works (工程查核) for 113 (2024), made through the services, so that the
figures of section 肆 of the reference report come out of the records exactly:

- 200 inspections in 113, 3 of them re-inspections; every tier at least twice its statutory minimum;
- the tender-system filing rate 100 % in every month of 113;
- at least 20 documentary checks (書面查證) every month;
- 110 全民督工 reports, all closed; 15 satisfaction answers, 13 satisfied (87 %);
  56 about projects in construction, 13 of those inspected (23 %);
- the 7 training sessions with the reference's dates and titles.

These numbers do not change with the scale; the scale only adds projects running now (after 113),
so the back-office pages of the current month have something to show. Names of projects,
contractors, scores, grades and defects are invented.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from yankao.core.demo import DemoContext
from yankao.core.workdays import is_working_day
from yankao.org.models import Agency, Role, User
from yankao.works import services
from yankao.works.dates import month_end, next_month
from yankao.works.models import (
    CitizenReport,
    DefectCode,
    DocumentaryCheck,
    Inspection,
    InspectionMember,
    ProgressReport,
    Project,
    TrainingSession,
)

YEAR = 2024
# projects in construction during 113, per tier: (count, amount range in 元)
TIERS = {
    "huge": (40, 200_000_000, 1_500_000_000),
    "audit": (120, 50_000_000, 199_000_000),
    "announce": (300, 1_500_000, 49_000_000),
    "below": (60, 200_000, 1_490_000),
}
# regular inspections per tier in 113; plus re-inspections (1 audit, 2 announce) → 24 / 66 / 110 = 200
REGULAR = {"huge": 24, "audit": 65, "announce": 108}
AGENCIES = ["PWB", "PWB-MAINT", "WRB", "EDU", "MRT", "UDB", "CAB", "SPO", "EPB", "DO-64000120"]
KINDS = [
    "道路改善",
    "排水改善",
    "人行道環境改善",
    "校舍耐震補強",
    "活動中心新建",
    "橋梁耐震補強",
    "公園整建",
    "停車場新建",
    "自行車道",
    "滯洪池",
]
PLACES = ["鳳山", "三民", "左營", "楠梓", "前鎮", "苓雅", "岡山", "旗山", "小港", "鼓山", "大寮", "仁武"]
CONTRACTORS = [
    f"{n}營造有限公司"
    for n in ("大發", "永盛", "南興", "港都", "高鼎", "鴻利", "新亞", "長榮", "富國", "宏德", "東昇", "建成")
]
SUPERVISORS = [f"{n}工程顧問有限公司" for n in ("永續", "中鼎", "興宇", "台開", "文華", "聯合")]
MEMBERS = ["林建國", "陳淑華", "黃志明", "張美玲", "李文雄", "王嘉琪", "吳俊傑", "劉雅惠", "蔡明哲", "楊秀英"]
TRAINING = [
    (dt.date(2024, 3, 27), "金質獎推薦參獎籌備及注意事項（含簡報製作）", ""),
    (dt.date(2024, 4, 11), "品質預警機制 2.0", ""),
    (dt.date(2024, 5, 31), "113年度通學步道工程施工重點及常見缺失", ""),
    (dt.date(2024, 6, 14), "工程竣工、結算及驗收注意事項與案例分享研習班", "人發中心"),
    (dt.date(2024, 7, 5), "113年度校舍 RC 工程施工重點及查核常見缺失", "教育局"),
    (dt.date(2024, 10, 22), "監造計畫暨品質計畫審查要領研習班", "人發中心"),
    (dt.date(2024, 11, 8), "113年度民生工程之 AC 及 PC 道路工程施工實務", "民政局"),
]
# 全民督工 of 113: (in construction & inspected, in construction only, not in construction)
REPORTS_INSPECTED, REPORTS_IN_CONSTRUCTION, REPORTS_TOTAL = 13, 56, 110
SATISFIED, DISSATISFIED = 13, 2


def aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def working_day_on_or_after(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def populate(ctx: DemoContext) -> None:
    rng = random.Random(ctx.seed * 1000 + 6)
    commission = User.objects.get(username="rdec-officer")
    inspector = User.objects.get(username="inspector")
    officers = _agency_officers()
    projects = _projects(rng, commission)
    _filings(rng, commission, projects)
    _documentary_checks(rng, commission, officers)
    inspections = _inspections(rng, inspector, officers)
    _citizen_reports(rng, commission, inspector, officers, projects, inspections)
    _training(commission)
    _current(ctx, rng, commission)
    ctx.progress(
        f"  工程查核：{Project.objects.count()} 件標案、{Inspection.objects.count()} 件查核、"
        f"{CitizenReport.objects.count()} 件全民督工"
    )


def _agency_officers() -> dict[int, User]:
    """One works officer (工程承辦) per demo agency, to file progress and answer defects."""
    from yankao.org.services import user_create_staff

    officers = {}
    for code in AGENCIES:
        agency = Agency.objects.get(code=code)
        username = "pwb-officer" if code == "PWB" else f"works-{code.lower()}"
        user = User.objects.filter(username=username).first() or user_create_staff(
            username=username,
            password=None,
            agency=agency,
            roles=[Role.CASE_OFFICER],
            display_name=f"{agency.short_name or agency.name}工程承辦",
        )
        officers[agency.pk] = user
    return officers


def _projects(rng: random.Random, actor: User) -> list[Project]:
    """520 tenders in construction during 113; about half finish within 113, the rest in 114."""
    agencies = list(Agency.objects.filter(code__in=AGENCIES).order_by("code"))
    existing = {p.tender_number: p for p in Project.objects.filter(tender_number__startswith="113-")}
    result = []
    with transaction.atomic():
        for tier, (count, low, high) in TIERS.items():
            for n in range(1, count + 1):
                number = f"113-{tier.upper()}-{n:03d}"
                agency = agencies[(n * 7 + len(tier)) % len(agencies)]
                start = dt.date(2023, 7, 1) + dt.timedelta(days=rng.randrange(0, 300))
                months = rng.randint(10, 20)
                planned = start + dt.timedelta(days=months * 30)
                actual = planned + dt.timedelta(days=rng.choice([0, 0, 10, 30, 60]))
                amount = Decimal(rng.randrange(low, high) // 1000 * 1000)
                project = existing.get(number) or services.project_create(
                    actor=actor,
                    tender_number=number,
                    name=f"{rng.choice(PLACES)}區{rng.choice(KINDS)}工程（{n}）",
                    agency=agency,
                    contract_amount=amount,
                    budget_amount=(amount / Decimal(rng.choice(["0.95", "0.9", "0.85", "0.78"]))).quantize(Decimal(1)),
                    award_date=start - dt.timedelta(days=rng.randint(20, 60)),
                    start_date=start,
                    planned_completion=planned,
                    actual_completion=actual,
                    status=Project.Status.ACCEPTED if actual < dt.date(2025, 6, 1) else Project.Status.COMPLETED,
                    contractor=rng.choice(CONTRACTORS),
                    supervisor=rng.choice(SUPERVISORS),
                    location=f"高雄市{rng.choice(PLACES)}區",
                    safety_incidents=1 if rng.random() < 0.03 else 0,
                )
                result.append(project)
    return result


def _plan_pct(project: Project, month: dt.date) -> Decimal:
    assert project.start_date and project.planned_completion
    total = (project.planned_completion - project.start_date).days or 1
    done = (min(month_end(month), project.planned_completion) - project.start_date).days
    return Decimal(max(0, min(100, round(100 * done / total, 2)))).quantize(Decimal("0.01"))


def _filings(rng: random.Random, actor: User, projects: list[Project]) -> None:
    """Every month a project is in construction, filed by the 6th of the next month (100 %)."""
    entries = []
    for project in projects:
        assert project.start_date and project.actual_completion
        behind = rng.random() < 0.12
        month = project.start_date.replace(day=1)
        while month <= project.actual_completion:
            planned = _plan_pct(project, month)
            lag = Decimal(rng.randint(11, 18) if behind and Decimal(20) < planned < Decimal(90) else rng.randint(0, 4))
            actual = (
                max(Decimal(0), planned - lag) if month < project.actual_completion.replace(day=1) else Decimal(100)
            )
            filed_on = next_month(month) + dt.timedelta(days=rng.randint(0, 5))
            entries.append(services.ProgressEntry(project, month, planned, actual, aware(filed_on, 9)))
            month = next_month(month)
    services.progress_file_bulk(actor=actor, entries=entries, source="pcc", label="示範資料")


def _documentary_checks(rng: random.Random, actor: User, officers: dict[int, User]) -> None:
    """書面查證: 20–24 projects a month, the late ones first; letters and answers for the late."""
    if DocumentaryCheck.objects.filter(month__year=YEAR).exists():
        return
    from yankao.works.selectors.projects import in_construction_during

    with transaction.atomic():
        for m in range(1, 13):
            month = dt.date(YEAR, m, 1)
            # plain values: loading thousands of audited rows would snapshot each one
            gaps = dict(
                ProgressReport.objects.filter(
                    month=month, project__in=Project.objects.filter(in_construction_during(month, month_end(month)))
                )
                .order_by("project__tender_number")
                .annotate(shortfall=F("planned_pct") - F("actual_pct"))
                .values_list("project_id", "shortfall")
            )
            late = [pk for pk, gap in gaps.items() if gap > 10]
            others = [pk for pk in gaps if pk not in set(late)]
            chosen_ids = (late + rng.sample(others, len(others)))[: rng.randint(20, 24)]
            by_id = Project.objects.in_bulk(chosen_ids)
            chosen = [by_id[pk] for pk in chosen_ids]
            checked_on = working_day_on_or_after(next_month(month).replace(day=10))
            for project in chosen:
                check = services.documentary_check_record(
                    actor=actor,
                    project=project,
                    month=month,
                    checked_on=checked_on,
                    finding="依標案管理系統填報資料查證",
                )
                if check.behind:
                    services.documentary_check_send_letter(
                        actor=actor,
                        check=check,
                        sent_on=checked_on,
                        letter_number=f"高市研管字第{113}{m:02d}{check.pk % 1000:04d}號",
                    )
                    services.documentary_check_answer(
                        actor=officers[project.agency_id],
                        check=check,
                        countermeasure="增派人力機具並調整工序趕工，每週檢討進度。",
                        answered_on=checked_on + dt.timedelta(days=10),
                    )


def _members(rng: random.Random, target: float) -> list[services.MemberInput]:
    names = rng.sample(MEMBERS, rng.randint(3, 5))
    roles = [InspectionMember.Role.LEADER] + [
        rng.choice([InspectionMember.Role.MEMBER, InspectionMember.Role.EXTERNAL]) for _ in names[1:]
    ]
    return [services.MemberInput(n, r, round(target + rng.uniform(-1, 1))) for n, r in zip(names, roles, strict=True)]


def _inspections(rng: random.Random, actor: User, officers: dict[int, User]) -> list[Inspection]:
    """197 unannounced inspections and 3 re-inspections in 113."""
    existing = list(Inspection.objects.filter(inspected_on__year=YEAR, kind="regular").order_by("number"))
    if existing:
        return existing
    codes = list(DefectCode.objects.filter(is_active=True))
    weights = [5 if c.code.startswith(("4.02", "4.03", "5.")) else 2 for c in codes]
    plan = [tier for tier, n in REGULAR.items() for _ in range(n)]
    rng.shuffle(plan)
    targets = ["優"] * 18 + ["甲"] * 150 + ["乙"] * 27 + ["丙"] * 2
    rng.shuffle(targets)
    band = {"優": (91, 95), "甲": (81, 88), "乙": (72, 78), "丙": (62, 67)}
    created = []
    by_tier: dict[str, list[Project]] = {}
    for project in Project.objects.filter(tender_number__startswith="113-").order_by("tender_number"):
        by_tier.setdefault(project.tier, []).append(project)
    with transaction.atomic():
        for i, tier in enumerate(plan):
            month = 1 + i * 12 // len(plan)
            day = working_day_on_or_after(dt.date(YEAR, month, 1 + (i * 7) % 26))
            pool = [
                p
                for p in by_tier[tier]
                if p.start_date and p.start_date <= day and (p.actual_completion is None or p.actual_completion >= day)
            ]
            project = rng.choice(pool)
            low, high = band[targets[i]]
            inspection = services.inspection_create(
                actor=actor, project=project, inspected_on=day, members=_members(rng, rng.uniform(low + 1, high - 1))
            )
            for code in rng.choices(codes, weights=weights, k=rng.randint(2, 7)):
                services.defect_add(
                    actor=actor,
                    inspection=inspection,
                    code=code,
                    description=f"{code.title}（現場抽查）",
                    severity="major" if rng.random() < 0.08 else "minor",
                )
            inspection = services.inspection_finalise(actor=actor, inspection=inspection, version=inspection.version)
            created.append(inspection)
        _answers_and_reinspections(rng, actor, officers, created)
    return created


def _answers_and_reinspections(
    rng: random.Random, actor: User, officers: dict[int, User], done: list[Inspection]
) -> None:
    """Agencies answer every defect; the 丙等 ones and one 乙等 are re-inspected (3 複查);
    the other answers are accepted on paper (書面審查)."""
    grade_c = [i for i in done if i.grade == "丙等" and i.inspected_on.month <= 10]
    grade_b = [i for i in done if i.grade == "乙等" and i.inspected_on.month <= 10]
    revisit = (grade_c + grade_b)[:3]
    for inspection in done:
        for defect in inspection.defects.all():
            services.defect_answer(
                actor=officers[inspection.agency_id], defect=defect, reply="已依查核意見改善完成，檢附改善前後照片。"
            )
        if inspection.needs_follow_up:
            services.follow_up_add(
                actor=actor,
                inspection=inspection,
                kind="notice",
                taken_on=inspection.inspected_on + dt.timedelta(days=7),
                note="函請主辦機關檢討並督促廠商改善",
            )
            services.follow_up_add(
                actor=actor,
                inspection=inspection,
                kind="penalty",
                amount=rng.choice([30000, 50000]),
                taken_on=inspection.inspected_on + dt.timedelta(days=21),
                note="依契約品質缺失扣點計罰",
            )
        if inspection not in revisit:
            for defect in inspection.defects.all():
                services.defect_accept(actor=actor, defect=defect, on=inspection.inspected_on + dt.timedelta(days=35))
    for inspection in revisit:
        day = working_day_on_or_after(inspection.inspected_on + dt.timedelta(days=35))
        services.reinspection_record(
            actor=actor,
            original=inspection,
            inspected_on=day,
            closes=list(inspection.defects.values_list("pk", flat=True)),
            summary="缺失均已改善完成",
            members=_members(rng, 85)[:2],
        )


def _citizen_reports(
    rng: random.Random,
    commission: User,
    inspector: User,
    officers: dict[int, User],
    projects: list[Project],
    inspections: list[Inspection],
) -> None:
    """110 reports: 13 about projects in construction that were then inspected, 43 more about
    projects in construction, 54 about finished works or roads without a project; all closed;
    15 reporters answered the satisfaction question, 13 satisfied."""
    start, end = aware(dt.date(YEAR, 1, 1), 0), aware(dt.date(YEAR + 1, 1, 1), 0)
    if CitizenReport.objects.filter(received_at__gte=start, received_at__lt=end).exists():
        return
    citizens = list(User.objects.filter(kind=User.Kind.CITIZEN).order_by("username")[:20])
    inspected = rng.sample(inspections, REPORTS_INSPECTED)
    subjects = [
        "工地圍籬破損",
        "施工噪音擾鄰",
        "工地周邊路面坑洞",
        "夜間施工未設警示燈",
        "工區積水未排除",
        "施工揚塵",
        "鋼筋外露",
    ]
    plans: list[tuple[dt.datetime, Project | None, Inspection | None]] = []
    for inspection in inspected:
        plans.append(
            (aware(inspection.inspected_on - dt.timedelta(days=rng.randint(3, 15)), 11), inspection.project, inspection)
        )
    while len(plans) < REPORTS_IN_CONSTRUCTION:
        project = rng.choice(projects)
        assert project.start_date and project.actual_completion
        first, last = (
            max(project.start_date, dt.date(YEAR, 1, 1)),
            min(project.actual_completion, dt.date(YEAR, 12, 20)),
        )
        if first < last:
            plans.append((aware(first + dt.timedelta(days=rng.randrange((last - first).days)), 14), project, None))
    while len(plans) < REPORTS_TOTAL:
        plans.append((aware(dt.date(YEAR, 1, 2) + dt.timedelta(days=rng.randrange(350)), 15), None, None))
    plans.sort(key=lambda p: p[0])
    rated = set(rng.sample(range(REPORTS_TOTAL), SATISFIED + DISSATISFIED))
    unhappy = set(rng.sample(sorted(rated), DISSATISFIED))
    cab = Agency.objects.get(code="CAB")
    with transaction.atomic():
        for n, (received, about, inspected_by) in enumerate(plans):
            channel = ["web", "1999", "1999", "pcc"][n % 4]
            subject = rng.choice(subjects)
            kwargs: dict[str, Any] = {
                "received_at": received,
                "subject": subject,
                "content": f"{subject}，請儘速處理。",
                "location": f"高雄市{rng.choice(PLACES)}區",
            }
            if channel == "web":
                report = services.citizen_report_file(actor=citizens[n % len(citizens)], **kwargs)
            else:
                report = services.citizen_report_file(
                    actor=commission,
                    channel=channel,
                    reporter_name=f"{rng.choice('王李張陳林黃')}先生",
                    service_case_number=f"{113}{received.month:02d}{received.day:02d}-{n:04d}"
                    if channel == "1999"
                    else "",
                    **kwargs,
                )
            agency = about.agency if about else (Agency.objects.get(code="PWB-MAINT") if n % 3 else cab)
            services.citizen_report_assign(
                actor=commission, report=report, agency=agency, project=about, at=received + dt.timedelta(hours=3)
            )
            handler = officers.get(agency.pk, commission)
            services.citizen_report_note(actor=handler, report=report, text="已派員現場會勘並通知廠商改善。")
            services.citizen_report_close(
                actor=handler,
                report=report,
                reply="經查已督促廠商完成改善，謝謝您的通報。",
                at=received + dt.timedelta(days=rng.randint(2, 6)),
            )
            if inspected_by is not None:
                services.citizen_report_link_inspection(actor=inspector, report=report, inspection=inspected_by)
            if n in rated:
                rater = report.reporter if report.reporter_id else commission
                services.citizen_report_rate(
                    actor=rater,
                    report=report,
                    satisfaction="dissatisfied" if n in unhappy else "satisfied",
                    at=received + dt.timedelta(days=9),
                )


def _training(actor: User) -> None:
    for held_on, title, co in TRAINING:
        if not TrainingSession.objects.filter(held_on=held_on, title=title).exists():
            services.training_create(actor=actor, held_on=held_on, title=title, co_organiser=co)


def _current(ctx: DemoContext, rng: random.Random, actor: User) -> None:
    """Projects in construction now (after 113), filed up to last month, a few behind schedule."""
    today = timezone.localdate()
    agencies = list(Agency.objects.filter(code__in=AGENCIES).order_by("code"))
    entries = []
    with transaction.atomic():
        for n in range(1, ctx.count(40) + 1):
            number = f"NOW-{n:03d}"
            if Project.objects.filter(tender_number=number).exists():
                continue
            start = today - dt.timedelta(days=rng.randint(60, 400))
            amount = Decimal(rng.choice([3_000_000, 18_000_000, 65_000_000, 260_000_000]))
            project = services.project_create(
                actor=actor,
                tender_number=number,
                name=f"{rng.choice(PLACES)}區{rng.choice(KINDS)}工程（續{n}）",
                agency=agencies[n % len(agencies)],
                contract_amount=amount,
                budget_amount=amount / Decimal("0.88"),
                award_date=start - dt.timedelta(days=30),
                start_date=start,
                planned_completion=start + dt.timedelta(days=rng.randint(450, 700)),
                contractor=rng.choice(CONTRACTORS),
                supervisor=rng.choice(SUPERVISORS),
                location=f"高雄市{rng.choice(PLACES)}區",
                safety_incidents=1 if n % 9 == 0 else 0,
            )
            month = start.replace(day=1)
            behind = n % 5 == 0
            while next_month(month) <= today.replace(day=1):
                planned = _plan_pct(project, month)
                actual = max(
                    Decimal(0), planned - (Decimal(14) if behind and planned > 20 else Decimal(rng.randint(0, 3)))
                )
                filed = min(next_month(month) + dt.timedelta(days=rng.randint(0, 5)), today)
                entries.append(services.ProgressEntry(project, month, planned, actual, aware(filed, 9)))
                month = next_month(month)
        services.progress_file_bulk(actor=actor, entries=entries, source="pcc", label="示範資料（進行中工程）")
