"""Demo of programme control: at any scale, the reference report's figures come out exactly from
records made through the services (scale only adds programmes of the current year):

- 113: 132 controlled programmes with a year of monthly reports (and 4 coordination meetings);
- 112 year-end evaluation: 117 programmes, 26 甲 / 91 乙;
- 112 mid-term KPIs: overall achievement 94.5 %, +1.2 on 111 (93.3 %);
- 114 pre-review: 552 億 requested, 105.42 億 public and 188.49 億 fund budget approved; training
  on 113-02-27 in 2 batches with 75 attendees;
- 113 basic-infrastructure subsidies: 208 cases, 42.85 億, NDC score 99.87;
- 112 enterprise evaluation: 輪船公司 and 動產質借所 both 甲 (sessions 113-05-22, 05-23, 07-03).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from yankao.core.demo import DemoContext
from yankao.org.models import Agency, User
from yankao.programmes import services as svc
from yankao.programmes.models import (
    AdminPlanCycle,
    CoordinationMeeting,
    DelayReason,
    EvaluationPlan,
    KpiIndicator,
    MonthlyAnalysis,
    MonthlyReport,
    PreReviewCall,
    Programme,
    Scheme,
    SubsidyCase,
    SubsidyYearResult,
)
from yankao.programmes.months import add_months, current_month
from yankao.programmes.services.programmes import MilestoneInput
from yankao.programmes.services.reports import ReportFigures, ReportRow
from yankao.programmes.services.subsidies import subsidy_tracking_bulk_load

D = Decimal
CENT = D("0.01")
YI = 100_000_000  # 億

# lead agencies of the 113 programmes and how many each leads (132 in all)
PROGRAMME_AGENCIES = [
    ("PWB", 22),
    ("WRB", 14),
    ("MRT", 8),
    ("TRA", 10),
    ("EPB", 9),
    ("UDB", 9),
    ("EDB", 8),
    ("CUL", 7),
    ("EDU", 8),
    ("SWB", 6),
    ("TOU", 6),
    ("SPO", 5),
    ("HEA", 4),
    ("AGR", 5),
    ("MAR", 4),
    ("LAND", 3),
    ("YTH", 2),
    ("POL", 2),
]
WORKS = {
    "PWB": ["{d}道路拓寬工程", "{d}人行道改善工程", "{d}橋梁耐震補強工程", "{d}公園新建工程"],
    "WRB": ["{d}污水下水道建設", "{d}滯洪池工程", "{d}排水改善工程"],
    "MRT": ["捷運{d}延伸線建設", "輕軌{d}段工程"],
    "TRA": ["{d}公車轉運站建置", "{d}智慧號誌建置計畫"],
    "EPB": ["{d}垃圾焚化廠整改計畫", "{d}空氣品質改善計畫"],
    "UDB": ["{d}社會住宅興建計畫", "{d}都市更新計畫"],
    "EDB": ["{d}產業園區開發計畫", "{d}市場改建計畫"],
    "CUL": ["{d}文化館整建計畫", "{d}圖書館新建工程"],
    "EDU": ["{d}國小校舍耐震補強", "{d}國中老舊校舍改建"],
    "SWB": ["{d}長照據點建置計畫", "{d}托嬰中心設置計畫"],
    "TOU": ["{d}觀光景點改善計畫"],
    "SPO": ["{d}運動中心興建計畫"],
    "HEA": ["{d}衛生所改建計畫"],
    "AGR": ["{d}農路改善計畫"],
    "MAR": ["{d}漁港整建計畫"],
    "LAND": ["{d}市地重劃計畫"],
    "YTH": ["{d}青年創業基地計畫"],
    "POL": ["{d}警察分駐所新建工程"],
}
KPI_NAMES = [
    ("民眾滿意度", "%", "higher"),
    ("年度計畫執行率", "%", "higher"),
    ("服務人次", "人次", "higher"),
    ("案件平均處理天數", "日", "lower"),
    ("數位服務使用率", "%", "higher"),
]


def _users() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=["rdec-officer", "pwb-pm", "pwb-manager"])}


def _smooth(x: float) -> float:
    return 3 * x * x - 2 * x * x * x


def _split(total: int, weights: list[float]) -> list[int]:
    """Whole-元 parts of `total` in proportion to `weights`, summing exactly to `total`."""
    scale = sum(weights)
    parts = [int(total * w / scale) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


def populate(ctx: DemoContext) -> None:
    rng = random.Random(f"programmes-{ctx.seed}")
    users = _users()
    commission = users["rdec-officer"]
    agencies = {a.code: a for a in Agency.objects.all()}
    districts = [
        "鹽埕",
        "鼓山",
        "左營",
        "楠梓",
        "三民",
        "苓雅",
        "前鎮",
        "小港",
        "鳳山",
        "林園",
        "大寮",
        "仁武",
        "岡山",
        "橋頭",
        "路竹",
        "旗山",
        "美濃",
    ]
    _programmes_113(ctx, rng, commission, users.get("pwb-pm"), agencies, districts)
    _evaluation_112(ctx, rng, commission, agencies, districts)
    _kpis(ctx, rng, commission, agencies)
    _prereview_114(ctx, rng, commission, agencies)
    _admin_plan_114(ctx, commission, agencies)
    _subsidies_113(ctx, rng, commission, agencies, districts)
    _enterprises_112(ctx, commission, agencies)
    _meetings_113(ctx, commission, agencies)
    _current_year(ctx, rng, commission, users, agencies, districts)


# --- 113: 132 controlled programmes and their monthly reports ---------------------------------------


def _plan_for(programme: Programme, rng: random.Random) -> tuple[list[MilestoneInput], dict[dt.date, D]]:
    year = programme.year + 1911
    multi_year = programme.start_date.year < year
    start_pct = D(rng.randint(10, 40)) if multi_year else D(0)
    end_pct = D(100) if programme.end_date.year == year else D(rng.randint(55, 90))
    months = {}
    for m in range(1, 13):
        share = D(str(_smooth(m / 12)))
        months[dt.date(year, m, 1)] = (start_pct + (end_pct - start_pct) * share).quantize(CENT, ROUND_HALF_UP)
    milestones = [
        MilestoneInput(1, "完成發包作業", dt.date(year, 3, 31), months[dt.date(year, 3, 1)]),
        MilestoneInput(2, "完成年度中期查核", dt.date(year, 6, 30), months[dt.date(year, 6, 1)]),
        MilestoneInput(3, "完成年度工作項目", dt.date(year, 12, 31), months[dt.date(year, 12, 1)]),
    ]
    return milestones, months


def _report_rows(
    programme: Programme, months: dict[dt.date, D], rng: random.Random, reasons: list[DelayReason], kind: str
) -> list[ReportRow]:
    rows, previous = [], D(0)
    onset = rng.randint(3, 9)
    for n, (month, planned) in enumerate(sorted(months.items()), start=1):
        if kind == "serious" and n >= onset:
            delay = D(rng.randint(10, 16))
        elif kind == "warning" and onset <= n < onset + rng.randint(2, 3):
            delay = D(rng.randint(5, 9))
        else:
            delay = D(rng.randint(-2, 3))
        actual = min(D(100), max(previous, planned - delay, D(0))).quantize(CENT)
        previous = actual
        allocated = (programme.year_budget * n / 12).quantize(D(1), ROUND_HALF_UP)
        spent = (allocated * D(rng.randint(55, 98)) / 100).quantize(D(1), ROUND_HALF_UP)
        behind = planned - actual
        figures = ReportFigures(
            actual_pct=actual, budget_allocated=allocated, budget_spent=spent, work_summary="依作業計畫辦理。"
        )
        if behind >= 5:
            figures.delay_reason = rng.choice(reasons)
            figures.delay_note = "受前述因素影響，工進延宕。"
            figures.countermeasure = "已請廠商增派人力機具趕工，並由專案管理人員每週追蹤。"
        due_shift = rng.choice([-6, -4, -3, -2, -1, 0, 0, 0, 2]) if rng.random() < 0.95 else rng.randint(1, 5)
        rows.append(ReportRow(programme, month, figures, submitted_on=_due(month) + dt.timedelta(days=due_shift)))
    return rows


def _due(month: dt.date) -> dt.date:
    from yankao.programmes.months import report_due_date

    return report_due_date(month, 10)


def _programmes_113(
    ctx: DemoContext,
    rng: random.Random,
    commission: User,
    pm: User | None,
    agencies: dict[str, Agency],
    districts: list[str],
) -> None:
    if Programme.objects.filter(year=113).count() >= 132:
        return
    reasons = list(DelayReason.objects.exclude(code="99"))
    rows: list[ReportRow] = []
    n = 0
    for code, count in PROGRAMME_AGENCIES:
        for i in range(count):
            n += 1
            agency = agencies[code]
            name = rng.choice(WORKS[code]).format(d=districts[(n + i) % len(districts)]) + f"（{n:03d}）"
            multi_year = rng.random() < 0.45
            start = dt.date(2022 + rng.randint(0, 1), rng.randint(1, 12), 1) if multi_year else dt.date(2024, 1, 1)
            end = (
                dt.date(2025 + rng.randint(0, 2), rng.randint(1, 12), 28)
                if multi_year and rng.random() < 0.7
                else dt.date(2024, 12, 31)
            )
            year_budget = D(rng.randint(3, 60) * 10_000_000)
            total = year_budget * (rng.randint(2, 5) if multi_year else 1)
            programme = svc.programme_create(
                actor=commission,
                code=f"113-{code}-{i + 1:02d}",
                name=name,
                year=113,
                lead_agency=agency,
                start_date=start,
                end_date=end,
                project_manager=pm if code == "PWB" else None,
                co_agencies=[agencies["WRB"]] if code == "PWB" and i % 4 == 0 else [],
                budgets={"total_public": total, "year_public": year_budget},
                selection_basis="高雄市政府所屬各機關113年度施政計畫選項列管作業規定",
            )
            milestones, months = _plan_for(programme, rng)
            svc.programme_set_plan(actor=commission, programme=programme, milestones=milestones, plan_months=months)
            kind = "serious" if n % 13 == 0 else "warning" if n % 8 == 0 else "normal"
            rows += _report_rows(programme, months, rng, reasons, kind)
    svc.reports_bulk_load(actor=commission, rows=rows, label="demo: 113年度列管計畫月報", today_month=current_month())
    for m in range(1, 13):
        month = dt.date(2024, m, 1)
        svc.analysis_generate(month=month)
        svc.month_close(actor=commission, month=month)
    ctx.progress(f"  列管計畫：113年度 {n} 案、月報 {len(rows)} 份、月分析報告 {MonthlyAnalysis.objects.count()} 份")


# --- 112 year-end evaluation: 117 programmes, 26 甲 / 91 乙 ------------------------------------------


def _evaluation_112(
    ctx: DemoContext, rng: random.Random, commission: User, agencies: dict[str, Agency], districts: list[str]
) -> None:
    if EvaluationPlan.objects.filter(scheme=Scheme.PROGRAMME, year=112).exists():
        return
    plan = svc.evaluation_plan_issue(
        actor=commission,
        scheme=Scheme.PROGRAMME,
        year=112,
        title="高雄市政府112年度列管計畫年終考核實施計畫",
        issued_on=dt.date(2024, 1, 15),
        self_assessment_due=dt.date(2024, 2, 29),
    )
    codes = [code for code, count in PROGRAMME_AGENCIES for _ in range(count)][:117]
    grades = ["甲"] * 26 + ["乙"] * 91
    rng.shuffle(grades)
    for n, (code, grade) in enumerate(zip(codes, grades, strict=True), start=1):
        programme = svc.programme_create(
            actor=commission,
            code=f"112-{code}-{n:03d}",
            name=rng.choice(WORKS[code]).format(d=districts[n % len(districts)]) + f"（112-{n:03d}）",
            year=112,
            lead_agency=agencies[code],
            start_date=dt.date(2023, 1, 1),
            end_date=dt.date(2023, 12, 31),
            budgets={"total_public": D(rng.randint(3, 40) * 10_000_000), "year_public": D(0)},
        )
        evaluation = svc.evaluation_add(actor=commission, plan=plan, programme=programme)
        base = rng.randint(91, 96) if grade == "甲" else rng.randint(81, 89)
        # weighted: 15(b+1) + 35b + 20(b-1) + 30b = 100b - 5 → total b - 0.05 (甲 ≥ 90, 乙 ≥ 80)
        scores = {"P1": D(base + 1), "P2": D(base), "P3": D(base - 1), "P4": D(base)}
        svc.evaluation_score(actor=commission, evaluation=evaluation, scores=scores, comment="依評鑑要點評定。")
    plan.report_issued_on = dt.date(2024, 4, 30)
    plan.save()
    ctx.progress("  年終考核：112年度 117 案（甲等 26、乙等 91）")


# --- KPIs: 112 overall 94.5 %, 111 overall 93.3 % ---------------------------------------------------------


def _rates(rng: random.Random, n: int, mean: D) -> list[D]:
    """n capped rates (two decimals, 50–100) whose mean is exactly `mean`."""
    rates = [D(100) if rng.random() < 0.45 else D(rng.randint(7600, 9999)) / 100 for _ in range(n)]
    diff = mean * n - sum(rates)
    for i in range(n):
        if diff == 0:
            break
        room = (D(100) - rates[i]) if diff > 0 else (D(50) - rates[i])
        step = min(diff, room) if diff > 0 else max(diff, room)
        rates[i] += step
        diff -= step
    assert diff == 0
    return rates


def _kpis(ctx: DemoContext, rng: random.Random, commission: User, agencies: dict[str, Agency]) -> None:
    if KpiIndicator.objects.exists():
        return
    first = [a for a in agencies.values() if a.kind == Agency.Kind.FIRST_LEVEL][:24]
    indicators = []
    for agency in first:
        for k, (name, unit, direction) in enumerate(KPI_NAMES, start=1):
            indicators.append(
                svc.kpi_indicator_create(
                    actor=commission,
                    agency=agency,
                    code=f"KPI-{k}",
                    name=name,
                    unit=unit,
                    direction=direction if k != 4 else "higher",
                    plan_period="111-114",
                )
            )
    for year, mean in ((111, D("93.3")), (112, D("94.5"))):
        for indicator, rate in zip(indicators, _rates(rng, len(indicators), mean), strict=True):
            target = D(rng.choice([50, 100, 200, 1000]))
            real = rate
            if rate == 100 and rng.random() < 0.2:
                real = D(rng.choice([105, 120, 160]))  # above target; 160 % is flagged 大幅超越
            svc.kpi_value_set(
                actor=commission, indicator=indicator, year=year, target=target, actual=target * real / 100
            )
    from yankao.programmes.selectors.kpis import kpi_flagged

    for row in kpi_flagged(year=112)[:6]:
        svc.kpi_suggestion_send(
            actor=commission, indicator=row.indicator, year=112, suggestion="請檢討目標值訂定之合理性並研提改善措施。"
        )
    ctx.progress(f"  中程計畫 KPI：{len(indicators)} 項指標（111、112 年度）")


# --- 114 pre-review: 552 億 requested; 105.42 億 public and 188.49 億 fund approved -------------------


def _prereview_114(ctx: DemoContext, rng: random.Random, commission: User, agencies: dict[str, Agency]) -> None:
    if PreReviewCall.objects.filter(budget_year=114).exists():
        return
    call = svc.call_create(
        actor=commission,
        budget_year=114,
        title="114年度重要施政計畫先期作業實施計畫",
        issued_on=dt.date(2024, 2, 26),
        proposal_due=dt.date(2024, 4, 15),
        steps=[
            ("函頒實施計畫", dt.date(2024, 2, 26)),
            ("研習班", dt.date(2024, 2, 27)),
            ("機關提案", dt.date(2024, 4, 15)),
            ("初審", dt.date(2024, 6, 14)),
            ("府層級研商會議", dt.date(2024, 8, 16)),
            ("預算平衡", dt.date(2024, 9, 20)),
        ],
    )
    svc.training_record(
        actor=commission,
        call=call,
        title="重要施政計畫先期作業研習班",
        batches=[(dt.date(2024, 2, 27), 38), (dt.date(2024, 2, 27), 37)],
    )
    codes = [code for code, _ in PROGRAMME_AGENCIES] * 4
    n = len(codes)
    weights = [rng.uniform(0.5, 3) for _ in range(n)]
    public, fund, central = _split(200 * YI, weights), _split(250 * YI, weights[::-1]), _split(102 * YI, weights)
    ok_public, ok_fund = (
        _split(int(D("105.42") * YI), [p * 0.5271 for p in public]),
        _split(int(D("188.49") * YI), [f * 0.75396 for f in fund]),
    )
    for i, code in enumerate(codes):
        proposal = svc.proposal_submit(
            actor=commission,
            call=call,
            agency=agencies[code],
            name=f"{agencies[code].short_name}114年度重要施政計畫（{i + 1:02d}）",
            requested_public=D(public[i]),
            requested_fund=D(fund[i]),
            requested_central=D(central[i]),
        )
        approved_public, approved_fund = (
            min(D(ok_public[i]), proposal.requested_public),
            min(D(ok_fund[i]), proposal.requested_fund),
        )
        svc.proposal_review(
            actor=commission,
            proposal=proposal,
            stage="initial",
            reviewed_on=dt.date(2024, 6, 14),
            public=proposal.requested_public * D("0.6"),
            fund=proposal.requested_fund * D("0.8"),
        )
        svc.proposal_review(
            actor=commission,
            proposal=proposal,
            stage="balance",
            reviewed_on=dt.date(2024, 9, 20),
            public=approved_public,
            fund=approved_fund,
        )
    call.balanced_on = dt.date(2024, 9, 20)
    call.save()
    ctx.progress(f"  先期作業：114年度提案 {n} 案")


def _admin_plan_114(ctx: DemoContext, commission: User, agencies: dict[str, Agency]) -> None:
    if AdminPlanCycle.objects.filter(budget_year=114).exists():
        return
    cycle = svc.admin_plan_cycle_create(
        actor=commission,
        budget_year=114,
        outline="一、打造宜居城市，推動淨零轉型。\n二、發展高科技產業，強化人才培育。\n三、建構友善交通，完善公共建設。",
        outline_issued_on=dt.date(2024, 6, 28),
        section_due=dt.date(2024, 8, 9),
    )
    writers = {a.pk: User.objects.filter(agency=a, kind=User.Kind.STAFF).first() for a in agencies.values()}
    for code, _ in PROGRAMME_AGENCIES[:6]:
        writer = writers.get(agencies[code].pk)
        if writer is not None:
            svc.admin_plan_section_submit(
                actor=writer,
                cycle=cycle,
                agency=agencies[code],
                content=f"{agencies[code].name}114年度施政計畫（草案）。",
            )
    cycle.compiled_on = cycle.sent_to_council_on = dt.date(2024, 9, 13)
    cycle.save()


# --- 113 subsidies: 208 cases, 42.85 億, NDC 99.87 ------------------------------------------------------


def _subsidies_113(
    ctx: DemoContext, rng: random.Random, commission: User, agencies: dict[str, Agency], districts: list[str]
) -> None:
    if SubsidyCase.objects.filter(year=113).exists():
        return
    amounts = _split(int(D("42.85") * YI), [rng.uniform(0.3, 3) for _ in range(208)])
    owners = ["PWB", "WRB", "TRA", "EDU", "AGR", "UDB", "CUL", "SPO"]
    rows: list[tuple[Any, dt.date, D, D, str]] = []
    for i, amount in enumerate(amounts, start=1):
        case = svc.subsidy_case_create(
            actor=commission,
            year=113,
            code=f"113-BI-{i:03d}",
            name=f"{districts[i % len(districts)]}區基本設施改善（{i:03d}）",
            agency=agencies[owners[i % len(owners)]],
            amount=D(amount),
        )
        for m in range(1, 13):
            pct = D(min(100, round(100 * _smooth(m / 12)) + rng.randint(-3, 0)))
            pct = max(D(0), pct)
            problem = "用地取得延宕，待協調" if i % 35 == 0 and m == 12 else ""
            rows.append((case, dt.date(2024, m, 1), pct, (case.amount * pct / 100).quantize(D(1)), problem))
    subsidy_tracking_bulk_load(actor=commission, rows=rows, label="demo: 113年度基本設施補助案件月追蹤")
    svc.subsidy_year_result_set(
        actor=commission, year=113, ndc_score=D("99.87"), note="國發會考核本府113年度基本設施補助計畫執行成績"
    )
    ctx.progress("  基本設施補助：113年度 208 案")


def _enterprises_112(ctx: DemoContext, commission: User, agencies: dict[str, Agency]) -> None:
    if EvaluationPlan.objects.filter(scheme=Scheme.ENTERPRISE, year=112).exists():
        return
    plan = svc.evaluation_plan_issue(
        actor=commission,
        scheme=Scheme.ENTERPRISE,
        year=112,
        title="高雄市政府所屬事業機構112年度經營績效考核",
        issued_on=dt.date(2024, 4, 1),
    )
    for day in (dt.date(2024, 5, 22), dt.date(2024, 5, 23), dt.date(2024, 7, 3)):
        svc.evaluation_session_add(actor=commission, plan=plan, held_on=day, note="考評作業")
    for code, scores in (("MAR-FERRY", (88, 84, 86, 90)), ("FIN-PAWN", (85, 82, 80, 84))):
        evaluation = svc.evaluation_add(actor=commission, plan=plan, enterprise=agencies[code])
        svc.evaluation_score(
            actor=commission,
            evaluation=evaluation,
            scores=dict(zip(["E1", "E2", "E3", "E4"], map(D, scores), strict=True)),
        )
    plan.report_issued_on = dt.date(2024, 8, 15)
    plan.save()


def _meetings_113(ctx: DemoContext, commission: User, agencies: dict[str, Agency]) -> None:
    if CoordinationMeeting.objects.filter(held_on__year=2024).exists():
        return
    for n, day in enumerate(
        (dt.date(2024, 3, 20), dt.date(2024, 6, 19), dt.date(2024, 9, 18), dt.date(2024, 12, 18)), start=1
    ):
        meeting = svc.meeting_create(
            actor=commission,
            title=f"113年第{n}次公共工程督導暨協調會報",
            held_on=day,
            chair="副市長",
            place="市政府第一會議室",
        )
        items = svc.agenda_from_problems(actor=commission, meeting=meeting, month=add_months(day.replace(day=1), -1))
        for item in items[:5]:
            svc.decision_add(
                actor=commission,
                meeting=meeting,
                agenda_item=item,
                text=f"請{item.agency.short_name}於期限內排除問題並回報。",
                agency=item.agency,
                due_date=day + dt.timedelta(days=30),
            )
        svc.meeting_record_minutes(
            actor=commission,
            meeting=meeting,
            minutes=f"第{n}次會報，計 {len(items)} 項議題。",
            issued_on=day + dt.timedelta(days=7),
        )


# --- this year: programmes with reports in every state, for people to try the work ---------------------


def _current_year(
    ctx: DemoContext,
    rng: random.Random,
    commission: User,
    users: dict[str, User],
    agencies: dict[str, Agency],
    districts: list[str],
) -> None:
    month = current_month()
    roc = month.year - 1911
    if Programme.objects.filter(year=roc).exists():
        return
    pm, manager = users.get("pwb-pm"), users.get("pwb-manager")
    reasons = list(DelayReason.objects.exclude(code="99"))
    rows: list[ReportRow] = []
    fresh = []
    for i in range(ctx.count(20)):
        code = "PWB" if i < 6 else rng.choice([c for c, _ in PROGRAMME_AGENCIES])
        programme = svc.programme_create(
            actor=commission,
            code=f"{roc}-{code}-{i + 1:02d}",
            name=rng.choice(WORKS[code]).format(d=districts[i % len(districts)]) + f"（{roc}-{i + 1:02d}）",
            year=roc,
            lead_agency=agencies[code],
            start_date=dt.date(month.year, 1, 1),
            end_date=dt.date(month.year, 12, 31),
            project_manager=pm if code == "PWB" else None,
            budgets={
                "total_public": D(rng.randint(5, 30) * 10_000_000),
                "year_public": D(rng.randint(5, 30) * 10_000_000) // 2,
            },
        )
        milestones, months = _plan_for(programme, rng)
        svc.programme_set_plan(actor=commission, programme=programme, milestones=milestones, plan_months=months)
        past = {m: p for m, p in months.items() if m < add_months(month, -1)}
        rows += _report_rows(programme, past, rng, reasons, "serious" if i % 7 == 3 else "normal")
        fresh.append((programme, months))
    if rows:
        svc.reports_bulk_load(actor=commission, rows=rows, label=f"demo: {roc}年度列管計畫月報", today_month=month)
    # last month: one report waiting for the manager, one for the commission; the rest to be filed
    last = add_months(month, -1)
    if pm is not None and manager is not None and last.year == month.year:
        for n, (programme, months) in enumerate(fresh[:2]):
            report = svc.report_save(
                actor=pm,
                programme=programme,
                month=last,
                figures=ReportFigures(
                    actual_pct=months[last],
                    budget_allocated=programme.year_budget,
                    budget_spent=programme.year_budget * 8 // 10,
                ),
            )
            report = svc.report_submit(actor=pm, report=report)
            if n == 1:
                svc.report_approve(actor=manager, report=report)
    ctx.progress(f"  列管計畫：{roc}年度 {len(fresh)} 案（示範填報與審核）")


__all__ = ["MonthlyReport", "SubsidyYearResult", "populate"]
