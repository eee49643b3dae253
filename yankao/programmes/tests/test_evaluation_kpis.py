"""Grades and KPI rates from records, against hand-checked examples."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.org.models import Agency
from yankao.programmes.models import EvaluationCriterion, GradeBand, KpiIndicator, KpiSuggestion, Scheme
from yankao.programmes.selectors.figures import enterprise_results, evaluation_grade_counts
from yankao.programmes.selectors.kpis import kpi_agency_rates, kpi_overall_rate, kpi_rate_change, kpi_rows
from yankao.programmes.services import (
    evaluation_add,
    evaluation_plan_issue,
    evaluation_score,
    evaluation_self_assess,
    kpi_indicator_create,
    kpi_suggestion_close,
    kpi_suggestion_reply,
    kpi_suggestion_send,
    kpi_value_set,
)

from .helpers import make_programme

D = Decimal
pytestmark = pytest.mark.django_db
ISSUED = dt.date(2024, 1, 15)


@pytest.fixture
def plan(people):
    return evaluation_plan_issue(
        actor=people["commission"], scheme=Scheme.PROGRAMME, year=112, title="112年度列管計畫年終考核", issued_on=ISSUED
    )


def test_plan_keeps_the_weights_and_bands_it_was_issued_with(plan, people):
    assert [(c.code, c.weight) for c in plan.criteria.all()] == [
        ("P1", D(15)),
        ("P2", D(35)),
        ("P3", D(20)),
        ("P4", D(30)),
    ]
    assert plan.grade_bands == [
        {"grade": "甲", "min_score": "90.00"},
        {"grade": "乙", "min_score": "80.00"},
        {"grade": "丙", "min_score": "0.00"},
    ]
    # the commission raises the 甲 cut-off from 2025: the issued plan is not rewritten
    GradeBand.objects.create(scheme=Scheme.PROGRAMME, grade="甲", min_score=D(92), effective_from=dt.date(2025, 1, 1))
    plan.refresh_from_db()
    assert plan.grade_bands[0] == {"grade": "甲", "min_score": "90.00"}


@pytest.mark.parametrize(
    ("scores", "total", "grade"),
    [
        # 15×90 + 35×85 + 20×80 + 30×95 = 1350 + 2975 + 1600 + 2850 = 8775 → 87.75
        ({"P1": "90", "P2": "85", "P3": "80", "P4": "95"}, "87.75", "乙"),
        ({"P1": "90", "P2": "90", "P3": "90", "P4": "90"}, "90.00", "甲"),  # exactly on the cut-off
        # 15×80 + 35×79 + 20×80 + 30×80 = 1200 + 2765 + 1600 + 2400 = 7965 → 79.65
        ({"P1": "80", "P2": "79", "P3": "80", "P4": "80"}, "79.65", "丙"),
    ],
)
def test_total_is_the_weighted_sum_and_the_grade_follows_the_bands(plan, people, own_agency, scores, total, grade):
    programme = make_programme(people["commission"], own_agency, None, year=112, code="P112-001")
    evaluation = evaluation_add(actor=people["commission"], plan=plan, programme=programme)
    evaluation = evaluation_score(
        actor=people["commission"], evaluation=evaluation, scores={k: D(v) for k, v in scores.items()}
    )
    assert (evaluation.total_score, evaluation.grade) == (D(total), grade)
    assert evaluation_grade_counts(year=112) == {"evaluated": 1, grade: 1}


def test_scoring_rules_and_permissions(plan, people, own_agency):
    programme = make_programme(people["commission"], own_agency, None, year=112, code="P112-001")
    evaluation = evaluation_add(actor=people["commission"], plan=plan, programme=programme)
    with pytest.raises(PermissionDenied):
        evaluation_score(actor=people["own_staff"], evaluation=evaluation, scores={})
    with pytest.raises(ValidationError) as caught:
        evaluation_score(actor=people["commission"], evaluation=evaluation, scores={"P1": D(101), "P2": D(1)})
    assert caught.value.messages == [
        "請為每個考核項目評分（缺：經費執行、執行成效）",
        "「P1」分數 101 須介於 0 與 100 之間",
    ]
    evaluation.refresh_from_db()
    assert (evaluation.total_score, evaluation.grade, evaluation.scores.count()) == (None, "", 0)
    with pytest.raises(PermissionDenied):
        evaluation_self_assess(actor=people["other_staff"], evaluation=evaluation, text="自評")
    evaluation_self_assess(actor=people["own_staff"], evaluation=evaluation, text="進度超前", self_score=D(92))
    evaluation.refresh_from_db()
    assert evaluation.status == "self" and evaluation.self_score == D(92)
    with pytest.raises(ValidationError):  # a programme of another year
        evaluation_add(
            actor=people["commission"],
            plan=plan,
            programme=make_programme(people["commission"], own_agency, None, year=113, code="P113-009"),
        )


def test_enterprise_evaluation_uses_its_own_criteria_and_bands(people):
    plan = evaluation_plan_issue(
        actor=people["commission"], scheme=Scheme.ENTERPRISE, year=112, title="112年度事業機構考核", issued_on=ISSUED
    )
    ferry = Agency.objects.get(code="MAR-FERRY")
    evaluation = evaluation_add(actor=people["commission"], plan=plan, enterprise=ferry)
    # 40×85 + 30×80 + 15×75 + 15×70 = 3400 + 2400 + 1125 + 1050 = 7975 → 79.75 → 乙 (甲 from 80)
    scored = evaluation_score(
        actor=people["commission"], evaluation=evaluation, scores={"E1": D(85), "E2": D(80), "E3": D(75), "E4": D(70)}
    )
    assert (scored.total_score, scored.grade) == (D("79.75"), "乙")
    assert enterprise_results(year=112)["grades"] == {"輪船公司": "乙"}
    with pytest.raises(ValidationError):
        evaluation_add(actor=people["commission"], plan=plan, enterprise=Agency.objects.get(code="PWB"))


def test_weights_not_adding_to_100_stop_a_plan(people):
    EvaluationCriterion.objects.filter(scheme=Scheme.PROGRAMME, code="P4").update(weight=D(25))
    with pytest.raises(ValidationError) as caught:
        evaluation_plan_issue(
            actor=people["commission"], scheme=Scheme.PROGRAMME, year=112, title="x", issued_on=ISSUED
        )
    assert caught.value.messages == ["考核項目權重合計須為 100%，請先檢查考核項目設定"]


# --- KPIs ---------------------------------------------------------------------------------------


def indicator(people, agency, code, direction="higher"):
    return kpi_indicator_create(
        actor=people["commission"], agency=agency, code=code, name=f"指標{code}", unit="%", direction=direction
    )


def test_kpi_rates_capped_averaged_and_flagged(people, own_agency, other_agency):
    a = indicator(people, own_agency, "K1")
    b = indicator(people, own_agency, "K2", "lower")
    c = indicator(people, other_agency, "K3")
    d = indicator(people, other_agency, "K4")
    c_ = people["commission"]
    kpi_value_set(actor=c_, indicator=a, year=112, target=D(100), actual=D(90))  # 90.00
    kpi_value_set(actor=c_, indicator=b, year=112, target=D(20), actual=D(25))  # lower is better: 20/25 = 80.00
    kpi_value_set(actor=c_, indicator=c, year=112, target=D(50), actual=D(100))  # 200.00, capped at 100
    kpi_value_set(actor=c_, indicator=d, year=112, target=D(40), actual=D(26))  # 65.00
    kpi_value_set(actor=c_, indicator=d, year=111, target=D(40), actual=D(30))  # 75.00 (111 only)
    rates = {r.indicator.code: (r.rate, r.capped, r.flag) for r in kpi_rows(year=112)}
    assert rates == {
        "K1": (D("90.00"), D("90.00"), None),
        "K2": (D("80.00"), D("80.00"), None),  # exactly 80 is not "far below"
        "K3": (D("200.00"), D(100), KpiSuggestion.Kind.FAR_ABOVE),
        "K4": (D("65.00"), D("65.00"), KpiSuggestion.Kind.FAR_BELOW),
    }
    # (90 + 80 + 100 + 65) / 4 = 83.75 → 83.8 (half-up)
    assert kpi_overall_rate(year=112) == D("83.8")
    assert kpi_rate_change(year=112) == D("8.8")  # 111: only K4, 75.0
    by_agency = {r["agency"].code: r["rate"] for r in kpi_agency_rates(year=112)}
    assert by_agency == {"PWB": D("85.0"), "CAB": D("82.5")}


def test_improvement_suggestion_workflow(people, own_agency):
    k = indicator(people, own_agency, "K1")
    kpi_value_set(actor=people["own_staff"], indicator=k, year=112, target=D(100), actual=D(50))
    with pytest.raises(PermissionDenied):
        kpi_suggestion_send(actor=people["own_staff"], indicator=k, year=112, suggestion="x")
    sent = kpi_suggestion_send(actor=people["commission"], indicator=k, year=112, suggestion="請檢討目標值設定")
    assert sent.kind == KpiSuggestion.Kind.FAR_BELOW and sent.status == "sent"
    with pytest.raises(ValidationError):
        kpi_suggestion_close(actor=people["commission"], suggestion=sent)
    with pytest.raises(PermissionDenied):
        kpi_suggestion_reply(actor=people["other_staff"], suggestion=sent, reply="x")
    kpi_suggestion_reply(actor=people["own_staff"], suggestion=sent, reply="已調整執行策略")
    assert kpi_suggestion_close(actor=people["commission"], suggestion=sent).status == "closed"


def test_suggestion_needs_a_flagged_indicator(people, own_agency):
    k = indicator(people, own_agency, "K1", KpiIndicator.Direction.HIGHER)
    kpi_value_set(actor=people["commission"], indicator=k, year=112, target=D(100), actual=D(95))
    with pytest.raises(ValidationError) as caught:
        kpi_suggestion_send(actor=people["commission"], indicator=k, year=112, suggestion="x")
    assert caught.value.messages == ["此指標的達成率未達績效不佳或大幅超越的門檻，不需研提改善建議"]
    assert not KpiSuggestion.objects.exists()
