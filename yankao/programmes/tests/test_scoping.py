"""What each agency sees of the analysis, KPIs, evaluations and meetings: its own rows only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from yankao.programmes.services import (
    kpi_indicator_create,
    kpi_value_set,
    report_approve,
    report_review,
    report_save,
    report_submit,
)

from .helpers import figures, make_programme, plan_linear

pytestmark = pytest.mark.django_db
MARCH = dt.date(2024, 3, 1)


@pytest.fixture
def two_agencies(people, own_agency, other_agency, pm, manager):
    c = people["commission"]
    ours = make_programme(c, own_agency, pm, code="OURS-1")
    plan_linear(c, ours)
    theirs = make_programme(c, other_agency, None, code="THEIRS-1", name="民政局秘密計畫")
    plan_linear(c, theirs)
    report = report_save(actor=pm, programme=ours, month=MARCH, figures=figures("30"))
    report_review(
        actor=c, report=report_approve(actor=manager, report=report_submit(actor=pm, report=report)), accept=True
    )
    for agency in (own_agency, other_agency):
        k = kpi_indicator_create(
            actor=c, agency=agency, code="K1", name=f"{agency.short_name}指標", unit="%", direction="higher"
        )
        kpi_value_set(actor=c, indicator=k, year=112, target=Decimal(100), actual=Decimal(90))
    return ours, theirs


def test_agency_staff_see_their_own_rows_of_the_analysis(client_for, two_agencies):
    response = client_for("own_staff").get("/office/programmes/analysis/2024-03/")
    assert [r["agency"].code for r in response.context["rows"]] == ["PWB"]
    assert response.context["scoped"] is True
    assert "民政局" not in response.content.decode().split('id="analysis-summary"')[1]
    response = client_for("commission").get("/office/programmes/analysis/2024-03/")
    assert [r["agency"].code for r in response.context["rows"]] == ["CAB", "PWB"]
    total = response.context["total"]
    assert (total["programmes"], total["reported"], total["missing"]) == (2, 1, 1)


def test_kpi_page_is_scoped_and_only_the_commission_sees_the_city_rate(client_for, two_agencies):
    own = client_for("own_staff").get("/office/programmes/kpis/?year=112")
    assert [r["agency"].code for r in own.context["agencies"]] == ["PWB"] and own.context["overall"] is None
    city = client_for("commission").get("/office/programmes/kpis/?year=112")
    assert city.context["overall"] == Decimal("90.0")
    assert "整體達成率 <strong>90.0%</strong>" in city.content.decode()


def test_programme_detail_of_another_agency_is_not_found(client_for, two_agencies):
    _ours, theirs = two_agencies
    assert client_for("own_staff").get(f"/office/programmes/{theirs.pk}/").status_code == 404
    assert "民政局秘密計畫" not in client_for("own_staff").get("/office/programmes/").content.decode()
