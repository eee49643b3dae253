"""The commission's less frequent writes in the browser: evaluation plans (criteria, weights, grade
bands, included programmes, sessions, results), the pre-review call (timetable, review rounds,
balancing, training), the administration plan (outline, compilation, council) and subsidy cases
(case, monthly tracking, to the coordination meeting).

For every page and write: the permission matrix over the six personas, with nothing changed when
refused; for every form: good data is written through the service, bad data is answered in
Chinese with status 400 and nothing written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from conftest import PERSONAS
from yankao.org.models import Agency
from yankao.programmes.models import (
    AdminPlanCycle,
    AgendaItem,
    CallStep,
    Evaluation,
    EvaluationPlan,
    EvaluationSession,
    PlanCriterion,
    PreReviewCall,
    PreReviewProposal,
    ProposalReview,
    Scheme,
    SubsidyCase,
    SubsidyTracking,
    Training,
    TrainingBatch,
)
from yankao.programmes.services import (
    admin_plan_compile,
    admin_plan_cycle_create,
    admin_plan_section_submit,
    call_create,
    evaluation_add,
    evaluation_plan_issue,
    evaluation_score,
    meeting_create,
    proposal_review,
    proposal_submit,
    subsidy_case_create,
)

from .helpers import make_programme

D = Decimal
SIGNIN, FORBIDDEN, NOT_FOUND, OK, FOUND = "signin", 403, 404, 200, 302
STAFF_ONLY = [SIGNIN, FORBIDDEN, OK, OK, OK, OK]
OWN_RECORD = [SIGNIN, FORBIDDEN, NOT_FOUND, OK, OK, OK]
COMMISSION_WRITE = [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FOUND, FOUND]
OFFICE = "/office/programmes"


@pytest.fixture
def desk(people, own_agency, pm):
    """One of everything the forms act on, made through the services."""
    c, own = people["commission"], people["own_staff"]
    programme = make_programme(c, own_agency, pm)
    spare = make_programme(c, own_agency, pm, code="P113-002", name="旗津海岸廊道工程")
    plan = evaluation_plan_issue(
        actor=c, scheme=Scheme.PROGRAMME, year=113, title="113年度列管計畫年終考核", issued_on=dt.date(2025, 1, 10)
    )
    evaluation_add(actor=c, plan=plan, programme=programme)
    enterprise = Agency.objects.filter(kind=Agency.Kind.ENTERPRISE).order_by("code").first()
    plan_e = evaluation_plan_issue(
        actor=c, scheme=Scheme.ENTERPRISE, year=112, title="112年度事業機構考核", issued_on=dt.date(2024, 3, 1)
    )
    scored = evaluation_add(actor=c, plan=plan_e, enterprise=enterprise)
    evaluation_score(
        actor=c, evaluation=scored, scores={"E1": D(90), "E2": D(85), "E3": D(80), "E4": D(88)}, comment=""
    )
    call = call_create(
        actor=c,
        budget_year=114,
        title="114年度重要施政計畫先期作業實施計畫",
        issued_on=dt.date(2024, 2, 26),
        proposal_due=dt.date(2024, 3, 31),
    )
    proposal = proposal_submit(
        actor=own, call=call, agency=own_agency, name="大寮污水下水道", requested_public=D(100_000_000)
    )
    proposal_review(
        actor=c,
        proposal=proposal,
        stage=ProposalReview.Stage.BALANCE,
        reviewed_on=dt.date(2024, 6, 20),
        public=D(90_000_000),
        fund=D(0),
    )
    cycle = admin_plan_cycle_create(
        actor=c,
        budget_year=114,
        outline="一、推動淨零轉型",
        outline_issued_on=dt.date(2024, 6, 1),
        section_due=dt.date(2024, 7, 31),
    )
    admin_plan_section_submit(actor=own, cycle=cycle, agency=own_agency, content="工務局施政計畫")
    admin_plan_compile(actor=c, cycle=cycle, compiled_on=dt.date(2024, 8, 20))
    case = subsidy_case_create(
        actor=c, year=113, code="B113-001", name="林園區道路改善", agency=own_agency, amount=D(20_000_000)
    )
    meeting = meeting_create(
        actor=c, title="113年第2次公共工程督導暨協調會報", held_on=dt.date(2024, 6, 20), chair="副市長"
    )
    return {
        "plan": plan.pk,
        "plan_e": plan_e.pk,
        "spare": spare.pk,
        "proposal": proposal.pk,
        "case": case.pk,
        "meeting": meeting.pk,
        "agency": own_agency.pk,
    }


def _state() -> tuple[Any, ...]:
    """Everything the forms could write, to show that a refused request wrote nothing."""
    call = PreReviewCall.objects.filter(budget_year=114).first()
    cycle = AdminPlanCycle.objects.filter(budget_year=114).first()
    return (
        EvaluationPlan.objects.count(),
        sorted(PlanCriterion.objects.values_list("plan_id", "code", "name", "weight")),
        sorted(str(p.grade_bands) for p in EvaluationPlan.objects.all()),
        Evaluation.objects.count(),
        EvaluationSession.objects.count(),
        sorted(EvaluationPlan.objects.values_list("pk", "report_issued_on")),
        PreReviewCall.objects.count(),
        CallStep.objects.count(),
        ProposalReview.objects.count(),
        sorted(PreReviewProposal.objects.values_list("pk", "approved_public", "approved_fund", "status")),
        Training.objects.count(),
        TrainingBatch.objects.count(),
        call.balanced_on if call else None,
        AdminPlanCycle.objects.count(),
        (cycle.compiled_on, cycle.sent_to_council_on) if cycle else None,
        SubsidyCase.objects.count(),
        SubsidyTracking.objects.count(),
        sorted(SubsidyCase.objects.values_list("pk", "has_problem")),
        AgendaItem.objects.count(),
    )


# --- the pages -------------------------------------------------------------------------------------

PAGES = {
    "/evaluations/plans/{plan}/": STAFF_ONLY,
    "/evaluations/plans/{plan_e}/": STAFF_ONLY,
    "/planning/proposals/{proposal}/": OWN_RECORD,
    "/subsidies/{case}/": OWN_RECORD,
}


@pytest.mark.parametrize("path", list(PAGES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_pages(client_for, desk, persona, path):
    response = client_for(persona).get(OFFICE + path.format(**desk))
    expected = PAGES[path][PERSONAS.index(persona)]
    if expected == SIGNIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected


FORMS_ON_PAGES = {
    "/evaluations/": "/office/programmes/evaluations/plans/new/",
    "/enterprises/": "/office/programmes/evaluations/plans/new/",
    "/evaluations/plans/{plan}/": "/office/programmes/evaluations/plans/{plan}/rules/",
    "/planning/?year=114": "/office/programmes/planning/calls/new/",
    "/planning/proposals/{proposal}/": "/office/programmes/planning/proposals/{proposal}/review/",
    "/subsidies/": "/office/programmes/subsidies/new/",
    "/subsidies/{case}/": "/office/programmes/subsidies/{case}/meeting/",
}


@pytest.mark.parametrize("path", list(FORMS_ON_PAGES))
def test_forms_are_offered_to_the_commission_only(client_for, desk, path):
    action = f'action="{FORMS_ON_PAGES[path].format(**desk)}"'
    assert action in client_for("commission").get(OFFICE + path.format(**desk)).content.decode()
    assert action not in client_for("own_staff").get(OFFICE + path.format(**desk)).content.decode()


def test_links_lead_from_the_lists_to_the_new_pages(client_for, desk):
    client = client_for("commission")
    assert (
        f'href="/office/programmes/evaluations/plans/{desk["plan"]}/"'
        in client.get(f"{OFFICE}/evaluations/?year=113").content.decode()
    )
    assert (
        f'href="/office/programmes/evaluations/plans/{desk["plan_e"]}/"'
        in client.get(f"{OFFICE}/enterprises/?year=112").content.decode()
    )
    planning = client.get(f"{OFFICE}/planning/?year=114").content.decode()
    assert f'href="/office/programmes/planning/proposals/{desk["proposal"]}/"' in planning
    assert (
        f'href="/office/programmes/subsidies/{desk["case"]}/"'
        in client.get(f"{OFFICE}/subsidies/?year=113").content.decode()
    )


def test_the_agency_tracks_its_own_case_but_not_to_the_meeting(client_for, desk):
    page = client_for("own_staff").get(f"{OFFICE}/subsidies/{desk['case']}/").content.decode()
    assert f'action="/office/programmes/subsidies/{desk["case"]}/track/"' in page


# --- every write over the six personas -------------------------------------------------------------

WRITES: dict[str, tuple[str, dict[str, str], list[Any]]] = {
    "plan_new": (
        "/evaluations/plans/new/",
        {"scheme": "programme", "year": "114", "title": "114年度列管計畫年終考核", "issued_on": "115/01/10"},
        COMMISSION_WRITE,
    ),
    "plan_rules": (
        "/evaluations/plans/{plan}/rules/",
        {
            **{"c1_code": "P1", "c1_name": "計畫作業", "c1_weight": "20"},
            **{"c2_code": "P2", "c2_name": "執行進度", "c2_weight": "30"},
            **{"c3_code": "P3", "c3_name": "經費執行", "c3_weight": "20"},
            **{"c4_code": "P4", "c4_name": "執行成效", "c4_weight": "30"},
            **{"b1_grade": "甲", "b1_min_score": "85", "b2_grade": "乙", "b2_min_score": "75"},
            **{"b3_grade": "丙", "b3_min_score": "0"},
        },
        COMMISSION_WRITE,
    ),
    "plan_include": ("/evaluations/plans/{plan}/include/", {"programme": "{spare}"}, COMMISSION_WRITE),
    "plan_session": (
        "/evaluations/plans/{plan_e}/session/",
        {"held_on": "113/05/22", "note": "輪船公司實地考評"},
        COMMISSION_WRITE,
    ),
    "plan_issue": ("/evaluations/plans/{plan_e}/issue/", {"issued_on": "113/08/01"}, COMMISSION_WRITE),
    "call_new": (
        "/planning/calls/new/",
        {
            "budget_year": "115",
            "title": "115年度重要施政計畫先期作業實施計畫",
            "issued_on": "114/02/20",
            "proposal_due": "114/03/31",
            **{"s1_name": "機關提案", "s1_due_on": "114/03/31", "s2_name": "初審", "s2_due_on": "114/04/30"},
        },
        COMMISSION_WRITE,
    ),
    "proposal_review": (
        "/planning/proposals/{proposal}/review/",
        {"stage": "meeting", "reviewed_on": "113/05/10", "public": "80000000", "fund": "0", "note": "分年辦理"},
        COMMISSION_WRITE,
    ),
    "call_training": (
        "/planning/calls/114/training/",
        {
            "title": "114年度先期作業研習班",
            **{"t1_held_on": "113/02/27", "t1_attendees": "40", "t2_held_on": "113/02/27", "t2_attendees": "35"},
        },
        COMMISSION_WRITE,
    ),
    "call_balance": ("/planning/calls/114/balance/", {"balanced_on": "113/07/15"}, COMMISSION_WRITE),
    "admin_new": (
        "/planning/admin-plan/new/",
        {
            "budget_year": "115",
            "outline": "一、韌性城市",
            "outline_issued_on": "114/06/02",
            "section_due": "114/07/31",
        },
        COMMISSION_WRITE,
    ),
    "admin_compile": ("/planning/admin-plan/114/compile/", {"compiled_on": "113/08/30"}, COMMISSION_WRITE),
    "admin_council": ("/planning/admin-plan/114/council/", {"sent_on": "113/09/13"}, COMMISSION_WRITE),
    "subsidy_new": (
        "/subsidies/new/",
        {"year": "113", "code": "B113-002", "name": "美濃區排水改善", "agency": "{agency}", "amount": "5000000"},
        COMMISSION_WRITE,
    ),
    "subsidy_track": (
        "/subsidies/{case}/track/",
        {"month": "113/05", "progress_pct": "40", "spent": "1000000", "problem": "用地取得延宕"},
        [SIGNIN, FORBIDDEN, NOT_FOUND, FOUND, FOUND, FOUND],
    ),
    "subsidy_meeting": (
        "/subsidies/{case}/meeting/",
        {"meeting": "{meeting}", "issue": ""},
        [SIGNIN, FORBIDDEN, NOT_FOUND, FORBIDDEN, FOUND, FOUND],
    ),
}


def _post(client: Any, desk: dict[str, int], write: str, **changes: str) -> Any:
    path, data = WRITES[write][:2]
    payload = {k: v.format(**desk) for k, v in (data | changes).items()}
    return client.post(OFFICE + path.format(**desk), payload)


def _written(write: str, desk: dict[str, int]) -> None:
    """What each good write leaves behind (exact values)."""
    if write == "plan_new":
        plan = EvaluationPlan.objects.get(scheme=Scheme.PROGRAMME, year=114)
        assert (plan.issued_on, list(plan.criteria.values_list("code", "weight"))) == (
            dt.date(2026, 1, 10),
            [("P1", 15), ("P2", 35), ("P3", 20), ("P4", 30)],
        )
    elif write == "plan_rules":
        plan = EvaluationPlan.objects.get(pk=desk["plan"])
        assert list(plan.criteria.values_list("code", "weight")) == [("P1", 20), ("P2", 30), ("P3", 20), ("P4", 30)]
        assert plan.grade_bands == [
            {"grade": "甲", "min_score": "85"},
            {"grade": "乙", "min_score": "75"},
            {"grade": "丙", "min_score": "0"},
        ]
    elif write == "plan_include":
        assert Evaluation.objects.filter(plan_id=desk["plan"], programme_id=desk["spare"]).count() == 1
    elif write == "plan_session":
        assert list(EvaluationSession.objects.values_list("plan_id", "held_on", "note")) == [
            (desk["plan_e"], dt.date(2024, 5, 22), "輪船公司實地考評")
        ]
    elif write == "plan_issue":
        assert EvaluationPlan.objects.get(pk=desk["plan_e"]).report_issued_on == dt.date(2024, 8, 1)
    elif write == "call_new":
        call = PreReviewCall.objects.get(budget_year=115)
        assert list(call.steps.values_list("seq", "name", "due_on")) == [
            (1, "機關提案", dt.date(2025, 3, 31)),
            (2, "初審", dt.date(2025, 4, 30)),
        ]
    elif write == "proposal_review":
        proposal = PreReviewProposal.objects.get(pk=desk["proposal"])
        assert (proposal.approved_public, proposal.approved_fund, proposal.status) == (
            D(80_000_000),
            D(0),
            "reviewing",
        )
        assert proposal.reviews.order_by("pk").last().note == "分年辦理"
    elif write == "call_training":
        training = Training.objects.get()
        assert (training.call.budget_year, list(training.batches.values_list("seq", "held_on", "attendees"))) == (
            114,
            [(1, dt.date(2024, 2, 27), 40), (2, dt.date(2024, 2, 27), 35)],
        )
    elif write == "call_balance":
        assert PreReviewCall.objects.get(budget_year=114).balanced_on == dt.date(2024, 7, 15)
    elif write == "admin_new":
        cycle = AdminPlanCycle.objects.get(budget_year=115)
        assert (cycle.outline, cycle.section_due) == ("一、韌性城市", dt.date(2025, 7, 31))
    elif write == "admin_compile":
        assert AdminPlanCycle.objects.get(budget_year=114).compiled_on == dt.date(2024, 8, 30)
    elif write == "admin_council":
        assert AdminPlanCycle.objects.get(budget_year=114).sent_to_council_on == dt.date(2024, 9, 13)
    elif write == "subsidy_new":
        case = SubsidyCase.objects.get(code="B113-002")
        assert (case.year, case.amount, case.agency_id) == (113, D(5_000_000), desk["agency"])
    elif write == "subsidy_track":
        row = SubsidyTracking.objects.get()
        assert (row.month, row.progress_pct, row.spent, row.problem) == (
            dt.date(2024, 5, 1),
            D(40),
            D(1_000_000),
            "用地取得延宕",
        )
        assert SubsidyCase.objects.get(pk=desk["case"]).has_problem is True
    elif write == "subsidy_meeting":
        item = AgendaItem.objects.get()
        assert (item.meeting_id, item.subsidy_case_id, item.agency_id, item.seq) == (
            desk["meeting"],
            desk["case"],
            desk["agency"],
            1,
        )
        assert item.issue == "基本設施補助案件「林園區道路改善」：待檢討"
    else:  # pragma: no cover
        raise AssertionError(write)


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_writes_over_the_personas(client_for, desk, persona, write):
    before = _state()
    response = _post(client_for(persona), desk, write)
    wanted = WRITES[write][2][PERSONAS.index(persona)]
    if wanted == SIGNIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == wanted
    if wanted == FOUND:
        _written(write, desk)
    else:
        assert _state() == before


# --- bad input: a clear Chinese message, status 400, nothing written --------------------------------

BAD = [
    ("plan_new", {"year": "113"}, "113 年度已有考核實施計畫"),
    ("plan_new", {"issued_on": "114/02/30"}, "「114/02/30」的日期不存在（2 月沒有 30 日）"),
    ("plan_rules", {"c4_weight": "20"}, "考核項目權重合計須為 100%（目前為 90%）"),
    ("plan_rules", {"b2_min_score": "95"}, "等第級距須由高至低排列：乙等的最低分數（95）須低於甲等（85）"),
    ("plan_rules", {"b3_min_score": "10"}, "最低等第的最低分數須為 0，每個總分才有等第"),
    ("plan_rules", {"c2_code": "P1"}, "考核項目代碼不得重複"),
    ("plan_rules", {"c4_weight": ""}, "考核項目 4：請填寫完整或整列留白"),
    ("plan_rules", {"c1_weight": "-5", "c2_weight": "55"}, "考核項目「計畫作業」的權重須大於 0 且不超過 100"),
    ("plan_include", {"programme": "999999"}, "請選擇本年度尚未納入的列管計畫"),
    ("plan_session", {"held_on": "明天"}, "「明天」不是有效的日期格式"),
    ("call_new", {"proposal_due": "114/01/31"}, "提案期限不得早於函頒日期"),
    ("call_new", {"s2_due_on": "114/03/01"}, "時程須依日期先後排列"),
    ("call_new", {"budget_year": "114"}, "114 年度已有先期作業"),
    ("call_new", {"s2_due_on": ""}, "時程 2：請填寫完整或整列留白"),
    ("proposal_review", {"public": "100000001"}, "核列公務預算不得超過需求"),
    ("proposal_review", {"fund": "1"}, "核列基金預算不得超過需求"),
    ("proposal_review", {"public": "-1"}, "金額不得為負數"),
    ("proposal_review", {"reviewed_on": "113/01/01"}, "審議日期不得早於先期作業函頒日期"),
    ("call_training", {"t1_attendees": "-3"}, "參加人數不得為負數"),
    (
        "call_training",
        {"t1_held_on": "", "t1_attendees": "", "t2_held_on": "", "t2_attendees": ""},
        "請至少登錄一個梯次",
    ),
    ("call_balance", {"balanced_on": "113/01/01"}, "預算平衡完成日不得早於函頒日期"),
    ("admin_new", {"section_due": "114/05/01"}, "機關提送期限不得早於綱要函頒日"),
    ("admin_new", {"budget_year": "114"}, "114 年度施政計畫已建立"),
    ("admin_compile", {"compiled_on": "113/05/01"}, "彙編完成日不得早於綱要函頒日"),
    ("admin_council", {"sent_on": "113/08/01"}, "函送日期不得早於彙編完成日"),
    ("subsidy_new", {"amount": "-100"}, "金額不得為負數"),
    ("subsidy_new", {"amount": "0"}, "補助經費須大於 0"),
    ("subsidy_new", {"code": "B113-001"}, "113 年度已有案號 B113-001"),
    ("subsidy_track", {"spent": "30000000"}, "執行數（30,000,000 元）超過補助經費（20,000,000 元）"),
    ("subsidy_track", {"progress_pct": "120"}, "執行進度須介於 0 與 100 之間"),
    ("subsidy_track", {"month": "113/13"}, "月份 13 不正確"),
    ("subsidy_meeting", {"meeting": ""}, "請選擇協調會報"),
]


@pytest.mark.parametrize(("write", "changes", "message"), BAD, ids=[f"{w}-{m[:12]}" for w, _, m in BAD])
def test_bad_input_is_refused_in_chinese(client_for, desk, write, changes, message):
    before = _state()
    response = _post(client_for("commission"), desk, write, **changes)
    assert response.status_code == 400
    body = response.content.decode()
    assert "無法儲存，請修正下列問題" in body and message in body
    assert _state() == before


def test_rules_are_locked_once_scored_and_results_wait_for_every_score(client_for, desk, people):
    client = client_for("commission")
    plan = EvaluationPlan.objects.get(pk=desk["plan"])
    before = _state()
    response = client.post(f"{OFFICE}/evaluations/plans/{plan.pk}/issue/", {"issued_on": "114/02/01"})
    assert response.status_code == 400 and "尚有 1 案未完成評分，不能函送考核結果" in response.content.decode()
    assert _state() == before
    evaluation = plan.evaluations.get()
    evaluation_score(
        actor=people["commission"],
        evaluation=evaluation,
        scores={"P1": D(80), "P2": D(90), "P3": D(85), "P4": D(88)},
    )
    before = _state()
    response = _post(client, desk, "plan_rules")
    assert response.status_code == 400 and "已有評分結果，不能再修改考核項目與等第級距" in response.content.decode()
    assert _state() == before
    page = client.get(f"{OFFICE}/evaluations/plans/{plan.pk}/").content.decode()
    assert "已有評分結果，考核項目與等第級距不能再修改" in page
    assert f'action="/office/programmes/evaluations/plans/{plan.pk}/rules/"' not in page


def test_edited_weights_and_bands_decide_the_grade(client_for, desk, people):
    """Under the defaults (15/35/20/30, 甲 ≥ 90) these scores would give 88.70, 乙; under the edited
    plan (20/30/20/30, 甲 ≥ 85) they give 88.20, 甲."""
    assert _post(client_for("commission"), desk, "plan_rules").status_code == FOUND
    evaluation = Evaluation.objects.get(plan_id=desk["plan"])
    response = client_for("commission").post(
        f"{OFFICE}/evaluations/{evaluation.pk}/",
        {"score": "1", "c_P1": "80", "c_P2": "90", "c_P3": "85", "c_P4": "94", "comment": ""},
    )
    assert response.status_code == FOUND
    evaluation.refresh_from_db()
    # 20×80 + 30×90 + 20×85 + 30×94 = 1600 + 2700 + 1700 + 2820 = 8820 → 88.20
    assert (evaluation.total_score, evaluation.grade) == (D("88.20"), "甲")


def test_blank_rows_drop_a_criterion(client_for, desk):
    response = _post(
        client_for("commission"),
        desk,
        "plan_rules",
        c3_code="",
        c3_name="",
        c3_weight="",
        c2_weight="50",
    )
    assert response.status_code == FOUND
    plan = EvaluationPlan.objects.get(pk=desk["plan"])
    assert list(plan.criteria.values_list("code", "weight", "seq")) == [("P1", 20, 0), ("P2", 50, 1), ("P4", 30, 2)]


def test_balancing_waits_for_every_proposal(client_for, desk, people, own_agency):
    proposal_submit(
        actor=people["own_staff"],
        call=PreReviewCall.objects.get(budget_year=114),
        agency=own_agency,
        name="岡山轉運站",
        requested_public=D(50_000_000),
    )
    before = _state()
    response = _post(client_for("commission"), desk, "call_balance")
    assert response.status_code == 400 and "尚有 1 案未經預算平衡審議" in response.content.decode()
    assert _state() == before


def test_after_balancing_no_more_reviews(client_for, desk):
    client = client_for("commission")
    assert _post(client, desk, "call_balance").status_code == FOUND
    page = client.get(f"{OFFICE}/planning/proposals/{desk['proposal']}/").content.decode()
    assert "/review/" not in page and "90,000,000" in page
    before = _state()
    response = _post(client, desk, "proposal_review")
    assert response.status_code == 400 and "先期作業已完成預算平衡，不能再審議" in response.content.decode()
    assert _state() == before


def test_a_case_goes_to_a_meeting_once(client_for, desk):
    client = client_for("commission")
    assert _post(client, desk, "subsidy_track").status_code == FOUND
    response = _post(client, desk, "subsidy_meeting")
    assert response.status_code == FOUND and response["Location"] == f"{OFFICE}/meetings/{desk['meeting']}/"
    assert AgendaItem.objects.get().issue == "基本設施補助案件「林園區道路改善」：用地取得延宕"
    before = _state()
    response = _post(client, desk, "subsidy_meeting")
    assert response.status_code == 400 and "此案件已列入該次會報議題" in response.content.decode()
    assert _state() == before
    page = client.get(f"{OFFICE}/subsidies/{desk['case']}/").content.decode()
    assert "113年第2次公共工程督導暨協調會報（113/06/20）" in page and "113/05" in page


def test_pages_show_roc_dates(client_for, desk):
    client = client_for("commission")
    assert "民國114年1月10日" in client.get(f"{OFFICE}/evaluations/plans/{desk['plan']}/").content.decode()
    planning = client.get(f"{OFFICE}/planning/?year=114").content.decode()
    assert "113/02/26 函頒" in planning and "113/08/20 彙編完成" in planning
    review = client.get(f"{OFFICE}/planning/proposals/{desk['proposal']}/").content.decode()
    assert "113/06/20" in review and "預算平衡" in review


def test_compiled_plan_downloads(client_for, desk):
    response = client_for("commission").get(f"{OFFICE}/planning/admin-plan/114/?format=odt")
    assert response.status_code == 200 and len(response.content) > 1000


# --- the agencies' own parts of the planning page ---------------------------------------------------


@pytest.fixture
def open_year(people):
    """A call still taking proposals and an administration plan still taking sections (115)."""
    c = people["commission"]
    call_create(
        actor=c,
        budget_year=115,
        title="115年度重要施政計畫先期作業實施計畫",
        issued_on=dt.date(2025, 2, 20),
        proposal_due=dt.date(2025, 3, 31),
    )
    admin_plan_cycle_create(
        actor=c,
        budget_year=115,
        outline="一、韌性城市",
        outline_issued_on=dt.date(2025, 6, 2),
        section_due=dt.date(2025, 7, 31),
    )


AGENCY_WRITES = {
    "proposal": (
        "/planning/calls/115/proposals/new/",
        {"name": "岡山轉運站", "requested_public": "50000000", "requested_fund": "0", "requested_central": "0"},
        [SIGNIN, FORBIDDEN, FOUND, FOUND, FOUND, FOUND],
    ),
    "section": (
        "/planning/admin-plan/115/section/",
        {"content": "一、推動污水下水道建設"},
        [SIGNIN, FORBIDDEN, FOUND, FOUND, FORBIDDEN, FORBIDDEN],
    ),
}


def _agency_state() -> tuple[Any, ...]:
    from yankao.programmes.models import AdminPlanSection

    return (
        sorted(PreReviewProposal.objects.values_list("agency_id", "name", "requested_public")),
        sorted(AdminPlanSection.objects.values_list("agency_id", "content", "status")),
    )


@pytest.mark.parametrize("write", list(AGENCY_WRITES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_agencies_file_their_own_parts(client_for, open_year, people, own_agency, persona, write):
    """Staff answer for their own agency (the commission may file a proposal for any agency, but
    writes no agency's section); a refused request changes nothing."""
    path, data, expected = AGENCY_WRITES[write]
    before = _agency_state()
    response = client_for(persona).post(OFFICE + path, data | {"agency": str(own_agency.pk)})
    wanted = expected[PERSONAS.index(persona)]
    if wanted == SIGNIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == wanted
    if wanted != FOUND:
        assert _agency_state() == before
        return
    user = people[persona]
    agency_id = own_agency.pk if persona in ("commission", "admin") else user.agency_id
    proposals, sections = _agency_state()
    if write == "proposal":
        assert proposals == [(agency_id, "岡山轉運站", D(50_000_000))]
    else:
        assert sections == [(agency_id, "一、推動污水下水道建設", "submitted")]


AGENCY_BAD = [
    ("proposal", "own_staff", {"requested_public": "-5"}, "金額不得為負數"),
    ("proposal", "own_staff", {"requested_public": "0"}, "請填寫需求經費"),
    ("proposal", "commission", {}, "請選擇提案機關"),
    ("section", "own_staff", {"content": ""}, "請輸入施政計畫內容"),
]


@pytest.mark.parametrize(("write", "persona", "changes", "message"), AGENCY_BAD)
def test_agency_bad_input_is_refused_in_chinese(client_for, open_year, own_agency, write, persona, changes, message):
    path, data, _ = AGENCY_WRITES[write]
    before = _agency_state()
    response = client_for(persona).post(OFFICE + path, data | changes)
    assert response.status_code == 400
    body = response.content.decode()
    assert "無法儲存，請修正下列問題" in body and message in body
    assert _agency_state() == before


def test_no_sections_after_compilation_nor_proposals_after_balancing(client_for, desk):
    client = client_for("own_staff")
    before, agency_before = _state(), _agency_state()
    response = client.post(f"{OFFICE}/planning/admin-plan/114/section/", {"content": "補充"})
    assert response.status_code == 400 and "施政計畫已彙編完成，不再受理提送" in response.content.decode()
    assert _state() == before and _agency_state() == agency_before
    assert _post(client_for("commission"), desk, "call_balance").status_code == FOUND
    client = client_for("own_staff")  # one test client: signing in again
    before = _state()
    response = client.post(
        f"{OFFICE}/planning/calls/114/proposals/new/",
        {"name": "遲來的提案", "requested_public": "1000", "requested_fund": "0", "requested_central": "0"},
    )
    assert response.status_code == 400 and "先期作業已完成預算平衡，不再受理提案" in response.content.decode()
    assert _state() == before
