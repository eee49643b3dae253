"""Overseas trip reports: submission, review, publication, recommendations; public pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.registers.conftest import PERSONAS, PUBLIC_PAGE, expect_status
from yankao.registers.overseas import selectors, services
from yankao.registers.overseas.models import TripReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(people, own_agency):
    return services.report_submit(
        actor=people["own_staff"],
        agency=own_agency,
        title="日本道路考察",
        destination="日本福岡市",
        departed_on=dt.date(2024, 3, 1),
        returned_on=dt.date(2024, 3, 6),
        travellers="王大明、李小華",
        summary="摘要",
        full_text="全文內容",
        submitted_on=dt.date(2024, 6, 10),
    )


def test_due_date_from_rule_and_lateness(report):
    assert report.due_on == dt.date(2024, 6, 4)  # 90 calendar days after 3/6
    assert report.submitted_on_time is False
    assert selectors.on_time_share(year=2024) == (0, 1)


def test_other_agency_cannot_submit_for_us(people, own_agency):
    with pytest.raises(PermissionDenied):
        services.report_submit(
            actor=people["other_staff"],
            agency=own_agency,
            title="x",
            destination="y",
            departed_on=dt.date(2024, 3, 1),
            returned_on=dt.date(2024, 3, 6),
            travellers="z",
            summary="s",
            full_text="f",
            submitted_on=dt.date(2024, 4, 1),
        )
    assert TripReport.objects.count() == 0


def test_bad_dates(people, own_agency):
    with pytest.raises(ValidationError) as exc:
        services.report_submit(
            actor=people["own_staff"],
            agency=own_agency,
            title="x",
            destination="y",
            departed_on=dt.date(2024, 3, 6),
            returned_on=dt.date(2024, 3, 1),
            travellers="z",
            summary="s",
            full_text="f",
            submitted_on=dt.date(2024, 2, 1),
        )
    assert exc.value.messages == ["返國日不可早於出國日", "提交日不可早於返國日"]


def test_review_return_resubmit_publish_and_recommendation(people, officer, report, other_agency):
    with pytest.raises(ValidationError, match="審查意見"):
        services.report_review(actor=officer, report=report, publish=False, note="", reviewed_on=dt.date(2024, 6, 12))
    services.report_review(actor=officer, report=report, publish=False, note="請補充", reviewed_on=dt.date(2024, 6, 12))
    assert selectors.published_reports().count() == 0
    services.report_resubmit(
        actor=people["own_staff"],
        report=report,
        summary="新摘要",
        full_text="新全文",
        submitted_on=dt.date(2024, 6, 20),
    )
    services.report_review(actor=officer, report=report, publish=True, note="", reviewed_on=dt.date(2024, 6, 25))
    assert selectors.reports_published(year=2024) == 1
    rec = services.recommendation_send(
        actor=officer, report=report, agency=other_agency, text="研議", sent_on=dt.date(2024, 7, 1)
    )
    with pytest.raises(PermissionDenied):
        services.recommendation_respond(
            actor=people["own_staff"], recommendation=rec, status="adopted", reason="", responded_on=dt.date(2024, 8, 1)
        )
    services.recommendation_respond(
        actor=people["other_staff"], recommendation=rec, status="adopted", reason="", responded_on=dt.date(2024, 8, 1)
    )
    assert selectors.recommendation_counts(year=2024) == {"total": 1, "sent": 0, "adopted": 1, "declined": 0}


def test_public_pages_show_no_travellers(client, officer, report):
    services.report_review(actor=officer, report=report, publish=True, note="", reviewed_on=dt.date(2024, 6, 25))
    listing = client.get("/overseas-reports/").content.decode()
    detail = client.get(f"/overseas-reports/{report.pk}/").content.decode()
    csv_text = client.get("/overseas-reports/?format=csv").content.decode("utf-8-sig")
    assert "日本道路考察" in listing and "全文內容" in detail and "日本道路考察" in csv_text
    for text in (listing, detail, csv_text):
        assert "王大明" not in text and "李小華" not in text


def test_unpublished_report_is_not_public(client, report):
    assert client.get(f"/overseas-reports/{report.pk}/").status_code == 404


def test_office_list_masks_travellers(client_for, report):
    text = client_for("commission").get("/office/registers/overseas/").content.decode()
    assert "王大明" not in text and "王○○" in text


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(client_for, officer, persona, report):
    services.report_review(actor=officer, report=report, publish=True, note="", reviewed_on=dt.date(2024, 6, 25))
    i = PERSONAS.index(persona)
    expect_status(client_for(persona).get("/overseas-reports/"), PUBLIC_PAGE[i])
    expect_status(client_for(persona).get(f"/overseas-reports/{report.pk}/"), PUBLIC_PAGE[i])
    expect_status(client_for(persona).get("/office/registers/overseas/"), ["signin", 403, 200, 200, 200, 200][i])
    expect_status(
        client_for(persona).get("/office/registers/overseas/?format=xlsx"), ["signin", 403, 200, 200, 200, 200][i]
    )
    expect_status(
        client_for(persona).get(f"/office/registers/overseas/{report.pk}/"), ["signin", 403, 404, 200, 200, 200][i]
    )
