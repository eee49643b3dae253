"""Demo participation data, made through the services, reproducing 壹、五 of the 113 report.

Reference figures (exact at any scale): 113 年度公民參與推動案 30 案、核定補助 15 案、補助經費
261.64 萬元；校園通學交通改善公民參與計畫 2 校（仁武區、鳳山區）. The project titles, places and
school names are illustrative (the report does not list them); only the figures come from it.

Also: proposals in every state (one established with a formal response, with its 1,500
endorsements), one participatory-budget process with a finished vote and implementation
progress, two consultations. The thousands of endorsers behind established proposals are made
in bulk (one audit event per batch, as the architecture allows); they carry no email address,
so the demo sends no mass mail. Everything else goes through the services one record at a time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from yankao.core.audit import record_event
from yankao.core.demo import DemoContext
from yankao.org.models import Agency, District, User
from yankao.participation import services
from yankao.participation.models import (
    BudgetProcess,
    CitizenVerification,
    Consultation,
    Endorsement,
    ParticipationProject,
    ProjectType,
    Proposal,
    RejectionReason,
    VerifiedIdentity,
)
from yankao.participation.services.common import keyed_hash

REFERENCE_YEAR = 2024  # 民國 113 年
COMMUTE_PLAN = "校園通學交通改善公民參與計畫"
COMMUTE_SCHOOLS = [("仁武區", "仁武區國小（示範）"), ("鳳山區", "鳳山區國小（示範）")]

# (agency code, project type, title, approved 元 or 0 when not funded); 15 approved, 2,616,400 元 in all
SUBSIDY_APPLICATIONS: list[tuple[str, str, str, int]] = [
    ("DO-64000120", "inclusive_park", "鳳山區共融式公園改建公民工作坊", 250_000),
    ("DO-64000170", "inclusive_park", "仁武區特色公園居民參與設計", 200_000),
    ("DO-64000190", "community_culture", "岡山區眷村文化再造社區對話", 180_000),
    ("DO-64000300", "placemaking", "旗山區老街地方創生共學營", 150_000),
    ("DO-64000310", "placemaking", "美濃區農村地方創生參與式規劃", 200_000),
    ("DO-64000010", "space_reuse", "鹽埕區閒置空間活化居民提案", 120_000),
    ("DO-64000090", "inclusive_park", "前鎮區共融遊戲場參與設計", 160_000),
    ("DO-64000050", "community_culture", "三民區社區記憶再造工作坊", 220_000),
    ("DO-64000100", "placemaking", "旗津區漁村地方創生對話", 140_000),
    ("DO-64000140", "space_reuse", "大寮區閒置校舍活化公民咖啡館", 180_000),
    ("CUL", "community_culture", "社區文化再造審議式論壇", 166_400),
    ("UDB", "space_reuse", "閒置公有空間再利用參與式規劃", 150_000),
    ("SWB", "other", "高齡友善社區參與式設計", 100_000),
    ("YTH", "placemaking", "青年返鄉地方創生提案工作坊", 200_000),
    ("TRA", "school_commute", "通學步道安全社區會勘工作坊", 200_000),
    ("DO-64000020", "inclusive_park", "鼓山區公園改建說明及座談", 0),
    ("DO-64000030", "community_culture", "左營區眷村文化座談", 0),
    ("DO-64000040", "space_reuse", "楠梓區市場空間活化討論會", 0),
    ("DO-64000060", "other", "新興區商圈公民參與座談", 0),
    ("DO-64000070", "other", "前金區社區議題討論", 0),
    ("DO-64000080", "inclusive_park", "苓雅區兒童遊戲場居民說明會", 0),
    ("DO-64000110", "space_reuse", "小港區閒置空間再利用座談", 0),
    ("DO-64000130", "placemaking", "林園區地方創生說明會", 0),
    ("DO-64000150", "placemaking", "大樹區農村再生座談", 0),
    ("DO-64000160", "community_culture", "大社區社區文化對話", 0),
    ("DO-64000180", "inclusive_park", "鳥松區公園居民座談", 0),
    ("DO-64000200", "other", "橋頭區公共議題工作坊", 0),
    ("DO-64000250", "space_reuse", "湖內區閒置空間活化說明會", 0),
    ("EPB", "other", "社區環境議題公民對話", 0),
    ("AGR", "placemaking", "農村青年參與地方創生座談", 0),
]


def populate(ctx: DemoContext) -> None:
    staff = {u.username: u for u in User.objects.filter(username__in=["rdec-officer", "pwb-officer", "pwb-manager"])}
    if len(staff) < 3:
        ctx.progress("  公民參與：找不到示範人員（請先載入 org 示範資料），略過")
        return
    citizens = _verified_citizens(ctx)
    # each step in one transaction, so that an interrupted run leaves no half-made step behind
    with transaction.atomic():
        _subsidies(ctx, staff["rdec-officer"])
    with transaction.atomic():
        _proposals(ctx, staff, citizens)
    with transaction.atomic():
        _budget(ctx, staff["pwb-officer"], citizens)
    with transaction.atomic():
        _consultations(ctx, staff["pwb-officer"], citizens)


def _verified_citizens(ctx: DemoContext) -> list[User]:
    """The demo citizens (王小明 and citizen0001…) verified through LINE with a demo mobile each."""
    from yankao.org.services import user_create_citizen

    for i in range(1, 9):  # the steps below need a few citizens even at the smallest scale
        if not User.objects.filter(username=f"citizen{i:04d}").exists():
            user_create_citizen(username=f"citizen{i:04d}", email=f"citizen{i:04d}@example.tw", password=None)
    citizens = list(User.objects.filter(kind=User.Kind.CITIZEN, username__startswith="citizen").order_by("username"))
    for i, user in enumerate(citizens):
        verification = services.verification_for(user)
        if verification is None or not verification.is_verified:
            services.verification_from_line(
                user=user, mobile=f"0912{i:06d}", email=user.email, now=timezone.now() - dt.timedelta(days=400)
            )
    return citizens


# --- participation subsidy programme (the reference figures) --------------------------------------


def _subsidies(ctx: DemoContext, rdec: User) -> None:
    if ParticipationProject.objects.filter(year=REFERENCE_YEAR).exists():
        return
    header = "年度,機關代碼,計畫名稱,類型代碼,議題,參與方式,計畫總經費,申請補助,核定補助\n"
    lines = []
    for i, (code, type_code, title, approved) in enumerate(SUBSIDY_APPLICATIONS):
        requested = approved + 50_000 if approved else 120_000 + 10_000 * (i % 5)
        lines.append(
            f"113,{code},{title},{type_code},{title[:3]}公共議題,公民工作坊,{requested + 100_000},{requested},{approved or ''}"
        )
    data = (header + "\n".join(lines) + "\n").encode()
    services.projects_import(actor=rdec, data=data, filename="113年度公民參與推動案.csv", city_code="KHH")
    projects = ParticipationProject.objects.filter(year=REFERENCE_YEAR).order_by("pk")
    for project in projects:
        if project.status == ParticipationProject.Status.SUBMITTED:
            services.project_review(actor=rdec, project=project, approve=False, note="補助額度有限，請以自有經費辦理")
    for n, project in enumerate(projects.filter(status=ParticipationProject.Status.APPROVED)):
        project = services.project_fund(actor=rdec, project=project, paid_amount=project.approved_amount)
        if n % 2 == 0:  # half have reported their results (received on paper, recorded by the commission)
            services.project_report(
                actor=rdec,
                project=project,
                participants=60 + 10 * n,
                summary=f"辦理公民工作坊 3 場，參與 {60 + 10 * n} 人次，彙整建議送權責單位參採。",
            )
    plan = services.project_apply(
        actor=rdec,
        agency=Agency.objects.get(kind=Agency.Kind.COMMISSION, city__code="KHH"),
        year=REFERENCE_YEAR,
        title=COMMUTE_PLAN,
        project_type=ProjectType.objects.get(code="school_commute"),
        theme="校園周邊交通安全改善",
        method="在地公民工作坊、相關局處會勘改善",
        total_budget=300_000,
        requested_amount=0,
        kind=ParticipationProject.Kind.CITY_PLAN,
    )
    for (district_name, school), day in zip(COMMUTE_SCHOOLS, (dt.date(2024, 5, 18), dt.date(2024, 6, 15)), strict=True):
        services.project_site_add(
            actor=rdec,
            project=plan,
            district=District.objects.get(city__code="KHH", name=district_name),
            name=school,
            kind="school",
            workshop_on=day,
            follow_up="工作坊建議已函請交通局、工務局會勘改善",
        )
    ctx.progress("  公民參與推動案：113 年度 30 案、核定補助 15 案（261.64 萬元）、通學計畫 2 校")


# --- proposals in every state ------------------------------------------------------------------


def _proposals(ctx: DemoContext, staff: dict[str, User], citizens: list[User]) -> None:
    if Proposal.objects.filter(title="增設鳳山溪沿岸遮蔭與座椅").exists():
        return
    rdec, officer = staff["rdec-officer"], staff["pwb-officer"]
    now = timezone.now()
    pwb = Agency.objects.get(code="PWB", city__code="KHH")
    tra = Agency.objects.get(code="TRA", city__code="KHH")
    edu = Agency.objects.get(code="EDU", city__code="KHH")
    days = dt.timedelta(days=1)
    proposer, others = citizens[0], citizens[1:]

    def new(title: str, agency: Agency, when: dt.datetime, who: User = proposer) -> Proposal:
        return services.proposal_submit(
            actor=who,
            title=title,
            content=f"{title}：附近居民與通勤者反映已久，建議市府評估辦理。",
            expected_benefit="改善生活品質與安全，提升公共空間使用率。",
            agencies=[agency],
            now=when,
        )

    def passed(title: str, agency: Agency, when: dt.datetime, who: User = proposer) -> Proposal:
        proposal = new(title, agency, when, who)
        return services.proposal_screen(actor=rdec, proposal=proposal, passed=True, now=when + days)

    new("捷運站周邊增設自行車停車架", tra, now - 2 * days, others[0])  # 待檢核
    withdrawn = new("公園增設寵物便袋箱", pwb, now - 5 * days, others[1])
    services.proposal_withdraw(actor=others[1], proposal=withdrawn, now=now - 4 * days)
    rejected = new("請幫我家門口的水溝加蓋", pwb, now - 10 * days, others[2])
    services.proposal_screen(
        actor=rdec,
        proposal=rejected,
        passed=False,
        reason=RejectionReason.objects.get(code="personal"),
        note="屬個別陳情，已轉 1999 派工處理。",
        now=now - 8 * days,
    )
    endorsing = passed("國小周邊增設行人庇護島", tra, now - 6 * days)
    _endorse_through_service(ctx, endorsing, others, now - 4 * days)
    burst = [v.user for v in _bulk_identities(22, prefix="demo-burst-", when=now - 90 * days)]
    for i, user in enumerate(burst):  # 22 from one IP in 22 minutes: the last ones are flagged for review
        services.proposal_endorse(
            actor=user, proposal=endorsing, ip="203.0.113.9", now=now - 3 * days + dt.timedelta(seconds=25 * i)
        )
    lapsed = passed("週末延長市立圖書館開放時間", edu, now - 60 * days, others[3])
    _endorse_through_service(ctx, lapsed, others[:5], now - 55 * days)
    established = passed("增設鳳山溪沿岸遮蔭與座椅", pwb, now - 30 * days)
    _bulk_endorse(established, 1500, start=now - 28 * days)
    services.proposal_establish(proposal=_fresh(established), now=now - 10 * days)
    overdue = passed("路燈改為節能 LED 並增加照度", pwb, now - 110 * days, others[4])
    _bulk_endorse(overdue, 1512, start=now - 108 * days)
    services.proposal_establish(proposal=_fresh(overdue), now=now - 90 * days)
    responded = passed("人行道全面退縮並移除違規障礙物", pwb, now - 80 * days)
    _bulk_endorse(responded, 1634, start=now - 78 * days)
    services.proposal_establish(proposal=_fresh(responded), now=now - 60 * days)
    services.proposal_extend(
        actor=officer, proposal=_fresh(responded), reason="需會同交通局、警察局現場會勘", now=now - 20 * days
    )
    services.proposal_respond(
        actor=officer,
        proposal=_fresh(responded),
        decision="partial",
        reasons="人行道退縮涉及私有土地，先就公有道路段辦理；違規障礙物由各區公所會同警察局排除。",
        planned_actions="114 年度編列人行環境改善經費，優先辦理學校及捷運站周邊 12 處路段。",
        now=now - 5 * days,
    )
    services.proposal_link_programme(actor=rdec, proposal=_fresh(responded), programme_code="PWB-114-017")
    services.comment_post(actor=others[5], proposal=_fresh(responded), body="期待早日完成，學校周邊真的很危險。")
    for i in range(ctx.count(6)):
        passed(f"社區議題提議（示範 {i + 1}）", pwb, now - (3 + i) * days, others[(6 + i) % len(others)])
    result = services.proposal_advance_all(now=now)
    ctx.progress(
        f"  想提議：{Proposal.objects.count()} 件（各狀態皆有），成案 {len(result.established)}、"
        f"未成案 {len(result.lapsed)}、逾期 {len(result.overdue)}"
    )


def _fresh(proposal: Proposal) -> Proposal:
    return Proposal.objects.get(pk=proposal.pk)


def _endorse_through_service(ctx: DemoContext, proposal: Proposal, citizens: list[User], start: dt.datetime) -> None:
    for i, citizen in enumerate(citizens):
        services.proposal_endorse(
            actor=citizen,
            proposal=proposal,
            ip=f"198.51.100.{i % 7}",
            device=f"demo-{i}",
            now=start + dt.timedelta(hours=i),
        )


def _bulk_identities(count: int, *, prefix: str, when: dt.datetime) -> list[CitizenVerification]:
    """Verified demo endorsers in bulk: users, identities and verifications, one audit event per batch."""
    base = User.objects.filter(username__startswith=prefix).count()
    users = User.objects.bulk_create(
        [
            User(username=f"{prefix}{base + i:05d}", kind=User.Kind.CITIZEN, password="!demo-unusable")
            for i in range(count)
        ]
    )
    start = VerifiedIdentity.objects.count()
    identities = VerifiedIdentity.objects.bulk_create(
        [
            VerifiedIdentity(phone_hash=keyed_hash("identity", f"0980{start + i:06d}"), verified_at=when)
            for i in range(count)
        ]
    )
    verifications = CitizenVerification.objects.bulk_create(
        [
            CitizenVerification(
                user=user,
                identity=identity,
                method=CitizenVerification.Method.LINE,
                phone=f"0980{start + i:06d}",
                phone_verified_at=when,
                email_verified_at=when,
            )
            for i, (user, identity) in enumerate(zip(users, identities, strict=True))
        ]
    )
    record_event(identities[0], note=f"示範資料：批次建立 {count} 位已驗證附議人", changes={"count": count})
    return verifications


def _bulk_endorse(proposal: Proposal, count: int, *, start: dt.datetime) -> None:
    with transaction.atomic():
        verifications = _bulk_identities(count, prefix="demo-endorser-", when=start - dt.timedelta(days=30))
        Endorsement.objects.bulk_create(
            [
                Endorsement(
                    proposal=proposal,
                    identity=v.identity,  # type: ignore[misc]
                    user_id=v.user_id,
                    endorsed_at=start + dt.timedelta(minutes=7 * i),
                )
                for i, v in enumerate(verifications)
            ]
        )
        proposal = _fresh(proposal)
        proposal.endorsement_count += count
        proposal.save()
        record_event(proposal, note=f"示範資料：批次附議 {count} 份", changes={"count": count})


# --- participatory budget and consultations ----------------------------------------------------


def _budget(ctx: DemoContext, officer: User, citizens: list[User]) -> None:
    if BudgetProcess.objects.filter(title="113 年度工務局人行環境參與式預算").exists():
        return
    process = services.budget_process_create(
        actor=officer,
        agency=officer.agency,
        title="113 年度工務局人行環境參與式預算",
        year=REFERENCE_YEAR,
        total_budget=5_000_000,
        voting_style=BudgetProcess.Style.KNAPSACK,
        description="由市民提出人行環境改善構想，經工務局評估可行性與經費後，由市民在 500 萬元內投票決定。",
    )
    ideas = [
        ("學校周邊人行道拓寬", 2_200_000),
        ("公園步道無障礙改善", 1_500_000),
        ("騎樓整平示範路段", 1_800_000),
        ("路口行人庇護島", 900_000),
        ("夜間人行照明改善", 700_000),
        ("全面地下化電線桿", 0),
    ]
    projects = []
    for i, (title, _cost) in enumerate(ideas):
        projects.append(
            services.budget_idea_submit(
                actor=citizens[i % len(citizens)], process=process, title=title, description=f"{title}，提升步行安全。"
            )
        )
    for project, (_title, cost) in zip(projects, ideas, strict=True):
        services.budget_project_review(
            actor=officer,
            project=project,
            feasible=bool(cost),
            cost_estimate=cost or None,
            note="" if cost else "經費遠超過本次預算且涉台電權責，不可行。",
        )
    services.budget_phase_advance(actor=officer, process=process)
    process = services.budget_phase_advance(actor=officer, process=process)
    voters = [
        v.user
        for v in _bulk_identities(ctx.count(240), prefix="demo-voter-", when=timezone.now() - dt.timedelta(days=200))
    ]
    feasible = [p for p in projects if p.status == "feasible"]
    for i, voter in enumerate(voters):
        picks = [feasible[i % 5], feasible[(i * 3 + 1) % 5]]
        picks = list(dict.fromkeys(picks))
        if sum(p.cost_estimate or 0 for p in picks) > process.total_budget:
            picks = picks[:1]
        services.budget_ballot_cast(actor=voter, process=process, project_ids=[p.pk for p in picks])
    services.budget_phase_advance(actor=officer, process=process)  # → results (tally published)
    services.budget_phase_advance(actor=officer, process=process)  # → implementation
    for n, project in enumerate(process.projects.filter(status="selected").order_by("-votes")):
        services.budget_progress_report(
            actor=officer, project=project, percent=[60, 35, 10][n % 3], note="已完成設計，施工中"
        )
    ctx.progress(f"  參與式預算：1 案，{len(voters)} 張選票，結果已公布")


def _consultations(ctx: DemoContext, officer: User, citizens: list[User]) -> None:
    if Consultation.objects.exists():
        return
    today = timezone.localdate()
    closed = services.consultation_publish(
        actor=officer,
        agency=officer.agency,
        title="高雄市人行道設計準則（草案）",
        draft="一、人行道淨寬以 2.5 公尺以上為原則。\n二、路口設置行人庇護島。",
        opens_on=today - dt.timedelta(days=60),
        closes_on=today - dt.timedelta(days=30),
    )
    for i, citizen in enumerate(citizens[:4]):
        services.consultation_comment(
            actor=citizen,
            consultation=closed,
            body=["淨寬建議提高到 3 公尺。", "請考慮輪椅使用者。", "騎樓也應納入。", "支持設置庇護島。"][i],
            now=timezone.now() - dt.timedelta(days=45),
        )
    services.consultation_summarise(
        actor=officer,
        consultation=closed,
        summary="採納：無障礙設計、騎樓整平納入準則；未採納：全面 3 公尺淨寬（受限道路寬度），改為新闢道路適用。",
    )
    services.consultation_publish(
        actor=officer,
        agency=officer.agency,
        title="公園綠地認養辦法修正（草案）",
        draft="開放社區團體認養公園綠地並提供維護補助。",
        opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=27),
    )
    ctx.progress("  眾開講：2 則")


__all__: list[Any] = ["populate"]
