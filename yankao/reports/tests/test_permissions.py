"""Permission matrix of every reports view over the six personas, and the scoping of item text."""

from __future__ import annotations

import pytest

from conftest import PERSONAS
from yankao.reports import services
from yankao.reports.models import ManualFigure, OutlineItem
from yankao.reports.tests.conftest import TODAY, item

SIGNIN, OK, NOT_FOUND, FORBIDDEN, REDIRECT = "signin", 200, 404, 403, 302


def _expect(response, expected):
    if expected == SIGNIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected, response.status_code


# persona order: anonymous, citizen, other_staff (CAB), own_staff (PWB), commission, admin
GET_MATRIX = {
    "/reports/": [OK, OK, OK, OK, OK, OK],
    "/reports/figures/manual/?year=113": [OK, OK, OK, OK, OK, OK],
    "/reports/{pk}/": [SIGNIN, NOT_FOUND, OK, OK, OK, OK],  # a draft: staff who write for it
    "/reports/{pk}/?format=json": [SIGNIN, NOT_FOUND, OK, OK, OK, OK],
    "/office/reports/": [SIGNIN, FORBIDDEN, OK, OK, OK, OK],
    "/office/reports/?format=csv": [SIGNIN, FORBIDDEN, OK, OK, OK, OK],
    "/office/reports/open/": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "/office/reports/figures/?year=113": [SIGNIN, FORBIDDEN, OK, OK, OK, OK],
    "/office/reports/figures/manual/?year=113": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "/office/reports/{pk}/": [SIGNIN, FORBIDDEN, OK, OK, OK, OK],
    "/office/reports/{pk}/outline.txt": [SIGNIN, FORBIDDEN, OK, OK, OK, OK],
    "/office/reports/{pk}/items/{pwb}/": [SIGNIN, FORBIDDEN, NOT_FOUND, OK, OK, OK],
    "/office/reports/{pk}/items/{pwb}/outline/": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "/office/reports/{pk}/items/add/": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "/office/reports/{pk}/versions/": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "/office/reports/{pk}/recompute/": [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
}


def _url(template, report):
    return template.format(pk=report.pk, pwb=item(report, "全民督工").pk)


@pytest.mark.parametrize("path", list(GET_MATRIX))
@pytest.mark.parametrize("persona", PERSONAS)
def test_get_views(client_for, small_report, persona, path):
    _expect(client_for(persona).get(_url(path, small_report)), GET_MATRIX[path][PERSONAS.index(persona)])


def test_a_final_report_is_public(client_for, small_report, people):
    for it in small_report.items.exclude(text=""):
        services.item_submit(actor=people["commission"], item=it)
        services.item_accept(actor=people["commission"], item=it)
    services.report_finalise(actor=people["commission"], report=small_report)
    for persona in ("anonymous", "citizen"):
        response = client_for(persona).get(f"/reports/{small_report.pk}/")
        assert response.status_code == 200
        assert "民政局撰寫的草稿。" in response.content.decode()
    assert small_report.title in client_for("anonymous").get("/reports/").content.decode()


def test_staff_of_another_agency_do_not_read_a_draft_item(client_for, small_report):
    body = client_for("own_staff").get(f"/reports/{small_report.pk}/").content.decode()
    assert "113年度本府全民督工總通報案件共" in body  # its own item
    assert "民政局撰寫的草稿。" not in body and "（高雄市政府民政局撰寫中，尚未公開）" in body
    data = client_for("own_staff").get(f"/reports/{small_report.pk}/?format=json").json()
    assert [f["id"] for f in data["figures"]] == ["works.citizen_reports.total"]


# POST actions: persona → expected status, and whether the item's state changed
@pytest.mark.parametrize(
    "persona,expected,changed",
    [("anonymous", SIGNIN, False), ("citizen", FORBIDDEN, False), ("other_staff", NOT_FOUND, False),
     ("own_staff", REDIRECT, True), ("commission", REDIRECT, True), ("admin", REDIRECT, True)],
)  # fmt: skip
def test_writing_an_item(client_for, small_report, persona, expected, changed, monkeypatch):
    import yankao.reports.services as svc

    monkeypatch.setattr(svc.timezone, "localdate", lambda: TODAY)
    target = item(small_report, "全民督工")
    response = client_for(persona).post(
        f"/office/reports/{small_report.pk}/items/{target.pk}/",
        {"text": "改寫 {works.training.sessions} 場", "version": 1},
    )
    _expect(response, expected)
    target.refresh_from_db()
    assert (target.text == "改寫 {works.training.sessions} 場") is changed


@pytest.mark.parametrize(
    "persona,expected,status",
    [("anonymous", SIGNIN, "submitted"), ("citizen", FORBIDDEN, "submitted"), ("other_staff", NOT_FOUND, "submitted"),
     ("own_staff", FORBIDDEN, "submitted"), ("commission", REDIRECT, "accepted"), ("admin", REDIRECT, "accepted")],
)  # fmt: skip
def test_accepting_an_item(client_for, small_report, people, persona, expected, status):
    target = item(small_report, "全民督工")
    services.item_submit(actor=people["own_staff"], item=target)
    _expect(client_for(persona).post(f"/office/reports/{small_report.pk}/items/{target.pk}/accept/"), expected)
    target.refresh_from_db()
    assert target.status == status


@pytest.mark.parametrize(
    "persona,expected,final",
    [("anonymous", SIGNIN, False), ("citizen", FORBIDDEN, False), ("other_staff", REDIRECT, False),
     ("own_staff", REDIRECT, False), ("commission", REDIRECT, True), ("admin", REDIRECT, True)],
)  # fmt: skip
def test_finalising(client_for, small_report, people, persona, expected, final):
    for it in small_report.items.exclude(text=""):
        services.item_submit(actor=people["commission"], item=it)
        services.item_accept(actor=people["commission"], item=it)
    response = client_for(persona).post(f"/office/reports/{small_report.pk}/finalise/")
    if persona in ("other_staff", "own_staff"):
        expected = FORBIDDEN
    _expect(response, expected)
    small_report.refresh_from_db()
    assert small_report.is_final is final


@pytest.mark.parametrize("persona", PERSONAS)
def test_entering_a_manual_figure(client_for, persona):
    response = client_for(persona).post(
        "/office/reports/figures/manual/?year=113",
        {"figure_id": "it.cloud.fengshan_hosts", "value": "100", "source": "盤點", "rounding": "count"},
    )
    allowed = persona in ("commission", "admin")
    _expect(response, REDIRECT if allowed else SIGNIN if persona == "anonymous" else FORBIDDEN)
    assert ManualFigure.objects.filter(figure_id="it.cloud.fengshan_hosts").exists() is allowed


def test_opening_through_the_form(client_for, people, commission_agency, annual_kind):
    response = client_for("commission").post(
        "/office/reports/open/", {"kind": annual_kind.pk, "year": 114, "deadline": "199/03/31"}
    )
    assert response.status_code == 302
    report = annual_kind.reports.get(year=114)
    assert report.deadline.isoformat() == "2110-03-31" and report.items.count() == 44
    again = client_for("commission").post("/office/reports/open/", {"kind": annual_kind.pk, "year": 114})
    assert again.status_code == 200 and "已經開啟" in again.content.decode()


def test_bad_input_gives_chinese_messages_not_errors(client_for, small_report):
    target = item(small_report, "全民督工")
    response = client_for("commission").post(
        f"/office/reports/{small_report.pk}/items/{target.pk}/", {"text": "共 {no.such} 件", "version": 1}
    )
    assert response.status_code == 200 and "未登錄的數據代碼：no.such" in response.content.decode()
    assert client_for("commission").get(f"/reports/{small_report.pk}/?format=exe").status_code == 400
    assert client_for("commission").get(f"/office/reports/{small_report.pk}/versions/?a=x&b=1").status_code == 200
    assert OutlineItem.objects.get(pk=target.pk).text.startswith("113年度")


def test_version_diff_page(client_for, small_report):
    body = client_for("commission").get(f"/office/reports/{small_report.pk}/versions/?a=1&b=2").content.decode()
    assert "第 1 版與第 2 版的差異" in body and "<ins>113年度本府全民督工總通報案件共" in body
