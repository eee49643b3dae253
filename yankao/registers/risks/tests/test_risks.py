"""The risk register: rating on the matrix, countermeasures, residual risk, approval, the map."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.registers.conftest import PERSONAS, STAFF_PAGE, expect_status
from yankao.registers.risks import selectors, services
from yankao.registers.risks.models import AssessmentCycle, MatrixCell, RiskItem, RiskScale

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(people, own_agency):
    return services.cycle_create(actor=people["own_staff"], agency=own_agency, year=2024)


def add(actor, cycle, code, likelihood, impact):
    return services.risk_add(
        actor=actor,
        cycle=cycle,
        code=code,
        title=f"風險{code}",
        scenario="情境",
        existing_controls="現有對策",
        likelihood=likelihood,
        impact=impact,
    )


def test_default_scale_is_3x3_with_national_descriptions():
    scale = RiskScale.objects.get(is_default=True)
    assert scale.size == 3
    assert [level.label for level in scale.levels.filter(axis="likelihood")] == ["幾乎不可能", "可能", "幾乎確定"]
    assert [level.label for level in scale.levels.filter(axis="impact")] == ["輕微", "嚴重", "非常嚴重"]
    assert {(c.likelihood * c.impact, c.band.code) for c in MatrixCell.objects.filter(scale=scale)} == {
        (1, "low"),
        (2, "low"),
        (3, "medium"),
        (4, "medium"),
        (6, "high"),
        (9, "extreme"),
    }
    assert RiskScale.objects.get(code="5x5").cells.count() == 25


def test_rating_uses_the_cycle_matrix(people, cycle):
    assert add(people["own_staff"], cycle, "R01", 2, 2).level == "medium"
    assert add(people["own_staff"], cycle, "R02", 3, 3).level == "extreme"
    assert add(people["own_staff"], cycle, "R03", 1, 2).level == "low"


@pytest.mark.parametrize("likelihood,impact", [(0, 1), (4, 1), (1, 5), (-1, 2)])
def test_off_scale_is_refused_and_nothing_saved(people, cycle, likelihood, impact):
    with pytest.raises(ValidationError, match="1 到 3"):
        add(people["own_staff"], cycle, "R01", likelihood, impact)
    assert RiskItem.objects.count() == 0


def test_5x5_scale_is_selectable(people, own_agency):
    cycle = services.cycle_create(
        actor=people["own_staff"], agency=own_agency, year=2025, scale=RiskScale.objects.get(code="5x5")
    )
    assert add(people["own_staff"], cycle, "R01", 5, 4).level == "extreme"
    assert add(people["own_staff"], cycle, "R02", 2, 2).level == "low"


def test_residual_needs_countermeasure_and_cannot_rise(people, cycle):
    risk = add(people["own_staff"], cycle, "R01", 2, 2)
    with pytest.raises(ValidationError, match="先登錄新增風險對策"):
        services.risk_rate_residual(actor=people["own_staff"], risk=risk, likelihood=1, impact=1)
    services.countermeasure_add(
        actor=people["own_staff"], risk=risk, description="加強預警", owner="企劃科", due_on=dt.date(2024, 12, 31)
    )
    with pytest.raises(ValidationError, match="不應高於"):
        services.risk_rate_residual(actor=people["own_staff"], risk=risk, likelihood=3, impact=2)
    services.risk_rate_residual(actor=people["own_staff"], risk=risk, likelihood=1, impact=2)
    risk.refresh_from_db()
    assert (risk.residual_score, risk.residual_level) == (2, "low")


def test_approval_requires_treatment_of_risks_above_low(people, cycle, city):
    from conftest import make_staff
    from yankao.org.models import Role

    manager = make_staff("pwb-boss", cycle.agency, Role.AGENCY_MANAGER)
    risk = add(people["own_staff"], cycle, "R01", 2, 2)
    add(people["own_staff"], cycle, "R02", 1, 1)
    with pytest.raises(PermissionDenied):
        services.cycle_approve(actor=people["own_staff"], cycle=cycle, approved_on=dt.date(2024, 3, 1))
    with pytest.raises(ValidationError, match="R01"):
        services.cycle_approve(actor=manager, cycle=cycle, approved_on=dt.date(2024, 3, 1))
    services.countermeasure_add(actor=manager, risk=risk, description="x", owner="y", due_on=dt.date(2024, 6, 1))
    services.risk_rate_residual(actor=manager, risk=risk, likelihood=1, impact=1)
    services.cycle_approve(actor=manager, cycle=cycle, approved_on=dt.date(2024, 3, 1))
    with pytest.raises(ValidationError, match="已核定"):
        add(people["own_staff"], cycle, "R03", 1, 1)
    assert cycle.risks.count() == 2


def test_other_agency_cannot_edit(people, cycle):
    with pytest.raises(PermissionDenied):
        add(people["other_staff"], cycle, "R01", 1, 1)
    with pytest.raises(PermissionDenied):
        services.cycle_create(actor=people["other_staff"], agency=cycle.agency, year=2026)
    assert RiskItem.objects.count() == 0 and AssessmentCycle.objects.count() == 1


def test_reference_figures_and_map(people, cycle):
    actor = people["own_staff"]
    for n in range(1, 14):
        medium = n <= 3
        risk = add(actor, cycle, f"R{n:02d}", 2 if medium else 1, 2 if medium else (1 if n % 2 else 2))
        if medium:
            services.countermeasure_add(
                actor=actor, risk=risk, description="對策", owner="科", due_on=dt.date(2024, 12, 1)
            )
            services.risk_rate_residual(actor=actor, risk=risk, likelihood=1, impact=2)
    agency_id, year = cycle.agency_id, 2024
    assert selectors.risk_total(agency_id=agency_id, year=year) == 13
    assert selectors.risk_counts_for(agency_id=agency_id, year=year) == {
        "low": 10,
        "medium": 3,
        "high": 0,
        "extreme": 0,
    }
    assert selectors.risk_counts_for(agency_id=agency_id, year=year, stage="after") == {
        "low": 13,
        "medium": 0,
        "high": 0,
        "extreme": 0,
    }
    assert selectors.risks_lowered(agency_id=agency_id, year=year) == 3
    before = selectors.risk_map(cycle=cycle, stage="before")
    assert [c.likelihood for c in (row[0] for row in before)] == [3, 2, 1]
    assert before[1][1].codes == ["R01", "R02", "R03"] and before[1][1].band.code == "medium"
    after = selectors.risk_map(cycle=cycle, stage="after")
    assert after[1][1].codes == [] and after[2][1].codes[:3] == ["R01", "R02", "R03"]
    svg = selectors.map_svg(cycle=cycle, stage="after")
    assert 'data-likelihood="1" data-impact="2" data-band="low" data-codes="R01 R02 R03' in svg


def test_summary_exports_and_document(client_for, people, cycle):
    add(people["own_staff"], cycle, "R01", 2, 2)
    client = client_for("own_staff")
    for fmt in ("xlsx", "ods", "csv"):
        response = client.get(f"/office/registers/risks/cycles/{cycle.pk}/?format={fmt}")
        assert response.status_code == 200 and response["Content-Type"].startswith(
            {"xlsx": "application/vnd.openxml", "ods": "application/vnd.oasis", "csv": "text/csv"}[fmt]
        )
    csv_text = client.get(f"/office/registers/risks/cycles/{cycle.pk}/?format=csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[1].startswith("R01,風險R01,情境,現有對策,2,2,4,中度風險")
    pdf = client.get(f"/office/registers/risks/cycles/{cycle.pk}/summary.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "name,expected",
    [
        ("list", STAFF_PAGE),
        ("scales", STAFF_PAGE),
        ("cycle", ["signin", 403, 404, 200, 200, 200]),
        ("cycle_csv", ["signin", 403, 404, 200, 200, 200]),
        ("cycle_odt", ["signin", 403, 404, 200, 200, 200]),
        ("risk", ["signin", 403, 404, 200, 200, 200]),
    ],
)
def test_permission_matrix(client_for, people, persona, name, expected, cycle):
    risk = add(people["own_staff"], cycle, "R01", 1, 1)
    urls = {
        "list": "/office/registers/risks/",
        "scales": "/office/registers/risks/scales/",
        "cycle": f"/office/registers/risks/cycles/{cycle.pk}/",
        "cycle_csv": f"/office/registers/risks/cycles/{cycle.pk}/?format=csv",
        "cycle_odt": f"/office/registers/risks/cycles/{cycle.pk}/summary.odt",
        "risk": f"/office/registers/risks/risks/{risk.pk}/",
    }
    expect_status(client_for(persona).get(urls[name]), expected[PERSONAS.index(persona)])


def test_off_scale_through_the_page_shows_message(client_for, cycle):
    response = client_for("own_staff").post(
        f"/office/registers/risks/cycles/{cycle.pk}/",
        {
            "action": "risk",
            "r-code": "R01",
            "r-title": "t",
            "r-scenario": "s",
            "r-existing_controls": "c",
            "r-likelihood": "4",
            "r-impact": "1",
        },
    )
    assert response.status_code == 200
    assert "發生機率須為 1 到 3 之間的整數（收到 4）" in response.content.decode()
    assert RiskItem.objects.count() == 0
