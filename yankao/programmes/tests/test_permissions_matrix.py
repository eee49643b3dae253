"""Permission matrix of every page and API of programme control over the six personas:
anonymous, citizen, other agency's staff, own agency's (工務局) staff, commission officer, admin."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from conftest import PERSONAS
from yankao.org.models import Agency
from yankao.programmes.models import MonthlyReport, Scheme
from yankao.programmes.services import (
    admin_plan_cycle_create,
    admin_plan_section_submit,
    decision_add,
    evaluation_add,
    evaluation_plan_issue,
    meeting_create,
    report_save,
)

from .helpers import figures, make_programme

D = Decimal
SIGNIN, FORBIDDEN, NOT_FOUND, OK = "signin", 403, 404, 200
STAFF_ONLY = [SIGNIN, FORBIDDEN, OK, OK, OK, OK]
OWN_RECORD = [SIGNIN, FORBIDDEN, NOT_FOUND, OK, OK, OK]
COMMISSION_ONLY = [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK]
EVERYONE = [OK] * 6


@pytest.fixture
def world(people, own_agency, pm):
    c = people["commission"]
    programme = make_programme(c, own_agency, pm)
    report = report_save(actor=pm, programme=programme, month=dt.date(2024, 3, 1), figures=figures("0"))
    meeting = meeting_create(
        actor=c, title="113年第1次公共工程督導暨協調會報", held_on=dt.date(2024, 3, 20), chair="副市長"
    )
    decision_add(
        actor=c, meeting=meeting, text="請工務局加速用地取得", agency=own_agency, due_date=dt.date(2024, 4, 30)
    )
    plan = evaluation_plan_issue(
        actor=c, scheme=Scheme.PROGRAMME, year=113, title="113年度年終考核", issued_on=dt.date(2025, 1, 10)
    )
    evaluation = evaluation_add(actor=c, plan=plan, programme=programme)
    cycle = admin_plan_cycle_create(
        actor=c,
        budget_year=114,
        outline="一、推動淨零轉型",
        outline_issued_on=dt.date(2024, 6, 1),
        section_due=dt.date(2024, 7, 31),
    )
    admin_plan_section_submit(actor=people["own_staff"], cycle=cycle, agency=own_agency, content="工務局施政計畫")
    return {
        "p": programme.pk,
        "r": report.pk,
        "m": meeting.pk,
        "e": evaluation.pk,
        "plan": plan.pk,
        "agency": own_agency.pk,
    }


PAGES = {
    "/programmes/": EVERYONE,
    "/office/programmes/": STAFF_ONLY,
    "/office/programmes/?format=xlsx": STAFF_ONLY,
    "/office/programmes/new/": COMMISSION_ONLY,
    "/office/programmes/mine/": STAFF_ONLY,
    "/office/programmes/queue/": STAFF_ONLY,
    "/office/programmes/{p}/": OWN_RECORD,
    "/office/programmes/{p}/reports/2024-03/": [SIGNIN, FORBIDDEN, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN],
    "/office/programmes/reports/{r}/": OWN_RECORD,
    "/office/programmes/dashboard/": COMMISSION_ONLY,
    "/office/programmes/analysis/": STAFF_ONLY,
    "/office/programmes/analysis/2024-03/": STAFF_ONLY,
    "/office/programmes/analysis/2024-03/?format=odt": STAFF_ONLY,
    "/office/programmes/meetings/": STAFF_ONLY,
    "/office/programmes/meetings/{m}/": STAFF_ONLY,
    "/office/programmes/evaluations/": STAFF_ONLY,
    "/office/programmes/evaluations/{e}/": OWN_RECORD,
    "/office/programmes/evaluations/plans/{plan}/letters/{agency}/?format=odt": OWN_RECORD,
    "/office/programmes/enterprises/": STAFF_ONLY,
    "/office/programmes/kpis/": STAFF_ONLY,
    "/office/programmes/planning/": STAFF_ONLY,
    "/office/programmes/planning/admin-plan/114/?format=odt": COMMISSION_ONLY,
    "/office/programmes/subsidies/": STAFF_ONLY,
    "/office/programmes/import/": STAFF_ONLY,
    "/office/programmes/api/programmes/": [FORBIDDEN, FORBIDDEN, OK, OK, OK, OK],
    "/office/programmes/api/programmes/{p}/": [FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, OK, OK],
}


@pytest.mark.parametrize("path", list(PAGES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_pages(client_for, world, persona, path):
    response = client_for(persona).get(path.format(**world))
    expected = PAGES[path][PERSONAS.index(persona)]
    if expected == SIGNIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("action", ["submit", "approve", "send-back", "accept", "return"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_report_actions_need_the_right_person(client_for, world, persona, action):
    """None of the personas is the programme's project manager or 工務局's manager: the draft stays a draft."""
    response = client_for(persona).post(f"/office/programmes/reports/{world['r']}/{action}/", {"comment": "x"})
    assert response.status_code in {302, 403, 404}
    if persona in ("anonymous",):
        assert response["Location"].startswith("/accounts/login/")
    report = MonthlyReport.objects.get(pk=world["r"])
    assert (report.status, report.version) == (MonthlyReport.Status.DRAFT, 1)


def test_other_agency_sees_none_of_our_programmes(client_for, world):
    response = client_for("other_staff").get("/office/programmes/")
    assert response.context["count"] == 0
    data = client_for("other_staff").get("/office/programmes/api/programmes/").json()
    assert data == {"programmes": []}
    body = client_for("other_staff").get("/office/programmes/?format=csv").content.decode("utf-8-sig")
    assert body.strip() == "年度,計畫編號,計畫名稱,列管層級,主辦機關,起日,迄日,年度經費(元),總經費(元),狀態"


def test_exports_and_api_carry_no_names(client_for, world, pm):
    pm.display_name = "王大明"
    pm.save()
    body = client_for("commission").get("/office/programmes/?format=csv").content.decode("utf-8-sig")
    assert "鳳山溪污水截流工程" in body and "王大明" not in body and "pwb-pm" not in body
    api = client_for("commission").get(f"/office/programmes/api/programmes/{world['p']}/").content.decode()
    assert "pwb-pm" not in api and "王大明" not in api
    page = client_for("commission").get("/office/programmes/").content.decode()
    assert "王大明" not in page and "王○○" in page


def test_decision_reply_only_by_the_assigned_agency(client_for, world):
    from yankao.programmes.models import MeetingDecision

    decision = MeetingDecision.objects.get()
    client_for("other_staff").post(f"/office/programmes/decisions/{decision.pk}/reply/", {"text": "他機關回復"})
    decision.refresh_from_db()
    assert (decision.status, decision.follow_up) == ("open", "")
    client_for("own_staff").post(f"/office/programmes/decisions/{decision.pk}/reply/", {"text": "已完成用地協議價購"})
    decision.refresh_from_db()
    assert (decision.status, decision.follow_up) == ("replied", "已完成用地協議價購")


def test_public_list_shows_city_programmes_without_people(client, world, pm):
    response = client.get("/programmes/?year=113")
    assert [p.code for p, _ in response.context["rows"]] == ["P113-001"]
    assert "pwb-pm" not in response.content.decode()


def test_enterprise_agency_exists(city):
    assert Agency.objects.filter(kind=Agency.Kind.ENTERPRISE).count() == 2


FOUND = 302
MEETING_WRITES = {
    "new": ("/office/programmes/meetings/new/", {"title": "第2次會報", "held_on": "113/05/20", "chair": "副市長"}),
    "agenda": ("/office/programmes/meetings/{m}/agenda/", {"issue": "用地取得延宕", "agency": "{agency}"}),
    "minutes": ("/office/programmes/meetings/{m}/minutes/", {"minutes": "一、請工務局加速辦理。", "issued_on": ""}),
    "decision": (
        "/office/programmes/meetings/{m}/decision/",
        {"text": "請工務局於期限內完成", "agency": "{agency}", "due_date": "113/06/30"},
    ),
}


def _meeting_state() -> tuple[int, int, int, str]:
    from yankao.programmes.models import AgendaItem, CoordinationMeeting, MeetingDecision

    first = CoordinationMeeting.objects.order_by("pk").first()
    return (
        CoordinationMeeting.objects.count(),
        AgendaItem.objects.count(),
        MeetingDecision.objects.count(),
        first.minutes if first else "",
    )


@pytest.mark.parametrize("part", list(MEETING_WRITES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_meeting_writes_are_the_commissions(client_for, world, persona, part):
    """The commission convenes meetings and records agenda, minutes and decisions in the browser;
    nobody else can, and a refused request changes nothing."""
    path, data = MEETING_WRITES[part]
    before = _meeting_state()
    response = client_for(persona).post(path.format(**world), {k: v.format(**world) for k, v in data.items()})
    wanted = [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FOUND, FOUND][PERSONAS.index(persona)]
    if wanted == SIGNIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == wanted
    after = _meeting_state()
    if wanted != FOUND:
        assert after == before
    else:
        index = {"new": 0, "agenda": 1, "decision": 2}.get(part)
        if index is None:
            assert after[3] == "一、請工務局加速辦理。"
        else:
            assert after[index] == before[index] + 1


def test_meeting_forms_answer_bad_input_in_chinese(client_for, world):
    client = client_for("commission")
    before = _meeting_state()
    response = client.post(
        f"/office/programmes/meetings/{world['m']}/decision/",
        {"text": "太早的期限", "agency": world["agency"], "due_date": "113/01/01"},  # before the meeting
    )
    assert response.status_code == 400
    assert "辦理期限不得早於開會日期" in response.content.decode()
    response = client.post("/office/programmes/meetings/new/", {"title": "會報", "held_on": "113/13/40", "chair": ""})
    assert response.status_code == 400
    assert _meeting_state() == before
    assert client.post(f"/office/programmes/meetings/{world['m']}/nonsense/", {}).status_code == 404
