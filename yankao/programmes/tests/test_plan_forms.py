"""A controlled programme's work plan (作業計畫) and control status (列管狀態) in the browser, on the
programme's page: the commission, the programme's project manager or the agency manager edit the
milestones and the planned cumulative % per month; the commission changes the status.

For both writes: the permission matrix over the six personas (and the project manager and agency
manager), with nothing changed when refused; good data is written through the services; bad data
is answered in Chinese with status 400 and nothing written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from conftest import PERSONAS
from yankao.programmes.models import Milestone, PlanMonth, Programme

D = Decimal
SIGNIN, FORBIDDEN, NOT_FOUND, OK, FOUND = "signin", 403, 404, 200, 302
OFFICE = "/office/programmes"

# The fixture programme (113年, 2024-01-01 to 2024-12-31) has 10 % a month and two milestones.
PLANNED = (5, 10, 15, 25, 35, 45, 55, 65, 80, 90, 95, 100)  # January to December
GOOD_PLAN = {
    "m1_seq": "1",
    "m1_name": "完成細部設計",
    "m1_due_date": "113/04/30",
    "m1_planned_pct": "25",
    "m2_seq": "2",
    "m2_name": "主體工程完成",
    "m2_due_date": "113/10/31",
    "m2_planned_pct": "90",
    "m3_seq": "3",
    "m3_name": "驗收",
    "m3_due_date": "113/12/20",
    "m3_planned_pct": "100",
    "m4_seq": "",
    "m4_name": "",
    "m4_due_date": "",
    "m4_planned_pct": "",
    **{f"pm_2024_{m:02d}": str(p) for m, p in enumerate(PLANNED, start=1)},
}
GOOD_MONTHS = {dt.date(2024, m, 1): D(p) for m, p in enumerate(PLANNED, start=1)}

WRITES: dict[str, tuple[str, dict[str, str], list[Any]]] = {
    "plan": ("plan", GOOD_PLAN, [SIGNIN, FORBIDDEN, NOT_FOUND, FORBIDDEN, FOUND, FOUND]),
    "status": ("status", {"status": "completed"}, [SIGNIN, FORBIDDEN, NOT_FOUND, FORBIDDEN, FOUND, FOUND]),
}
# The agency's people of the programme (not among the six personas).
AGENCY_PEOPLE = {"plan": {"pm": FOUND, "manager": FOUND}, "status": {"pm": FORBIDDEN, "manager": FORBIDDEN}}


def _state() -> tuple[Any, ...]:
    """Everything the forms could write, to show that a refused request wrote nothing."""
    return (
        sorted(Milestone.objects.values_list("programme_id", "seq", "name", "due_date", "planned_pct")),
        sorted(PlanMonth.objects.values_list("programme_id", "month", "planned_pct")),
        sorted(Programme.objects.values_list("pk", "status")),
    )


def _expect(response: Any, wanted: Any) -> None:
    if wanted == SIGNIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == wanted


def _post(client: Any, programme: Any, write: str, **changes: str) -> Any:
    part, data = WRITES[write][:2]
    return client.post(f"{OFFICE}/{programme.pk}/{part}/", data | changes)


def _written(write: str, programme: Any) -> None:
    if write == "plan":
        assert list(programme.milestones.order_by("seq").values_list("seq", "name", "due_date", "planned_pct")) == [
            (1, "完成細部設計", dt.date(2024, 4, 30), D(25)),
            (2, "主體工程完成", dt.date(2024, 10, 31), D(90)),
            (3, "驗收", dt.date(2024, 12, 20), D(100)),
        ]
        assert dict(programme.plan_months.values_list("month", "planned_pct")) == GOOD_MONTHS
    else:
        assert Programme.objects.get(pk=programme.pk).status == "completed"


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_writes_over_the_personas(client_for, programme, persona, write):
    before = _state()
    wanted = WRITES[write][2][PERSONAS.index(persona)]
    _expect(_post(client_for(persona), programme, write), wanted)
    if wanted == FOUND:
        _written(write, programme)
    else:
        assert _state() == before


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize("who", ["pm", "manager", "other_manager"])
def test_writes_by_the_agency_people(client, request, programme, who, write):
    from conftest import login_as

    before = _state()
    wanted = NOT_FOUND if who == "other_manager" else AGENCY_PEOPLE[write][who]
    response = _post(login_as(client, request.getfixturevalue(who)), programme, write)
    _expect(response, wanted)
    if wanted == FOUND:
        _written(write, programme)
    else:
        assert _state() == before


FORMS_ON_PAGE = [("plan", "commission", "own_staff"), ("status", "commission", "own_staff")]


@pytest.mark.parametrize(("part", "sees", "does_not"), FORMS_ON_PAGE)
def test_forms_are_offered_to_who_may_write(client_for, programme, part, sees, does_not):
    attr = f'action="{OFFICE}/{programme.pk}/{part}/"'
    assert attr in client_for(sees).get(f"{OFFICE}/{programme.pk}/").content.decode()
    assert attr not in client_for(does_not).get(f"{OFFICE}/{programme.pk}/").content.decode()


def test_the_project_manager_sees_the_plan_form_but_not_the_status_form(client, pm, manager, programme):
    from conftest import login_as

    for user in (pm, manager):
        page = login_as(client, user).get(f"{OFFICE}/{programme.pk}/").content.decode()
        assert f'action="{OFFICE}/{programme.pk}/plan/"' in page
        assert f'action="{OFFICE}/{programme.pk}/status/"' not in page


def test_the_plan_form_is_prefilled_from_the_plan(client_for, programme):
    page = client_for("commission").get(f"{OFFICE}/{programme.pk}/").content.decode()
    assert 'name="m1_due_date" value="113/03/31"' in page
    assert 'name="m2_name" value="主體工程完成"' in page
    assert 'name="m4_seq"' in page  # two blank rows to add milestones
    assert 'name="pm_2024_05" value="50.00"' in page
    assert "113年12月預定累計進度（%）" in page


def test_a_blank_row_removes_a_milestone_and_a_blank_month_its_plan(client_for, programme):
    blank = {f"m3_{k}": "" for k in ("seq", "name", "due_date", "planned_pct")}
    response = _post(client_for("commission"), programme, "plan", pm_2024_12="", **blank)
    assert response.status_code == FOUND
    assert list(programme.milestones.order_by("seq").values_list("seq", flat=True)) == [1, 2]
    assert sorted(programme.plan_months.values_list("month", flat=True)) == sorted(GOOD_MONTHS)[:11]


BAD = [
    ("plan", {"pm_2024_06": "30"}, "113年6月的預定累計進度（30%）低於前一月（35%），累計進度不得倒退"),
    ("plan", {"pm_2024_12": "101"}, "113年12月的預定累計進度須介於 0 與 100 之間"),
    ("plan", {"m3_planned_pct": "100.5"}, "查核點 3「驗收」的預定累計進度須介於 0 與 100 之間"),
    ("plan", {"m2_planned_pct": "20"}, "查核點 2「主體工程完成」的預定累計進度低於前一查核點"),
    (
        "plan",
        {"m1_due_date": "113/11/30"},
        "查核點 2「主體工程完成」的預定完成日早於前一查核點，查核點須依日期先後排列",
    ),
    ("plan", {"m3_due_date": "114/01/15"}, "查核點 3「驗收」的預定完成日不在計畫期間內"),
    ("plan", {"m3_seq": "2"}, "查核點順序重複"),
    ("plan", {"m3_due_date": ""}, "查核點 3：請填寫完整或整列留白"),
    ("plan", {"pm_2024_03": "很多"}, "請輸入數字，例如 35.5"),
    ("status", {"status": "paused"}, "列管狀態「paused」不正確"),
]


@pytest.mark.parametrize(("write", "changes", "message"), BAD, ids=[m[:16] for _, _, m in BAD])
def test_bad_input_is_refused_in_chinese(client_for, programme, write, changes, message):
    before = _state()
    response = _post(client_for("commission"), programme, write, **changes)
    assert response.status_code == 400
    body = response.content.decode()
    assert "無法儲存，請修正下列問題" in body and message in body and 'role="alert"' in body
    assert _state() == before
