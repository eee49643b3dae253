"""Commissioned research: schedule, reviews in order, recommendations and their adoption."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.registers.conftest import PERSONAS, expect_status
from yankao.registers.research import selectors, services
from yankao.registers.research.models import Recommendation, ResearchProject

pytestmark = pytest.mark.django_db

SCHEDULE = {"kickoff": dt.date(2024, 5, 1), "midterm": dt.date(2024, 9, 1), "final": dt.date(2024, 12, 1)}


@pytest.fixture
def project(officer, commission_agency):
    return services.project_create(
        actor=officer,
        year=2024,
        agency=commission_agency,
        title="研究",
        contractor="大學",
        amount=Decimal("900000"),
        signed_on=dt.date(2024, 4, 1),
        milestones=SCHEDULE,
    )


def hold(officer, project, kind, day):
    return services.milestone_hold(
        actor=officer,
        milestone=project.milestones.get(kind=kind),
        held_on=day,
        reviewers="委員 3 人",
        conclusion="通過",
    )


def test_reviews_in_order_and_completion(officer, project):
    with pytest.raises(ValidationError, match="前一階段"):
        hold(officer, project, "midterm", dt.date(2024, 9, 1))
    hold(officer, project, "kickoff", dt.date(2024, 5, 1))
    hold(officer, project, "midterm", dt.date(2024, 11, 19))
    assert selectors.reviews_held_in(year=2024, kind="midterm") == [(2024, "研究", dt.date(2024, 11, 19))]
    hold(officer, project, "final", dt.date(2024, 12, 1))
    project.refresh_from_db()
    assert (project.status, project.completed_on) == ("completed", dt.date(2024, 12, 1))
    assert selectors.completed_in(year=2024) == [(2024, "研究", dt.date(2024, 12, 1))]


def test_schedule_validation(officer, commission_agency):
    with pytest.raises(ValidationError, match="順序"):
        services.project_create(
            actor=officer,
            year=2024,
            agency=commission_agency,
            title="x",
            contractor="y",
            amount=Decimal("1"),
            signed_on=dt.date(2024, 4, 1),
            milestones={"kickoff": dt.date(2024, 9, 1), "midterm": dt.date(2024, 5, 1)},
        )
    assert ResearchProject.objects.count() == 0


def test_recommendation_adoption(people, officer, project, own_agency):
    for kind, day in SCHEDULE.items():
        hold(officer, project, kind, day)
    rec = services.recommendation_add(actor=officer, project=project, agency=own_agency, text="建議")
    with pytest.raises(PermissionDenied):
        services.recommendation_respond(
            actor=people["other_staff"],
            recommendation=rec,
            status="adopted",
            reason="",
            responded_on=dt.date(2024, 12, 20),
        )
    with pytest.raises(ValidationError, match="理由"):
        services.recommendation_respond(
            actor=people["own_staff"],
            recommendation=rec,
            status="declined",
            reason=" ",
            responded_on=dt.date(2024, 12, 20),
        )
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.PENDING
    services.recommendation_respond(
        actor=people["own_staff"],
        recommendation=rec,
        status="declined",
        reason="經費不足",
        responded_on=dt.date(2024, 12, 20),
    )
    assert selectors.adoption_counts(year=2024) == {"pending": 0, "adopted": 0, "declined": 1}


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(client_for, officer, persona, project, own_agency):
    for kind, day in SCHEDULE.items():
        hold(officer, project, kind, day)
    services.recommendation_add(actor=officer, project=project, agency=own_agency, text="建議")
    expected = {
        "list": ["signin", 403, 200, 200, 200, 200],
        "detail": ["signin", 403, 404, 200, 200, 200],
        "csv": ["signin", 403, 200, 200, 200, 200],
    }
    i = PERSONAS.index(persona)
    expect_status(client_for(persona).get("/office/registers/research/"), expected["list"][i])
    expect_status(client_for(persona).get("/office/registers/research/?format=csv"), expected["csv"][i])
    expect_status(client_for(persona).get(f"/office/registers/research/{project.pk}/"), expected["detail"][i])


@pytest.mark.parametrize("persona,status", [("other_staff", 403), ("commission", 302)])
def test_create_through_the_page(client_for, persona, status):
    response = client_for(persona).post(
        "/office/registers/research/",
        {
            "year": "113",
            "title": "淨零研究",
            "contractor": "高科大",
            "amount": "1200000",
            "signed_on": "113/04/01",
            "midterm": "113/11/20",
            "final": "114/06/30",
        },
    )
    assert response.status_code == status
    if status == 302:
        project = ResearchProject.objects.get()
        assert (project.year, project.amount, sorted(project.milestones.values_list("kind", flat=True))) == (
            2024,
            Decimal("1200000"),
            ["final", "midterm"],
        )
    else:
        assert ResearchProject.objects.count() == 0
