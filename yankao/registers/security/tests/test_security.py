"""The information-security programme: audits and findings, red team, maturity."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.registers.conftest import PERSONAS, STAFF_PAGE, expect_status
from yankao.registers.security import selectors, services
from yankao.registers.security.models import AuditFinding, MaturityAssessment, SecurityAudit

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(officer):
    return services.plan_create(actor=officer, year=2024, title="113年度稽核", planned_audits=4)


@pytest.fixture
def auditor(officer, plan):
    return services.auditor_add(actor=officer, plan=plan, name="王教授", kind="academic", affiliation="中山大學")


@pytest.fixture
def done_audit(officer, plan, auditor, own_agency):
    audit = services.audit_schedule(actor=officer, plan=plan, agency=own_agency, scheduled_on=dt.date(2024, 5, 1))
    return services.audit_complete(
        actor=officer,
        audit=audit,
        audited_on=dt.date(2024, 5, 1),
        auditors=[auditor],
        findings=[("弱密碼", dt.date(2024, 7, 1))],
    )


def test_progress_and_plan_limit(officer, plan, auditor, done_audit, other_agency):
    for _ in range(3):
        services.audit_schedule(actor=officer, plan=plan, agency=other_agency, scheduled_on=dt.date(2024, 6, 1))
    with pytest.raises(ValidationError, match="達計畫上限"):
        services.audit_schedule(actor=officer, plan=plan, agency=other_agency, scheduled_on=dt.date(2024, 6, 1))
    progress = selectors.audit_progress(year=2024)
    assert (progress.planned, progress.done, progress.remaining, progress.percent, progress.percent_whole) == (
        4,
        1,
        3,
        Decimal("25.00"),
        25,
    )
    assert selectors.auditor_count(year=2024) == {"staff": 0, "academic": 1, "industry": 0, "total": 1}


def test_reference_percentage_rounds_half_up():
    assert selectors.AuditProgress(400, 263).percent == Decimal("65.75")
    assert selectors.AuditProgress(400, 263).percent_whole == 66


def test_finding_remediation_then_close(people, officer, done_audit):
    finding = done_audit.findings.get()
    with pytest.raises(ValidationError, match="尚未填報"):
        services.finding_close(actor=officer, finding=finding, closed_on=dt.date(2024, 7, 1))
    with pytest.raises(PermissionDenied):
        services.finding_remediate(actor=people["other_staff"], finding=finding, remediation="x")
    services.finding_remediate(actor=people["own_staff"], finding=finding, remediation="已改強密碼原則")
    services.finding_close(actor=officer, finding=finding, closed_on=dt.date(2024, 7, 1))
    finding.refresh_from_db()
    assert (finding.status, finding.remediation) == ("closed", "已改強密碼原則")
    assert selectors.open_findings(year=2024) == 0


def test_red_team_retest(officer, own_agency):
    exercise = services.exercise_create(actor=officer, year=2024, title="演練", teams=6)
    system = services.system_test(
        actor=officer,
        exercise=exercise,
        agency=own_agency,
        name="二代公文系統",
        team_no=1,
        tested_on=dt.date(2024, 6, 3),
        weaknesses=3,
    )
    with pytest.raises(ValidationError, match="紅隊編號"):
        services.system_test(
            actor=officer,
            exercise=exercise,
            agency=own_agency,
            name="x",
            team_no=7,
            tested_on=dt.date(2024, 6, 3),
            weaknesses=0,
        )
    services.system_retest(actor=officer, system=system, retested_on=dt.date(2024, 9, 2), fixed=2)
    assert selectors.red_team_figures(year=2024).retest_passed == 0
    services.system_retest(actor=officer, system=system, retested_on=dt.date(2024, 9, 9), fixed=3)
    assert selectors.red_team_figures(year=2024) == selectors.RedTeamFigures(6, 1, 3, 3, 1)


def test_maturity_keeps_its_target(officer, own_agency, other_agency):
    services.maturity_record(
        actor=officer, year=2024, agency=own_agency, agency_class="B", level=3, assessed_on=dt.date(2024, 10, 1)
    )
    services.maturity_record(
        actor=officer, year=2024, agency=other_agency, agency_class="C", level=0, assessed_on=dt.date(2024, 10, 1)
    )
    with pytest.raises(ValidationError, match="沒有成熟度目標"):
        services.maturity_record(
            actor=officer, year=2024, agency=own_agency, agency_class="Z", level=1, assessed_on=dt.date(2024, 10, 1)
        )
    with pytest.raises(ValidationError, match="Level 0 到 5"):
        services.maturity_record(
            actor=officer, year=2025, agency=own_agency, agency_class="B", level=6, assessed_on=dt.date(2025, 10, 1)
        )
    assert selectors.maturity_figures(year=2024) == [
        selectors.MaturityFigures("B", 3, 1, 1),
        selectors.MaturityFigures("C", 1, 1, 0),
    ]
    assert selectors.maturity_share_at_target(year=2024) == Decimal("50.00")
    assert MaturityAssessment.objects.count() == 2


def test_staff_cannot_schedule(people, plan, own_agency):
    with pytest.raises(PermissionDenied):
        services.audit_schedule(
            actor=people["own_staff"], plan=plan, agency=own_agency, scheduled_on=dt.date(2024, 5, 1)
        )
    assert SecurityAudit.objects.count() == 0


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "name,expected",
    [
        ("overview", STAFF_PAGE),
        ("audits", STAFF_PAGE),
        ("audits_csv", STAFF_PAGE),
        ("own_audit", ["signin", 403, 404, 200, 200, 200]),
        ("systems", STAFF_PAGE),
        ("maturity_xlsx", STAFF_PAGE),
    ],
)
def test_permission_matrix(client_for, persona, name, expected, done_audit):
    urls = {
        "overview": "/office/registers/security/?year=113",
        "audits": "/office/registers/security/audits/?year=113",
        "audits_csv": "/office/registers/security/audits/?year=113&format=csv",
        "own_audit": f"/office/registers/security/audits/{done_audit.pk}/",
        "systems": "/office/registers/security/red-team/?year=113",
        "maturity_xlsx": "/office/registers/security/maturity/?year=113&format=xlsx",
    }
    expect_status(client_for(persona).get(urls[name]), expected[PERSONAS.index(persona)])


def test_other_agency_cannot_remediate_through_page(client_for, done_audit):
    finding = done_audit.findings.get()
    response = client_for("other_staff").post(
        f"/office/registers/security/audits/{done_audit.pk}/", {"finding": finding.pk, "remediation": "x"}
    )
    assert response.status_code == 404
    assert AuditFinding.objects.get().remediation == ""
