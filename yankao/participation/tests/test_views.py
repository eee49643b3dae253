"""Permission matrix of every participation view and API, and what each persona sees."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from conftest import PERSONAS
from yankao.org.models import District
from yankao.participation import services
from yankao.participation.models import Endorsement, ProjectType, Proposal, ProposalComment

from .conftest import submit

pytestmark = pytest.mark.django_db
SIGNIN, OK, FOUND, FORBIDDEN, MISSING = "signin", 200, 302, 403, 404


@pytest.fixture
def world(people, proposer, own_agency, other_agency, commission_agency, make_citizen):
    """Records of every kind, made through the services, dated around today so windows are open."""
    now = timezone.now()
    staff, rdec = people["own_staff"], people["commission"]
    public = submit(proposer, own_agency, now=now - dt.timedelta(days=3), title="公開提議")
    services.proposal_screen(actor=rdec, proposal=public, passed=True, now=now - dt.timedelta(days=2))
    services.proposal_endorse(actor=make_citizen(), proposal=public, now=now)
    services.comment_post(actor=proposer, proposal=public, body="支持")
    pending = submit(proposer, own_agency, now=now, title="待檢核提議")
    established = submit(proposer, own_agency, now=now - dt.timedelta(days=3), title="成案提議")
    services.proposal_screen(actor=rdec, proposal=established, passed=True, now=now - dt.timedelta(days=2))
    established.refresh_from_db()
    services.proposal_establish(proposal=established, now=now)
    other = submit(proposer, other_agency, now=now - dt.timedelta(days=3), title="民政局提議")
    services.proposal_screen(actor=rdec, proposal=other, passed=True, now=now - dt.timedelta(days=2))
    other.refresh_from_db()
    services.proposal_establish(proposal=other, now=now)
    process = services.budget_process_create(
        actor=staff, agency=own_agency, title="工務參與式預算", year=now.year, total_budget=1_000_000
    )
    consultation = services.consultation_publish(
        actor=staff,
        agency=own_agency,
        title="人行道準則草案",
        draft="草案",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate(),
    )
    project = services.project_apply(
        actor=staff,
        agency=own_agency,
        year=now.year,
        title="共融公園工作坊",
        project_type=ProjectType.objects.get(code="inclusive_park"),
        theme="共融",
        method="工作坊",
        total_budget=300_000,
        requested_amount=200_000,
    )
    return {
        "public": public,
        "pending": pending,
        "established": established,
        "other": other,
        "process": process,
        "consultation": consultation,
        "project": project,
    }


def expect(response, expected):
    if expected == SIGNIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), response.status_code
    else:
        assert response.status_code == expected, (response.status_code, getattr(response, "url", ""))


ALL_OK = [OK] * 6
STAFF_ONLY = [SIGNIN, FORBIDDEN, OK, OK, OK, OK]
COMMISSION_ONLY = [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK]
OWN_AGENCY = [SIGNIN, FORBIDDEN, MISSING, OK, OK, OK]
CITIZEN_ONLY = [SIGNIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN]

GET_MATRIX = {
    "/participation/": ALL_OK,
    "/participation/proposals/": ALL_OK,
    "/participation/proposals/?format=xlsx": ALL_OK,
    "/participation/proposals/{public}/": ALL_OK,
    "/participation/proposals/{established}/": ALL_OK,
    "/participation/proposals/{pending}/": [MISSING, OK, MISSING, MISSING, OK, OK],
    "/participation/proposals/new/": CITIZEN_ONLY,
    "/participation/verify/": CITIZEN_ONLY,
    "/participation/me/": [SIGNIN, OK, OK, OK, OK, OK],
    "/participation/stats/": ALL_OK,
    "/participation/stats/?format=csv": ALL_OK,
    "/participation/open-data/proposals.json": ALL_OK,
    "/participation/open-data/proposals.csv": ALL_OK,
    "/participation/open-data/proposals.xml": [MISSING] * 6,
    "/participation/budgets/": ALL_OK,
    "/participation/budgets/?format=ods": ALL_OK,
    "/participation/budgets/{process}/": ALL_OK,
    "/participation/consultations/": ALL_OK,
    "/participation/consultations/{consultation}/": ALL_OK,
    "/participation/subsidies/": ALL_OK,
    "/participation/subsidies/?format=csv": ALL_OK,
    "/office/participation/": STAFF_ONLY,
    "/office/participation/proposals/": STAFF_ONLY,
    "/office/participation/proposals/?format=xlsx": STAFF_ONLY,
    "/office/participation/proposals/{established}/": OWN_AGENCY,
    "/office/participation/proposals/{pending}/": [SIGNIN, FORBIDDEN, MISSING, MISSING, OK, OK],
    "/office/participation/endorsements/flagged/": COMMISSION_ONLY,
    "/office/participation/comments/": COMMISSION_ONLY,
    "/office/participation/rules/": STAFF_ONLY,
    "/office/participation/budgets/": STAFF_ONLY,
    "/office/participation/budgets/{process}/": OWN_AGENCY,
    "/office/participation/consultations/": STAFF_ONLY,
    "/office/participation/subsidies/": STAFF_ONLY,
    "/office/participation/subsidies/?format=xlsx": STAFF_ONLY,
    "/office/participation/subsidies/{project}/": OWN_AGENCY,
    "/office/participation/subsidies/report.odt": STAFF_ONLY,
}


@pytest.mark.parametrize("path", list(GET_MATRIX))
@pytest.mark.parametrize("persona", PERSONAS)
def test_get_matrix(client_for, world, persona, path):
    url = path.format(**{k: v.pk for k, v in world.items()})
    expect(client_for(persona).get(url), GET_MATRIX[path][PERSONAS.index(persona)])


# POST actions: (url, data, expected per persona); a denied persona must change nothing
POST_MATRIX = {
    "screen": (
        "/office/participation/proposals/{pending}/screen/",
        {"decision": "pass"},
        [SIGNIN, FORBIDDEN, MISSING, MISSING, FOUND, FOUND],
    ),
    "respond": (
        "/office/participation/proposals/{established}/respond/",
        {"decision": "not_adopt", "reasons": "經費不足"},
        [SIGNIN, FORBIDDEN, MISSING, FOUND, FORBIDDEN, FORBIDDEN],
    ),
    "endorse": (
        "/participation/proposals/{public}/endorse/",
        {},
        [SIGNIN, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
    ),
}


def _state(world):
    world["pending"].refresh_from_db()
    world["established"].refresh_from_db()
    world["public"].refresh_from_db()
    return (world["pending"].state, world["established"].state, world["public"].endorsement_count)


@pytest.mark.parametrize("action", list(POST_MATRIX))
@pytest.mark.parametrize("persona", PERSONAS)
def test_post_matrix(client_for, world, persona, action):
    path, data, expected = POST_MATRIX[action]
    before = _state(world)
    response = client_for(persona).post(path.format(**{k: v.pk for k, v in world.items()}), data)
    wanted = expected[PERSONAS.index(persona)]
    expect(response, wanted)
    after = _state(world)
    if wanted != FOUND:
        assert after == before
    else:
        changed = {
            "screen": after[0] == Proposal.State.ENDORSING,
            "respond": after[1] == Proposal.State.RESPONDED,
            "endorse": after[2] == before[2] + 1,
        }
        assert changed[action]


def test_office_lists_are_scoped_to_the_agency(client_for, world):
    own = {p.title for p in client_for("own_staff").get("/office/participation/proposals/").context["proposals"]}
    assert own == {"公開提議", "成案提議"}
    rdec = {p.title for p in client_for("commission").get("/office/participation/proposals/").context["proposals"]}
    assert rdec == {"公開提議", "待檢核提議", "成案提議", "民政局提議"}


def test_other_agency_sees_only_its_own(client_for, world):
    titles = {p.title for p in client_for("other_staff").get("/office/participation/proposals/").context["proposals"]}
    assert titles == {"民政局提議"}
    projects = client_for("other_staff").get("/office/participation/subsidies/").context["projects"]
    assert list(projects) == []


def test_public_list_hides_pending_and_shows_no_personal_data(client_for, world, people):
    response = client_for("anonymous").get("/participation/proposals/")
    titles = {p.title for p in response.context["proposals"]}
    assert titles == {"公開提議", "成案提議", "民政局提議"}
    body = response.content.decode()
    assert "citizen-a" not in body and "0911000111" not in body


def test_open_data_has_no_personal_data(client, world):
    data = json.loads(client.get("/participation/open-data/proposals.json").content)
    assert {row["title"] for row in data["proposals"]} == {"公開提議", "成案提議", "民政局提議"}
    text = json.dumps(data, ensure_ascii=False) + client.get("/participation/open-data/proposals.csv").content.decode(
        "utf-8-sig"
    )
    for secret in ("citizen-a", "a@example.tw", "0911000111", "proposer", "identity"):
        assert secret not in text


def test_office_export_leaves_out_the_proposer(client_for, world):
    response = client_for("commission").get("/office/participation/proposals/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("編號", "提議標題", "狀態", "提議人")
    assert {r[3] for r in rows[1:]} == {None} or {r[3] for r in rows[1:]} == {""}
    assert len(rows) == 5


def test_office_list_masks_the_proposer(client_for, world):
    body = client_for("commission").get("/office/participation/proposals/").content.decode()
    assert "citizen-a" not in body and "c○○○○○○○a" in body


def test_public_page_shows_progress(client, world):
    body = client.get(f"/participation/proposals/{world['public'].pk}/").content.decode()
    assert "1 / 1,500，剩 44 天" in body  # passed 2 days ago: 45 − 2 + today


def test_endorse_twice_from_the_web_shows_a_message(client_for, world, proposer):
    client = client_for("citizen")
    client.post(f"/participation/proposals/{world['public'].pk}/endorse/")
    response = client.post(f"/participation/proposals/{world['public'].pk}/endorse/", follow=True)
    assert "您已附議過此提議（每人限附議一次）。" in response.content.decode()
    assert Endorsement.objects.filter(proposal=world["public"]).count() == 2


def test_screen_form_errors_in_chinese(client_for, world):
    response = client_for("commission").post(
        f"/office/participation/proposals/{world['pending'].pk}/screen/", {"decision": "fail"}
    )
    assert response.status_code == 400
    assert "請選擇未通過理由。" in response.content.decode()
    world["pending"].refresh_from_db()
    assert world["pending"].state == Proposal.State.SUBMITTED


def test_verification_through_the_web(client_for, people, django_capture_on_commit_callbacks):
    from yankao.core.notify import MemorySender

    client = client_for("citizen")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/participation/verify/", {"step": "mobile", "mobile": "0977 123 456"})
    code = MemorySender.outbox[-1][1].split("驗證碼為 ")[1][:6]
    response = client.post(
        "/participation/verify/", {"step": "sms_code", "sms-code": "999999" if code != "999999" else "888888"}
    )
    assert "驗證碼不正確。" in response.content.decode()
    client.post("/participation/verify/", {"step": "sms_code", "sms-code": code})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/participation/verify/", {"step": "email", "email": "a@example.tw"})
    email_code = mail.outbox[-1].body.split("驗證碼為 ")[1][:6]
    response = client.post("/participation/verify/", {"step": "email_code", "mail-code": email_code}, follow=True)
    assert "您已完成實名驗證" in response.content.decode()


def test_comment_report_and_moderation_pages(client_for, world, make_citizen):
    comment = ProposalComment.objects.get()
    response = client_for("commission").post(
        f"/office/participation/comments/{comment.pk}/moderate/", {"action": "hide", "note": "不當"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == ProposalComment.Status.REMOVED
    assert (
        "支持"
        not in client_for("anonymous")
        .get(f"/participation/proposals/{world['public'].pk}/")
        .content.decode()
        .split("留言")[-1]
    )


def test_subsidy_report_document(client_for, world):
    response = client_for("commission").get("/office/participation/subsidies/report.docx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_subsidy_import_page_reports_line_errors(client_for, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = "年度,機關代碼,計畫名稱,類型代碼,議題,參與方式,計畫總經費,申請補助\n113,XXX,計畫,other,議題,方式,100,50\n".encode()
    response = client_for("commission").post(
        "/office/participation/subsidies/import/", {"file": SimpleUploadedFile("a.csv", bad)}, follow=True
    )
    assert "第 2 行：未知的機關代碼「XXX」" in response.content.decode()


def test_budget_vote_over_budget_from_the_web(client_for, world, people, proposer):
    process = world["process"]
    a = services.budget_idea_submit(actor=proposer, process=process, title="甲", description="d")
    b = services.budget_idea_submit(actor=proposer, process=process, title="乙", description="d")
    services.budget_project_review(actor=people["own_staff"], project=a, feasible=True, cost_estimate=600_000, note="")
    services.budget_project_review(actor=people["own_staff"], project=b, feasible=True, cost_estimate=600_000, note="")
    process.voting_style = "knapsack"
    process.save()
    client = client_for("own_staff")
    client.post(f"/office/participation/budgets/{process.pk}/", {"action": "advance"})
    client.post(f"/office/participation/budgets/{process.pk}/", {"action": "advance"})
    response = client_for("citizen").post(
        f"/participation/budgets/{process.pk}/vote/", {"project": [a.pk, b.pk]}, follow=True
    )
    assert "所選提案經費合計 1,200,000 元，超過預算總額 1,000,000 元。" in response.content.decode()
    assert process.ballots.count() == 0


def test_district_list_for_residence(world):
    assert District.objects.count() == 38


@pytest.mark.parametrize("persona", PERSONAS)
def test_programme_create_matrix(client_for, world, people, persona):
    """Only the commission turns an adopted proposal into a controlled programme (列管)."""
    from yankao.programmes.models import Programme

    services.proposal_respond(
        actor=people["own_staff"],
        proposal=world["established"],
        decision="adopt",
        reasons="可行",
        planned_actions="分年設置",
    )
    data = {
        "code": "P-PART-001",
        "name": "遮蔭設施計畫",
        "start_date": f"{timezone.localdate().year - 1911}/01/01",
        "end_date": f"{timezone.localdate().year - 1911}/12/31",
        "total_budget": "1000000",
        "year_budget": "1000000",
    }
    url = f"/office/participation/proposals/{world['established'].pk}/programme/new/"
    wanted = [SIGNIN, FORBIDDEN, MISSING, FORBIDDEN, FOUND, FOUND][PERSONAS.index(persona)]
    expect(client_for(persona).post(url, data), wanted)
    world["established"].refresh_from_db()
    created = Programme.objects.filter(code="P-PART-001").exists()
    assert created == (wanted == FOUND)
    assert (world["established"].programme_code == "P-PART-001") == created


def test_programme_create_form_errors_in_chinese(client_for, world, people):
    services.proposal_respond(
        actor=people["own_staff"],
        proposal=world["established"],
        decision="partial",
        reasons="部分可行",
        planned_actions="試辦",
    )
    url = f"/office/participation/proposals/{world['established'].pk}/programme/new/"
    response = client_for("commission").post(
        url, {"code": "P-PART-002", "name": "計畫", "start_date": "113/12/31", "end_date": "113/01/01"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "errorlist" in page
    world["established"].refresh_from_db()
    assert world["established"].programme_code is None
