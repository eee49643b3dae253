"""The KPI forms (中程施政計畫關鍵績效指標) and the month close in the browser: the commission creates
an indicator and sends an improvement suggestion on a flagged year; the agency (or the commission)
records a year's target and actual; the agency replies; the commission closes the suggestion; the
commission closes a month (關帳) on the monthly analysis page.

For every page and write: the permission matrix over the six personas, with nothing changed when
refused; for every form: good data is written through the service, bad data is answered in
Chinese with status 400 and nothing written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import PERSONAS
from yankao.core.rocdate import format_roc
from yankao.programmes.models import KpiIndicator, KpiSuggestion, KpiValue, ReportingMonth
from yankao.programmes.services import (
    kpi_indicator_create,
    kpi_suggestion_reply,
    kpi_suggestion_send,
    kpi_value_set,
)

D = Decimal
SIGNIN, FORBIDDEN, NOT_FOUND, OK, FOUND = "signin", 403, 404, 200, 302
STAFF_ONLY = [SIGNIN, FORBIDDEN, OK, OK, OK, OK]
OWN_RECORD = [SIGNIN, FORBIDDEN, NOT_FOUND, OK, OK, OK]
COMMISSION_WRITE = [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FOUND, FOUND]
OFFICE = "/office/programmes"


def _indicator(actor: Any, agency: Any, code: str, name: str, unit: str = "%") -> KpiIndicator:
    return kpi_indicator_create(
        actor=actor, agency=agency, code=code, name=name, unit=unit, direction="higher", plan_period="111-114"
    )


@pytest.fixture
def kpis(people, own_agency):
    """K1: 112 at 50 % with a suggestion sent, 113 at 40 % flagged without one; K2: 112 at 60 % with
    a suggestion replied to; K3: 112 at 95 %, not flagged. All through the services."""
    c, own = people["commission"], people["own_staff"]
    k1 = _indicator(c, own_agency, "K1", "污水接管戶數", "戶")
    kpi_value_set(actor=c, indicator=k1, year=112, target=D(100), actual=D(50))
    kpi_value_set(actor=c, indicator=k1, year=113, target=D(100), actual=D(40))
    sent = kpi_suggestion_send(actor=c, indicator=k1, year=112, suggestion="請檢討接管工程發包策略")
    k2 = _indicator(c, own_agency, "K2", "道路平整率")
    kpi_value_set(actor=c, indicator=k2, year=112, target=D(100), actual=D(60))
    replied = kpi_suggestion_send(actor=c, indicator=k2, year=112, suggestion="請研提改善措施")
    kpi_suggestion_reply(actor=own, suggestion=replied, reply="已增編養護經費")
    k3 = _indicator(c, own_agency, "K3", "路燈妥善率")
    kpi_value_set(actor=c, indicator=k3, year=112, target=D(100), actual=D(95))
    return {"k1": k1.pk, "k2": k2.pk, "k3": k3.pk, "sent": sent.pk, "replied": replied.pk, "agency": own_agency.pk}


def _state() -> tuple[Any, ...]:
    """Everything the forms could write, to show that a refused request wrote nothing."""
    return (
        sorted(KpiIndicator.objects.values_list("agency_id", "code", "name", "unit", "direction", "plan_period")),
        sorted(KpiValue.objects.values_list("indicator_id", "year", "target", "actual", "note")),
        sorted(KpiSuggestion.objects.values_list("pk", "indicator_id", "year", "status", "suggestion", "reply")),
        sorted(ReportingMonth.objects.values_list("month", flat=True)),
    )


def _expect(response: Any, wanted: Any) -> None:
    if wanted == SIGNIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == wanted


# --- the pages -------------------------------------------------------------------------------------

PAGES = {
    "/kpis/?year=112": STAFF_ONLY,
    "/kpis/indicators/{k1}/": OWN_RECORD,
    "/analysis/2024-05/": STAFF_ONLY,
}


@pytest.mark.parametrize("path", list(PAGES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_pages(client_for, kpis, persona, path):
    _expect(client_for(persona).get(OFFICE + path.format(**kpis)), PAGES[path][PERSONAS.index(persona)])


FORMS_ON_PAGES = [
    # (page, form action, who sees it, who does not)
    ("/kpis/?year=112", "/kpis/indicators/new/", "commission", "own_staff"),
    ("/kpis/indicators/{k1}/", "/kpis/indicators/{k1}/suggest/", "commission", "own_staff"),
    ("/kpis/indicators/{k1}/", "/kpis/indicators/{k1}/value/", "own_staff", None),
    ("/kpis/indicators/{k1}/", "/kpis/suggestions/{sent}/reply/", "own_staff", "commission"),
    ("/kpis/indicators/{k2}/", "/kpis/suggestions/{replied}/close/", "commission", "own_staff"),
    ("/analysis/2024-05/", "/analysis/2024-05/close/", "commission", "own_staff"),
]


@pytest.mark.parametrize(("page", "action", "sees", "does_not"), FORMS_ON_PAGES)
def test_forms_are_offered_to_who_may_write(client_for, kpis, page, action, sees, does_not):
    attr = f'action="{OFFICE}{action.format(**kpis)}"'
    assert attr in client_for(sees).get(OFFICE + page.format(**kpis)).content.decode()
    if does_not:
        assert attr not in client_for(does_not).get(OFFICE + page.format(**kpis)).content.decode()


def test_the_overview_links_to_each_indicator(client_for, kpis):
    page = client_for("own_staff").get(f"{OFFICE}/kpis/?year=112").content.decode()
    for key in ("k1", "k2", "k3"):
        assert f'href="{OFFICE}/kpis/indicators/{kpis[key]}/"' in page


def test_the_indicator_page_shows_years_rates_and_roc_dates(client_for, kpis):
    page = client_for("own_staff").get(f"{OFFICE}/kpis/indicators/{kpis['k1']}/").content.decode()
    assert "50.00%" in page and "40.00%" in page and "績效不佳" in page
    assert f"函送：{format_roc(timezone.localdate())}" in page
    assert "請檢討接管工程發包策略" in page


# --- every write over the six personas -------------------------------------------------------------

WRITES: dict[str, tuple[str, dict[str, str], list[Any]]] = {
    "indicator_new": (
        "/kpis/indicators/new/",
        {
            "agency": "{agency}",
            "code": "K9",
            "name": "公園綠覆率",
            "unit": "%",
            "direction": "higher",
            "plan_period": "111-114",
        },
        COMMISSION_WRITE,
    ),
    "value": (
        "/kpis/indicators/{k1}/value/",
        {"year": "114", "target": "120", "actual": "130.5", "note": "含新建社區"},
        [SIGNIN, FORBIDDEN, NOT_FOUND, FOUND, FOUND, FOUND],
    ),
    "suggest": (
        "/kpis/indicators/{k1}/suggest/",
        {"year": "113", "suggestion": "請檢討接管工程進度"},
        [SIGNIN, FORBIDDEN, NOT_FOUND, FORBIDDEN, FOUND, FOUND],
    ),
    "reply": (
        "/kpis/suggestions/{sent}/reply/",
        {"s{sent}-reply": "已調整施工順序"},
        [SIGNIN, FORBIDDEN, NOT_FOUND, FOUND, FORBIDDEN, FORBIDDEN],
    ),
    "close": ("/kpis/suggestions/{replied}/close/", {}, [SIGNIN, FORBIDDEN, NOT_FOUND, FORBIDDEN, FOUND, FOUND]),
    "month_close": ("/analysis/2024-05/close/", {}, COMMISSION_WRITE),
}


def _post(client: Any, kpis: dict[str, int], write: str, **changes: str) -> Any:
    path, data = WRITES[write][:2]
    payload = {k.format(**kpis): v.format(**kpis) for k, v in (data | changes).items()}
    return client.post(OFFICE + path.format(**kpis), payload)


def _written(write: str, kpis: dict[str, int], user: Any) -> None:
    """What each good write leaves behind (exact values)."""
    if write == "indicator_new":
        indicator = KpiIndicator.objects.get(code="K9")
        assert (indicator.agency_id, indicator.name, indicator.unit, indicator.direction, indicator.plan_period) == (
            kpis["agency"],
            "公園綠覆率",
            "%",
            "higher",
            "111-114",
        )
    elif write == "value":
        value = KpiValue.objects.get(indicator_id=kpis["k1"], year=114)
        assert (value.target, value.actual, value.note) == (D(120), D("130.5"), "含新建社區")
    elif write == "suggest":
        sent = KpiSuggestion.objects.get(indicator_id=kpis["k1"], year=113)
        assert (sent.kind, sent.status, sent.suggestion, sent.sent_by_id) == (
            "below",
            "sent",
            "請檢討接管工程進度",
            user.pk,
        )
    elif write == "reply":
        sent = KpiSuggestion.objects.get(pk=kpis["sent"])
        assert (sent.status, sent.reply, sent.replied_at is not None) == ("replied", "已調整施工順序", True)
    elif write == "close":
        assert KpiSuggestion.objects.get(pk=kpis["replied"]).status == "closed"
    elif write == "month_close":
        closed = ReportingMonth.objects.get()
        assert (closed.month, closed.closed_by_id) == (dt.date(2024, 5, 1), user.pk)
    else:  # pragma: no cover
        raise AssertionError(write)


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_writes_over_the_personas(client_for, people, kpis, persona, write):
    before = _state()
    response = _post(client_for(persona), kpis, write)
    wanted = WRITES[write][2][PERSONAS.index(persona)]
    _expect(response, wanted)
    if wanted == FOUND:
        _written(write, kpis, people[persona])
    else:
        assert _state() == before


# --- bad input: a clear Chinese message, status 400, nothing written --------------------------------

BAD = [
    ("indicator_new", "commission", {"code": "K1"}, "已有指標代碼 K1"),
    ("indicator_new", "commission", {"code": ""}, "請輸入指標代碼"),
    ("indicator_new", "commission", {"plan_period": "114-111"}, "中程計畫期間的起始年度（114）不得晚於結束年度（111）"),
    ("indicator_new", "commission", {"plan_period": "明年起"}, "中程計畫期間「明年起」格式不正確"),
    ("value", "own_staff", {"actual": "-3"}, "實際值不得為負數"),
    ("value", "own_staff", {"actual": "很多"}, "請輸入數字，例如 85.5"),
    ("value", "own_staff", {"year": "115"}, "115 年度不在此指標的中程計畫期間（111–114 年度）內"),
    ("value", "own_staff", {"year": "110"}, "110 年度不在此指標的中程計畫期間（111–114 年度）內"),
    ("value", "commission", {"target": "0"}, "目標值須大於 0"),
    ("value", "own_staff", {"target": ""}, "114 年度尚無目標值，請輸入目標值"),
    ("suggest", "commission", {"year": "112"}, "此指標本年度已函送改善建議"),
    ("suggest", "commission", {"suggestion": " "}, "請輸入改善建議"),
    ("reply", "own_staff", {"s{sent}-reply": ""}, "請輸入回復內容"),
]


@pytest.mark.parametrize(("write", "persona", "changes", "message"), BAD, ids=[f"{w}-{m[:14]}" for w, _, _, m in BAD])
def test_bad_input_is_refused_in_chinese(client_for, kpis, write, persona, changes, message):
    before = _state()
    response = _post(client_for(persona), kpis, write, **changes)
    assert response.status_code == 400
    body = response.content.decode()
    assert "無法儲存，請修正下列問題" in body and message in body and 'role="alert"' in body
    assert _state() == before


def _refused(client: Any, path: str, data: dict[str, str], message: str) -> None:
    before = _state()
    response = client.post(OFFICE + path, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "無法儲存，請修正下列問題" in body and message in body
    assert _state() == before


def test_no_suggestion_on_an_indicator_that_is_not_flagged(client_for, kpis):
    _refused(
        client_for("commission"),
        f"/kpis/indicators/{kpis['k3']}/suggest/",
        {"year": "112", "suggestion": "請檢討"},
        "此指標的達成率未達績效不佳或大幅超越的門檻，不需研提改善建議",
    )


def test_a_suggestion_is_closed_once_and_only_after_the_reply(client_for, kpis):
    client = client_for("commission")
    _refused(client, f"/kpis/suggestions/{kpis['sent']}/close/", {}, "機關尚未回復，不能結案")
    assert _post(client, kpis, "close").status_code == FOUND
    _refused(client, f"/kpis/suggestions/{kpis['replied']}/close/", {}, "此建議已結案")
    page = client.get(f"{OFFICE}/kpis/indicators/{kpis['k2']}/").content.decode()
    assert "結案" in page and f"/kpis/suggestions/{kpis['replied']}/close/" not in page


def test_no_reply_after_closing(client_for, kpis):
    assert _post(client_for("commission"), kpis, "close").status_code == FOUND
    _refused(
        client_for("own_staff"),
        f"/kpis/suggestions/{kpis['replied']}/reply/",
        {f"s{kpis['replied']}-reply": "補充"},
        "此建議已結案",
    )


def test_the_agency_reports_the_actual_and_keeps_the_target(client_for, kpis):
    response = _post(client_for("own_staff"), kpis, "value", year="113", target="", actual="45")
    assert response.status_code == FOUND
    value = KpiValue.objects.get(indicator_id=kpis["k1"], year=113)
    assert (value.target, value.actual) == (D(100), D(45))


def test_a_month_is_closed_once_and_only_when_over(client_for):
    client = client_for("commission")
    assert client.post(f"{OFFICE}/analysis/2024-05/close/").status_code == FOUND
    page = client.get(f"{OFFICE}/analysis/2024-05/").content.decode()
    assert 'id="month-closed"' in page and "/analysis/2024-05/close/" not in page
    _refused(client, "/analysis/2024-05/close/", {}, "113年5月已關帳")
    this_month = timezone.localdate().strftime("%Y-%m")
    _refused(client, f"/analysis/{this_month}/close/", {}, "只能關帳已結束的月份")


# --- the services refuse what the forms would not catch (imports, the API, the demo) ----------------


def test_value_services_refuse_text_and_not_a_number(people, own_agency):
    indicator = _indicator(people["commission"], own_agency, "K1", "污水接管戶數")
    for target, message in (("很多", "目標值「很多」不是有效的數字"), (D("NaN"), "目標值「NaN」不是有效的數字")):
        with pytest.raises(ValidationError) as exc:
            kpi_value_set(actor=people["own_staff"], indicator=indicator, year=112, target=target, actual=None)  # type: ignore[arg-type]
        assert exc.value.messages == [message]
    value = kpi_value_set(actor=people["own_staff"], indicator=indicator, year=112, target="1,200", actual="950")  # type: ignore[arg-type]
    assert (value.target, value.actual) == (D(1200), D(950))
    assert KpiValue.objects.count() == 1
