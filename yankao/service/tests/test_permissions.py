"""Permission matrix of every service view and API over the six personas."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import PERSONAS
from yankao.service.models import Case
from yankao.service.services import (
    case_accept,
    case_close,
    case_reply,
    case_request_extension,
    legal_consultation_book,
)

SIGNIN, OK, FORBIDDEN, MISSING, REDIRECT, UNAUTHORISED = "signin", 200, 403, 404, 302, 401

GET_MATRIX = {
    "/service/new/": [OK, OK, OK, OK, OK, OK],
    "/service/track/": [OK, OK, OK, OK, OK, OK],
    "/service/survey/{token}/": [OK, OK, OK, OK, OK, OK],
    "/service/mine/": [SIGNIN, OK, OK, OK, OK, OK],
    "/service/mine/{number}/": [SIGNIN, OK, MISSING, MISSING, MISSING, MISSING],
    "/office/service/": [SIGNIN, FORBIDDEN, OK, OK, OK, OK],
    "/office/service/?format=csv": [SIGNIN, FORBIDDEN, OK, OK, OK, OK],
    "/office/service/overdue/": [SIGNIN, FORBIDDEN, OK, OK, OK, OK],
    "/office/service/centre/": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "/office/service/intake/": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "/office/service/cases/{number}/": [SIGNIN, FORBIDDEN, MISSING, OK, OK, OK],
    "/office/service/cases/{number}/document.odt": [SIGNIN, FORBIDDEN, MISSING, OK, OK, OK],
    "/office/service/calls/": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "/office/service/calls/?format=xlsx": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "/office/service/sign-language/": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "/office/service/legal/": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "/office/service/first-aid/": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "/office/service/stats/?period=113": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "/api/service/stats/?period=113": [UNAUTHORISED, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
}


def _expect(response, expected):
    if expected == SIGNIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected


@pytest.fixture
def closed_case(own_case, people):
    officer = people["own_staff"]
    case = case_accept(actor=officer, case=own_case)
    case = case_reply(actor=officer, case=case, text="已修復")
    return case_close(actor=officer, case=case)


@pytest.mark.parametrize("path", list(GET_MATRIX))
@pytest.mark.parametrize("persona", PERSONAS)
def test_get_views(client_for, persona, path, closed_case):
    url = path.format(number=closed_case.number, token=closed_case.survey.token)
    response = client_for(persona).get(url)
    _expect(response, GET_MATRIX[path][PERSONAS.index(persona)])


# POST actions on a case of 工務局 (own agency): who may, and that a refusal changes nothing
POST_MATRIX = [SIGNIN, FORBIDDEN, MISSING, REDIRECT, REDIRECT, REDIRECT]


@pytest.mark.parametrize("persona", PERSONAS)
def test_accept_action(client_for, persona, own_case):
    response = client_for(persona).post(f"/office/service/cases/{own_case.number}/accept/", {"version": 1})
    expected = POST_MATRIX[PERSONAS.index(persona)]
    _expect(response, expected)
    own_case.refresh_from_db()
    if expected == REDIRECT:
        assert (own_case.status, own_case.version) == ("accepted", 2)
    else:
        assert (own_case.status, own_case.version, own_case.steps.count()) == ("assigned", 1, 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_bulk_assign_to_an_agency_is_the_centres(client_for, persona, people, other_agency):
    from yankao.service.tests.conftest import file_case

    waiting = file_case(category="P99")
    response = client_for(persona).post(
        "/office/service/bulk-assign/", {"cases": [waiting.number], "agency": other_agency.pk, "next": "service:centre"}
    )
    waiting.refresh_from_db()
    if persona in ("commission", "admin"):
        assert response.status_code == 302
        assert (waiting.status, waiting.agency) == ("assigned", other_agency)
    else:
        assert response.status_code in (302, 403)
        assert (waiting.status, waiting.agency) == ("received", None)


@pytest.mark.parametrize(
    "persona,allowed",
    [
        ("anonymous", False),
        ("citizen", False),
        ("other_staff", False),
        ("own_staff", False),
        ("commission", True),
        ("admin", True),
    ],
)
def test_extension_decision(client_for, persona, allowed, own_case, people):
    case = case_accept(actor=people["own_staff"], case=own_case)
    extension = case_request_extension(
        actor=people["own_staff"], case=case, until=case.deadline_at + dt.timedelta(days=5), reason="需會勘"
    )
    client_for(persona).post(f"/office/service/extensions/{extension.pk}/decide/", {"approve": "1"})
    extension.refresh_from_db()
    assert extension.decision == ("approved" if allowed else "pending")


@pytest.mark.parametrize("persona", PERSONAS)
def test_legal_attendance_is_recorded_by_the_centre(client_for, persona, people):
    booking = legal_consultation_book(
        actor=None, point="SIWEI", scheduled_at=dt.datetime(2024, 5, 1, 14, tzinfo=dt.UTC), name="陳大文"
    )
    client_for(persona).post(f"/office/service/legal/{booking.pk}/", {"status": "attended"})
    booking.refresh_from_db()
    assert booking.status == ("attended" if persona in ("commission", "admin") else "booked")


def test_staff_lists_show_only_their_agency(client_for, own_case, people):
    from yankao.service.tests.conftest import file_case

    file_case(category="P09")  # 民政局
    own = client_for("own_staff").get("/office/service/")
    assert [c.number for c in own.context["page"]] == [own_case.number]
    other = client_for("other_staff").get("/office/service/")
    assert own_case.number not in [c.number for c in other.context["page"]]
    assert Case.objects.count() == 2


def test_lists_mask_and_exports_leave_out_personal_data(client_for, city):
    from yankao.service.tests.conftest import file_case

    case = file_case(contact_name="王小明", contact_phone="0912345678", reply_channel="sms")
    page = client_for("commission").get("/office/service/centre/?status=assigned").content.decode()
    assert "王○○" in page and "王小明" not in page
    export = client_for("commission").get("/office/service/?format=csv").content.decode("utf-8-sig")
    assert case.number in export
    for secret in ("王小明", "0912345678", "ming@example.tw", "四維三路2號"):
        assert secret not in export


def test_public_tracking_shows_no_personal_data(client, city):
    from yankao.service.tests.conftest import file_case

    case = file_case(contact_name="王小明", contact_phone="0912345678")
    page = client.post("/service/track/", {"number": case.number, "code": case.verification_code}).content.decode()
    assert case.number in page and "已分案" in page
    for secret in ("王小明", "0912345678", "ming@example.tw"):
        assert secret not in page
    wrong = client.post("/service/track/", {"number": case.number, "code": "WRONG123"})
    assert "案號或查詢碼不正確" in wrong.content.decode()


@pytest.mark.parametrize("persona,expected", list(zip(PERSONAS, [SIGNIN, FORBIDDEN, MISSING, OK, OK, OK], strict=True)))
def test_attachments_are_for_those_who_see_the_case(client_for, persona, expected, city):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from yankao.service.tests.conftest import file_case
    from yankao.service.tests.test_cases import png_bytes

    case = file_case(attachments=[SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")])
    attachment = case.attachments.get()
    response = client_for(persona).get(f"/office/service/cases/{case.number}/attachments/{attachment.pk}/")
    _expect(response, expected)
    if expected == OK:
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content) == png_bytes()
