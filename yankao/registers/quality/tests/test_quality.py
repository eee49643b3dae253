"""Phone courtesy tests and service-award entries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.core.tabular import ImportFailed
from yankao.registers.conftest import PERSONAS, STAFF_PAGE, expect_status
from yankao.registers.quality import selectors, services
from yankao.registers.quality.models import PhoneTestCall, ServiceAwardEntry

pytestmark = pytest.mark.django_db

HEADER = "機關,測試日,接聽速度,問候語,服務態度,答詢內容,轉接處理,結束語\n"


@pytest.fixture
def plan(officer, own_agency, other_agency):
    return services.plan_create(
        actor=officer, year=2024, title="113年度電話禮貌測試", calls_per_round=4, agencies=[own_agency, other_agency]
    )


@pytest.fixture
def first_half(officer, plan):
    return services.round_create(
        actor=officer, plan=plan, half=1, starts_on=dt.date(2024, 4, 1), ends_on=dt.date(2024, 5, 31)
    )


def test_rubric_is_data_and_totals_100(plan):
    assert [(i.name, i.max_points) for i in plan.rubric.items.all()] == [
        ("接聽速度", 10),
        ("問候語", 20),
        ("服務態度", 25),
        ("答詢內容", 30),
        ("轉接處理", 10),
        ("結束語", 5),
    ]
    assert plan.rubric.max_total == 100


def test_import_scores_and_city_score(officer, first_half, own_agency):
    data = (
        HEADER
        + "高雄市政府工務局,113/04/02,10,20,25,30,10,5\n"
        + "高雄市政府工務局,113/04/03,8,18,20,25,10,5\n"
        + "高雄市政府民政局,113/04/03,9,19,22,28,9,4\n"
    )
    assert services.calls_import(actor=officer, test_round=first_half, data=data.encode(), filename="r.csv") == 3
    # (100 + 86 + 91) / 3 = 92.333… → 92.33
    assert selectors.city_score(year=2024, half=1) == Decimal("92.33")
    assert selectors.round_call_count(year=2024, half=1) == 3
    scores = {s.agency: s.score for s in selectors.agency_scores(test_round=first_half)}
    assert scores == {"高雄市政府工務局": Decimal("93.00"), "高雄市政府民政局": Decimal("91.00")}
    assert selectors.plan_agency_count(year=2024) == 2


def test_bad_import_is_atomic_with_line_numbers(officer, first_half):
    data = (
        HEADER
        + "高雄市政府工務局,113/04/02,10,20,25,30,10,5\n"
        + "高雄市政府工務局,113/04/02,11,20,25,30,10,5\n"
        + "高雄市政府財政局,113/04/02,10,20,25,30,10,5\n"
        + "高雄市政府工務局,113/07/02,10,20,25,30,10,5\n"
    )
    with pytest.raises(ImportFailed) as exc:
        services.calls_import(actor=officer, test_round=first_half, data=data.encode(), filename="r.csv")
    assert [str(e) for e in exc.value.errors] == [
        "第 3 行：「接聽速度」得分 11 超出 0 到 10",
        "第 4 行：「高雄市政府財政局」不是本計畫的受測機關",
        "第 5 行：測試日不在本梯次期間內",
    ]
    assert PhoneTestCall.objects.count() == 0


def test_reimport_is_refused(officer, first_half):
    data = (HEADER + "高雄市政府工務局,113/04/02,10,20,25,30,10,5\n").encode()
    services.calls_import(actor=officer, test_round=first_half, data=data, filename="r.csv")
    with pytest.raises(ImportFailed, match="請勿重複匯入"):
        services.calls_import(actor=officer, test_round=first_half, data=data, filename="r.csv")
    assert PhoneTestCall.objects.count() == 1


def test_call_record_checks_scale_and_limit(officer, first_half, own_agency):
    scores = {"answer": 10, "greeting": 20, "manner": 25, "answer_quality": 30, "transfer": 10, "closing": 5}
    for _ in range(4):
        services.call_record(
            actor=officer, test_round=first_half, agency=own_agency, called_on=dt.date(2024, 4, 2), scores=scores
        )
    with pytest.raises(ValidationError, match="已達 4 通"):
        services.call_record(
            actor=officer, test_round=first_half, agency=own_agency, called_on=dt.date(2024, 4, 2), scores=scores
        )
    assert PhoneTestCall.objects.count() == 4


def test_staff_cannot_record_calls(people, first_half, own_agency):
    with pytest.raises(PermissionDenied):
        services.call_record(
            actor=people["own_staff"],
            test_round=first_half,
            agency=own_agency,
            called_on=dt.date(2024, 4, 2),
            scores={},
        )
    assert PhoneTestCall.objects.count() == 0


def test_award_result(officer, own_agency):
    entry = services.award_entry_create(
        actor=officer,
        year=2024,
        edition="第7屆政府服務獎",
        agency=own_agency,
        title="智慧工程",
        award_category="數位創新增值",
    )
    with pytest.raises(ValidationError, match="公布日"):
        services.award_set_result(actor=officer, entry=entry, result="won")
    services.award_set_result(
        actor=officer, entry=entry, result="won", announced_on=dt.date(2024, 11, 4), ceremony_on=dt.date(2024, 12, 11)
    )
    assert selectors.award_winners(year=2024) == [("高雄市政府工務局", "智慧工程", "數位創新增值")]
    assert ServiceAwardEntry.objects.get().result == "won"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "name,expected",
    [
        ("plans", STAFF_PAGE),
        ("plan", STAFF_PAGE),
        ("round", STAFF_PAGE),
        ("round_csv", STAFF_PAGE),
        ("own_letter", ["signin", 403, 404, 200, 200, 200]),
        ("awards", STAFF_PAGE),
        ("awards_ods", STAFF_PAGE),
    ],
)
def test_permission_matrix(client_for, officer, persona, name, expected, plan, first_half, own_agency):
    services.call_record(
        actor=officer,
        test_round=first_half,
        agency=own_agency,
        called_on=dt.date(2024, 4, 2),
        scores={"answer": 10, "greeting": 20, "manner": 25, "answer_quality": 30, "transfer": 10, "closing": 5},
    )
    urls = {
        "plans": "/office/registers/quality/phone-tests/",
        "plan": f"/office/registers/quality/phone-tests/{plan.pk}/",
        "round": f"/office/registers/quality/phone-tests/rounds/{first_half.pk}/",
        "round_csv": f"/office/registers/quality/phone-tests/rounds/{first_half.pk}/?format=csv",
        "own_letter": f"/office/registers/quality/phone-tests/rounds/{first_half.pk}/letters/{own_agency.pk}.odt",
        "awards": "/office/registers/quality/awards/",
        "awards_ods": "/office/registers/quality/awards/?format=ods",
    }
    expect_status(client_for(persona).get(urls[name]), expected[PERSONAS.index(persona)])


def test_other_agency_sees_no_scores_of_own_agency(client_for, officer, first_half, own_agency):
    services.call_record(
        actor=officer,
        test_round=first_half,
        agency=own_agency,
        called_on=dt.date(2024, 4, 2),
        scores={"answer": 10, "greeting": 20, "manner": 25, "answer_quality": 30, "transfer": 10, "closing": 5},
    )
    response = client_for("other_staff").get(f"/office/registers/quality/phone-tests/rounds/{first_half.pk}/")
    assert response.context["scores"] == []
    assert client_for("own_staff").get(f"/office/registers/quality/phone-tests/rounds/{first_half.pk}/").context[
        "scores"
    ][0].score == Decimal("100.00")


@pytest.mark.parametrize("persona,status", [("own_staff", 403), ("commission", 302)])
def test_only_commission_creates_awards(client_for, persona, status, own_agency):
    response = client_for(persona).post(
        "/office/registers/quality/awards/",
        {"year": "113", "edition": "第7屆", "agency": own_agency.pk, "title": "案", "award_category": "類"},
    )
    assert response.status_code == status
    assert ServiceAwardEntry.objects.count() == (1 if status == 302 else 0)
