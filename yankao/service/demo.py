"""Demo: a year (民國 113 = 2024) of service-centre records scaled from the reference report, and a
few live cases taken through the workflow by the demo staff.

At `--scale 1` the records reproduce 113 年施政績效報告 伍、為民服務 exactly (929,168 calls,
283,580 petitions, 123,774 dispatches, 6,498 digital-citizen cases, 127 sign-language sessions,
9,515 legal consultations, 68 + 2 first-aid services, and every percentage). The year is written
through the bulk path one month at a time (one audit event per batch), with a JobRun whose
cursor makes an interrupted run resume at the month it stopped in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from yankao.core.demo import DemoContext
from yankao.core.jobs import job_finish, job_progress, job_start
from yankao.core.models import JobRun
from yankao.core.workdays import TAIPEI, deadline_for
from yankao.service.models import (
    Call,
    Case,
    Category,
    DeadlineRule,
    FirstAidService,
    LegalConsultation,
    LegalServicePoint,
    SignLanguageSession,
)
from yankao.service.services.cases import CODE_ALPHABET, format_case_number
from yankao.service.services.rules import route_agency_id

YEAR = 2024  # 民國 113

# 113 counts from the reference report, and the splits it implies (see docs/service.md)
CALLS_CONSULTATION = 300_121  # 32.30 % of 929,168
CALLS_CASE = 381_517  # 41.06 %: 錄案後送 — each opens a phone case
CALLS_OTHER = 247_530  # 26.64 %
CALLS_RESOLVED_ON_LINE = 299_941  # 99.94 % of consultations
CALLS_SURVEYED = 20_000
CALLS_SATISFIED = 19_702  # 98.51 %
# (type, channel, count): petitions 283,580, dispatches 123,774; phone cases = case calls;
# 高雄數位市民 6,498 (reference); the other channels' split is the demo's own
CASE_CELLS: list[tuple[str, str, int]] = [
    ("dispatch", "phone", 118_000),
    ("dispatch", "digital_citizen", 4_200),
    ("dispatch", "counter", 800),
    ("dispatch", "mayor_mailbox", 759),
    ("dispatch", "line_video", 15),
    ("petition", "phone", 263_517),
    ("petition", "digital_citizen", 2_298),
    ("petition", "counter", 1_700),
    ("petition", "mayor_mailbox", 14_241),
    ("petition", "letter", 1_200),
    ("petition", "fax", 599),
    ("petition", "line_video", 25),
]
SIGN_LANGUAGE_SESSIONS = 127
LEGAL_ATTENDANCES = 9_515
LEGAL_NOT_ATTENDED = 480  # bookings that did not turn into a consultation (not counted)
FIRST_AID_SERVICES = 68
FIRST_AID_EMERGENCIES = 2
OPERATORS = 54  # 話務中心人力 54 人


def split(total: int, parts: int = 12) -> list[int]:
    """`total` spread over `parts` as evenly as possible, the remainder to the first parts."""
    base, rest = divmod(total, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


@dataclass
class MonthPlan:
    month: int
    cases: list[tuple[str, str, int]] = field(default_factory=list)
    consultation: int = 0
    resolved: int = 0
    other: int = 0
    surveyed: int = 0
    satisfied: int = 0

    @property
    def phone_cases(self) -> int:
        return sum(n for _, channel, n in self.cases if channel == "phone")

    @property
    def calls(self) -> int:
        return self.consultation + self.phone_cases + self.other


def demo_plan(scale: float) -> list[MonthPlan]:
    """How many records of each kind go into each month of 2024 at `scale` (pure: no database)."""

    def n(value: int) -> int:
        return max(1, round(value * scale))

    months = [MonthPlan(m) for m in range(1, 13)]
    for kind, channel, count in CASE_CELLS:
        for plan, part in zip(months, split(n(count)), strict=True):
            plan.cases.append((kind, channel, part))
    columns = {
        "consultation": n(CALLS_CONSULTATION),
        "resolved": n(CALLS_RESOLVED_ON_LINE),
        "other": n(CALLS_OTHER),
        "surveyed": n(CALLS_SURVEYED),
        "satisfied": n(CALLS_SATISFIED),
    }
    for name, total in columns.items():
        for plan, part in zip(months, split(total), strict=True):
            setattr(plan, name, part)
    return months


def plan_totals(plan: list[MonthPlan]) -> dict[str, Any]:
    """The counts a plan writes, in the shape of `service_counts` (for the scale-1 test)."""
    by_channel: dict[str, int] = {}
    petitions = dispatches = 0
    for month in plan:
        for kind, channel, count in month.cases:
            by_channel[channel] = by_channel.get(channel, 0) + count
            petitions += count if kind == "petition" else 0
            dispatches += count if kind == "dispatch" else 0
    return {
        "calls_total": sum(m.calls for m in plan),
        "calls_consultation": sum(m.consultation for m in plan),
        "calls_case": sum(m.phone_cases for m in plan),
        "calls_other": sum(m.other for m in plan),
        "calls_resolved": sum(m.resolved for m in plan),
        "calls_surveyed": sum(m.surveyed for m in plan),
        "calls_satisfied": sum(m.satisfied for m in plan),
        "petitions": petitions,
        "dispatches": dispatches,
        "by_channel": by_channel,
    }


# --- writing a month ------------------------------------------------------------------------------


class _Lookups:
    """Catalogue, districts, routes and deadlines, read once and cached for the bulk writer."""

    def __init__(self) -> None:
        from django.conf import settings

        from yankao.org.models import District

        self.districts = list(District.objects.filter(city__code=settings.YANKAO_CITY_CODE).order_by("code"))
        cats = list(Category.objects.filter(is_active=True))
        self.urgent = [c for c in cats if c.kind == "dispatch" and c.is_urgent_hazard]
        self.dispatch = [c for c in cats if c.kind == "dispatch" and not c.is_urgent_hazard]
        self.petition = [c for c in cats if c.kind == "petition" and c.service_code != "P99"]
        self.rules = {r.code: r for r in DeadlineRule.objects.order_by("effective_from")}
        self._routes: dict[tuple[int, int], int | None] = {}
        self._deadlines: dict[tuple[str, dt.date], dt.datetime] = {}

    def agency_id(self, category: Category, district: Any) -> int | None:
        key = (category.pk, district.pk)
        if key not in self._routes:
            self._routes[key] = route_agency_id(category, district)
        return self._routes[key]

    def deadline(self, code: str, received: dt.datetime) -> dt.datetime:
        rule = self.rules[code]
        if rule.unit in ("calendar_hours", "working_hours"):
            return deadline_for(received, amount=float(rule.amount), unit=rule.unit)
        key = (code, received.date())
        if key not in self._deadlines:
            self._deadlines[key] = deadline_for(received, amount=float(rule.amount), unit=rule.unit)
        return self._deadlines[key]


def _random_moment(rng: random.Random, month: int) -> dt.datetime:
    days = calendar.monthrange(YEAR, month)[1]
    start = dt.datetime(YEAR, month, 1, tzinfo=TAIPEI)
    return start + dt.timedelta(seconds=rng.randrange(days * 86400))


def _handling(rng: random.Random, case: Case) -> dt.datetime:
    """When the case was closed: most within the deadline, a few late."""
    assert case.deadline_at is not None
    late = rng.random() < 0.015
    if case.is_urgent:
        hours = rng.uniform(4.2, 9) if late else rng.uniform(0.4, 3.9)
        return case.received_at + dt.timedelta(hours=hours)
    span = (case.deadline_at - case.received_at).total_seconds()
    if late:
        return case.deadline_at + dt.timedelta(days=rng.uniform(0.5, 6))
    return case.received_at + dt.timedelta(seconds=rng.uniform(0.05, 0.95) * span)


def _build_cases(plan: MonthPlan, rng: random.Random, look: _Lookups) -> list[Case]:
    cases: list[Case] = []
    for kind, channel, count in plan.cases:
        for _ in range(count):
            if kind == "dispatch":
                category = rng.choice(look.urgent) if rng.random() < 0.7 else rng.choice(look.dispatch)
            else:
                category = rng.choice(look.petition)
            district = rng.choice(look.districts)
            received = _random_moment(rng, plan.month)
            case = Case(
                channel=channel,
                type=kind,
                category_id=category.pk,
                description=f"{category.name}：請派員處理（示範資料）",
                address=f"高雄市{district.name}中正路{rng.randint(1, 400)}號",
                district_id=district.pk,
                agency_id=look.agency_id(category, district),
                is_anonymous=rng.random() < 0.03,
                may_contact=True,
                reply_channel="none",
                verification_code="".join(rng.choice(CODE_ALPHABET) for _ in range(8)),
                is_urgent=category.is_urgent_hazard,
                received_at=received,
                assigned_at=received,
                accepted_at=received,
                deadline_rule_code=category.deadline_rule_code,
                reply_text="已處理完畢，謝謝您的反映。",
            )
            rule = look.rules[category.deadline_rule_code]
            case.deadline_amount, case.deadline_unit = rule.amount, rule.unit
            case.deadline_at = look.deadline(category.deadline_rule_code, received)
            if case.agency_id is None:
                case.agency_id = look.agency_id(look.petition[0], district)
            if rng.random() < 0.002:
                case.status = "in_progress"  # still open at the end of the year, past its deadline
            else:
                case.status = "closed"
                case.closed_at = case.replied_at = _handling(rng, case)
                if rng.random() < 0.05:
                    case.satisfied = rng.random() < 0.92
            cases.append(case)
    cases.sort(key=lambda c: c.received_at)
    seq: dict[dt.date, int] = {}
    for case in cases:
        day = case.received_at.date()
        seq[day] = seq.get(day, 0) + 1
        case.number = format_case_number(day, seq[day])
    return cases


def _build_calls(plan: MonthPlan, rng: random.Random, phone_cases: list[tuple[int, dt.datetime]]) -> list[Call]:
    calls: list[Call] = []
    for i in range(plan.consultation):
        calls.append(
            Call(type="consultation", resolved_on_line=i < plan.resolved, started_at=_random_moment(rng, plan.month))
        )
    for case_id, received in phone_cases:
        calls.append(Call(type="case", case_id=case_id, started_at=received))
    for _ in range(plan.other):
        calls.append(Call(type="other", started_at=_random_moment(rng, plan.month)))
    surveyed = rng.sample(range(len(calls)), plan.surveyed)
    for rank, index in enumerate(surveyed):
        calls[index].satisfied = rank < plan.satisfied
    calls.sort(key=lambda c: c.started_at)
    for number, call in enumerate(calls, start=1):
        call.call_id = f"C{YEAR}{plan.month:02d}{number:07d}"
        call.ended_at = call.started_at + dt.timedelta(seconds=rng.randint(45, 900))
        call.operator_code = f"OP{rng.randint(1, OPERATORS):02d}"
    return calls


def _write_month(plan: MonthPlan, ctx: DemoContext, look: _Lookups) -> tuple[int, int]:
    from yankao.service.services import calls_bulk_create, cases_bulk_create

    rng = random.Random(f"{ctx.seed}-{YEAR}-{plan.month}")
    cases = _build_cases(plan, rng, look)
    with transaction.atomic():
        for start in range(0, len(cases), 20_000):
            cases_bulk_create(cases[start : start + 20_000], label=f"示範資料 {YEAR}-{plan.month:02d}")
        phone = [(c.pk, c.received_at) for c in cases if c.channel == "phone"]
        calls = _build_calls(plan, rng, phone)
        for start in range(0, len(calls), 50_000):
            calls_bulk_create(calls[start : start + 50_000], label=f"示範資料 {YEAR}-{plan.month:02d}")
    return len(cases), len(calls)


def populate_year(ctx: DemoContext) -> None:
    """113 年 service records, month by month; resumes at the month an interrupted run stopped in."""
    plan = demo_plan(ctx.scale)
    key = f"scale={ctx.scale:g};seed={ctx.seed}"
    finished = JobRun.objects.filter(kind="demo.service", key=key, status=JobRun.Status.DONE).exists()
    if finished:
        ctx.progress("  為民服務：113 年資料已存在")
        return
    total = sum(sum(n for *_, n in p.cases) + p.calls for p in plan)
    job = job_start(kind="demo.service", key=key, label=f"為民服務示範資料（規模 {ctx.scale:g}）", total=total)
    look = _Lookups()
    done = int(job.done or 0)
    for month in plan:
        if month.month <= int(job.cursor.get("month", 0)):
            continue
        n_cases, n_calls = _write_month(month, ctx, look)
        done += n_cases + n_calls
        job_progress(job, done=done, cursor={"month": month.month}, message=f"{YEAR}-{month.month:02d} 完成")
        ctx.progress(f"  為民服務 {YEAR}-{month.month:02d}：案件 {n_cases:,}、話務 {n_calls:,}")
    if not job.cursor.get("extras"):
        _write_extras(ctx)
        job_progress(job, done=done, cursor={**job.cursor, "extras": True})
    job_finish(job, ok=True, summary=plan_totals(plan))


def _write_extras(ctx: DemoContext) -> None:
    """Sign-language sessions, legal consultations and first aid of 2024 (through the bulk path)."""
    from yankao.core.audit import record_event

    rng = random.Random(f"{ctx.seed}-{YEAR}-extras")
    n = ctx.count
    points = list(LegalServicePoint.objects.order_by("sort_order"))
    with transaction.atomic():
        sessions = []
        for _ in range(n(SIGN_LANGUAGE_SESSIONS)):
            start = _random_moment(rng, rng.randint(1, 12))
            purpose = rng.choice(["consultation", "petition", "dispatch", "other"])
            sessions.append(
                SignLanguageSession(started_at=start, ended_at=start + dt.timedelta(minutes=12), purpose=purpose)
            )
        SignLanguageSession.objects.bulk_create(sessions)
        record_event(sessions[0], note=f"批次新增 {len(sessions)} 筆手語視訊服務（示範資料）")
        bookings = []
        surnames, given = "王李張陳林黃吳劉蔡楊許鄭謝郭洪", ["志明", "淑芬", "美玲", "家豪", "雅婷", "建宏"]
        for i in range(n(LEGAL_ATTENDANCES) + n(LEGAL_NOT_ATTENDED)):
            when = _random_moment(rng, rng.randint(1, 12)).replace(minute=0, second=0, microsecond=0)
            attended = i < n(LEGAL_ATTENDANCES)
            bookings.append(
                LegalConsultation(
                    point=rng.choice(points),
                    scheduled_at=when,
                    name=rng.choice(surnames) + rng.choice(given),
                    topic=rng.choice(["繼承", "租賃", "車禍", "勞資", "債務", "婚姻"]),
                    status="attended" if attended else rng.choice(["no_show", "cancelled"]),
                    attended_at=when if attended else None,
                )
            )
        LegalConsultation.objects.bulk_create(bookings, batch_size=2000)
        record_event(bookings[0], note=f"批次新增 {len(bookings)} 筆法律諮詢預約（示範資料）")
        aid = [
            FirstAidService(
                served_at=_random_moment(rng, rng.randint(1, 12)), kind=rng.choice(["wound_care", "education"])
            )
            for _ in range(n(FIRST_AID_SERVICES))
        ]
        aid += [FirstAidService(served_at=_random_moment(rng, m), kind="emergency") for m in (4, 10)][
            : n(FIRST_AID_EMERGENCIES)
        ]
        FirstAidService.objects.bulk_create(aid)
        record_event(aid[0], note=f"批次新增 {len(aid)} 筆保健服務（示範資料）")


# --- live cases through the services --------------------------------------------------------------


def populate_live(ctx: DemoContext) -> None:
    """A handful of current cases at every step, made by the demo staff through the services."""
    from yankao.org.models import User
    from yankao.service import services

    if JobRun.objects.filter(kind="demo.service.live", key="v1", status=JobRun.Status.DONE).exists():
        return
    job = job_start(kind="demo.service.live", key="v1", label="為民服務示範案件")
    people = {
        u.username: u
        for u in User.objects.filter(username__in=["pwb-officer", "rdec-officer", "citizen", "cab-officer"])
    }
    officer, centre, citizen = people.get("pwb-officer"), people.get("rdec-officer"), people.get("citizen")
    now = timezone.now()
    base: dict[str, Any] = {"actor": None, "contact_email": "citizen@example.tw", "reply_channel": "email"}
    samples = [
        ("digital_citizen", "P11", "三多四路人行道地磚鬆動，長者容易跌倒。", "高雄市苓雅區三多四路100號", 30),
        ("phone", "D01", "中山一路近五福路口有大坑洞，機車差點摔倒。", "高雄市新興區中山一路200號", 2),
        ("mayor_mailbox", "P99", "建議市府增設夜間圖書館閱覽空間。", "", 50),
        ("counter", "P11", "公園步道破損需修繕。", "高雄市鳳山區光復路二段132號", 400),
        ("phone", "D03", "路燈不亮已三天。", "高雄市鳳山區光復路二段1號", 5),
        ("letter", "P11", "行人道遭機車占用，請加強取締並改善鋪面。", "高雄市三民區建工路415號", 200),
    ]
    made = []
    for channel, code, text, address, hours_ago in samples:
        extra: dict[str, Any] = (
            {"citizen": citizen} if channel == "digital_citizen" and citizen else {"contact_name": "王大明"}
        )
        made.append(
            services.case_create(
                channel=channel,
                category=code,
                description=text,
                address=address,
                received_at=now - dt.timedelta(hours=hours_ago),
                **base,
                **extra,
            )
        )
    if officer is not None:
        accepted = services.case_accept(actor=officer, case=made[0])
        services.case_start(actor=officer, case=accepted, note="已派員會勘")
        late = services.case_accept(actor=officer, case=made[3])
        replied = services.case_reply(actor=officer, case=late, text="已完成步道修繕，謝謝您的反映。")
        closed = services.case_close(actor=officer, case=replied)
        if hasattr(closed, "survey"):
            services.survey_answer(token=closed.survey.token, satisfied=True, score=5, comment="修得很快")
    if centre is not None:
        services.case_assign(actor=centre, case=made[2], agency="CUL")
    job_finish(job, ok=True, summary={"cases": len(made)})


def populate(ctx: DemoContext) -> None:
    populate_year(ctx)
    populate_live(ctx)
    populate_faqs()


# 常見問答 of the demo city: real service topics, answers as the agencies publish them
DEMO_FAQS = [
    (
        "D03",
        "PWB",
        "路燈不亮要怎麼報修？",
        "請記下路燈桿上的編號與所在路段，撥打 1999 或於線上報案選擇「路燈故障」。養護工程處於接獲通報後 3 日內派員修復；若燈桿傾斜有倒塌危險，屬緊急派工，4 小時內處理。",
    ),
    (
        "D01",
        "PWB",
        "路面有坑洞，多久會補好？",
        "坑洞屬派工案件，權責機關於期限內完成修補並回覆。坑洞較深影響行車安全時，請說明位置與大小，以便優先處理。",
    ),
    (
        "D07",
        "WRB",
        "道路積水時可以找誰？",
        "請撥打 1999 或線上報案選擇「道路積淹水」，說明地點與積水深度；水利局將派員清疏側溝與抽水。豪雨期間請避免行經低窪地區。",
    ),
    (
        "D11",
        "EPB",
        "家裡的舊沙發、床墊要怎麼丟？",
        "大型家具請預約清潔隊免費收運，或於垃圾車收運時段另洽隨車人員。請勿任意棄置於路邊，違者依廢棄物清理法處罰。",
    ),
    (
        "D16",
        "EPB",
        "鄰居或工地噪音太吵怎麼辦？",
        "請撥打 1999 或線上報案選擇「噪音」，說明發生時段與地點。環境保護局將派員稽查，工地施工噪音另依管制時段規定處理。",
    ),
    (
        "D14",
        "EPB",
        "看到流浪動物受傷，可以通報嗎？",
        "可以。請撥打 1999 或線上報案選擇「動物救援及管制」，說明動物狀況與位置，動物保護處將派員救援。",
    ),
    (
        "D15",
        "POL",
        "有車輛違規停車擋住出入口怎麼辦？",
        "請撥打 1999 或 110 報案，說明車牌與地點；警察局將派員處理，必要時依規定移置。",
    ),
    (
        "P09",
        "CAB",
        "申請戶籍謄本要帶什麼？",
        "本人申請請攜帶國民身分證正本（或護照、駕照等身分證明文件）及印章或簽名，至任一戶政事務所辦理，每份新臺幣 15 元；委託他人辦理另需委託書與受託人身分證明。",
    ),
    (
        "P08",
        "LAB",
        "老闆積欠薪資該向哪裡申訴？",
        "請向勞工局申請勞資爭議調解，或撥打 1999 轉接勞工局。申請時請準備勞動契約、薪資單或出勤紀錄等資料。",
    ),
    (
        "P14",
        "FIRE",
        "住宅用火災警報器可以申請補助嗎？",
        "弱勢家庭可向消防局申請免費安裝住宅用火災警報器，請洽各區消防分隊或撥打 1999 詢問。",
    ),
    (
        "C01",
        "RDEC",
        "1999 可以查詢哪些事情？",
        "1999 話務中心提供市政諮詢、派工報案與人民陳情受理，並可轉接各機關。案件可憑案號與驗證碼於網站「案件查詢」追蹤辦理進度。",
    ),
    (
        "C01",
        "RDEC",
        "陳情案件多久會回覆？",
        "人民陳情依規定於 30 日內回覆；派工案件依各類別的處理期限辦理，緊急派工 4 小時內處理。案件可憑案號與驗證碼查詢進度。",
    ),
]


def populate_faqs() -> int:
    """The demo city's 常見問答 (idempotent: kept if any exist)."""
    from yankao.org.models import Agency
    from yankao.service.models import Faq

    if Faq.objects.exists():
        return 0
    agencies = {a.code: a for a in Agency.objects.filter(code__in={row[1] for row in DEMO_FAQS})}
    categories = {c.service_code: c for c in Category.objects.filter(service_code__in={row[0] for row in DEMO_FAQS})}
    made = 0
    with transaction.atomic():
        for order, (code, agency, question, answer) in enumerate(DEMO_FAQS):
            if agency in agencies:
                Faq.objects.create(
                    question=question,
                    answer=answer,
                    agency=agencies[agency],
                    category=categories.get(code),
                    sort_order=order,
                )
                made += 1
    return made
