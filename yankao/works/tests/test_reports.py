"""全民督工: filing, assignment with a working-day deadline, closure with a reply, satisfaction,
in-construction and inspected figures; engineering training."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from yankao.works import services
from yankao.works.models import CitizenReport, TrainingSession
from yankao.works.selectors import reports as sel

from .conftest import finalised_inspection

pytestmark = pytest.mark.django_db


def at(y, m, d, h=10):
    return timezone.make_aware(dt.datetime(y, m, d, h))


def file_report(people, **kwargs):
    data = {"subject": "工地圍籬倒塌", "content": "民族路工地圍籬倒在人行道上", "location": "民族一路"}
    return services.citizen_report_file(actor=people["citizen"], **{**data, **kwargs})


def test_citizen_files_and_sees_only_their_own(people, photo):
    report = file_report(people, photos=[photo])
    assert (report.number[-5:], report.channel, report.reporter, report.reporter_email) == (
        "W0001",
        "web",
        people["citizen"],
        "a@example.tw",
    )
    assert report.photos.count() == 1
    assert list(sel.citizen_report_list_for(people["citizen"])) == [report]
    assert list(sel.citizen_report_list_for(people["own_staff"])) == []
    assert list(sel.citizen_report_list_for(None)) == []


def test_anonymous_and_agency_staff_cannot_file(people):
    for persona in ("anonymous", "own_staff"):
        with pytest.raises(PermissionDenied):
            services.citizen_report_file(actor=people[persona], subject="x", content="y")
    assert CitizenReport.objects.count() == 0


def test_1999_report_needs_its_case_number(people):
    with pytest.raises(ValidationError, match="1999 案件編號"):
        services.citizen_report_file(actor=people["commission"], channel="1999", subject="x", content="y")
    report = services.citizen_report_file(
        actor=people["commission"],
        channel="1999",
        subject="x",
        content="y",
        service_case_number="1130512-0001",
        reporter_name="陳先生",
    )
    assert (report.service_case_number, report.reporter) == ("1130512-0001", None)


def test_lifecycle_assign_close_rate(people, project, inspector, django_capture_on_commit_callbacks, mailoutbox):
    report = file_report(people, received_at=at(2024, 5, 9))
    report = services.citizen_report_assign(
        actor=people["commission"], report=report, agency=project.agency, project=project, at=at(2024, 5, 10)
    )
    assert (report.status, report.in_construction) == ("assigned", True)
    assert timezone.localtime(report.due_at).date() == dt.date(2024, 5, 21)  # 7 working days after Fri 5/10
    assert list(sel.citizen_report_list_for(people["own_staff"])) == [report]
    assert list(sel.citizen_report_list_for(people["other_staff"])) == []
    with pytest.raises(PermissionDenied):
        services.citizen_report_close(actor=people["other_staff"], report=report, reply="x")
    with pytest.raises(ValidationError, match="結案後"):
        services.citizen_report_rate(actor=people["citizen"], report=report, satisfaction="satisfied")
    services.citizen_report_note(actor=people["own_staff"], report=report, text="已通知廠商扶正圍籬")
    with django_capture_on_commit_callbacks(execute=True):
        report = services.citizen_report_close(
            actor=people["own_staff"], report=report, reply="圍籬已扶正並加固", at=at(2024, 5, 13)
        )
    assert [(m.to, m.body) for m in mailoutbox] == [(["a@example.tw"], "圍籬已扶正並加固")]
    inspection = finalised_inspection(inspector, project)
    services.citizen_report_link_inspection(actor=inspector, report=report, inspection=inspection)
    with pytest.raises(PermissionDenied):
        services.citizen_report_rate(actor=people["own_staff"], report=report, satisfaction="satisfied")
    services.citizen_report_rate(actor=people["citizen"], report=report, satisfaction="satisfied")
    with pytest.raises(ValidationError, match="已填寫過"):
        services.citizen_report_rate(actor=people["citizen"], report=report, satisfaction="dissatisfied")
    figures = sel.citizen_report_figures(year=113)
    assert (
        figures.total,
        figures.closed,
        figures.satisfaction_answers,
        figures.satisfied,
        figures.in_construction,
        figures.inspected,
    ) == (1, 1, 1, 1, 1, 1)
    assert (figures.satisfaction_rate, figures.inspection_rate) == (Decimal(100), Decimal(100))


def test_assign_to_the_wrong_agency_is_refused(people, project, other_agency):
    report = file_report(people)
    with pytest.raises(ValidationError, match="主辦機關是"):
        services.citizen_report_assign(actor=people["commission"], report=report, agency=other_agency, project=project)
    report.refresh_from_db()
    assert (report.status, report.agency) == ("received", None)


def test_inspection_link_must_be_same_project_and_after_report(people, project, other_project, inspector):
    report = file_report(people, received_at=at(2024, 5, 1))
    services.citizen_report_assign(actor=people["commission"], report=report, agency=project.agency, project=project)
    other = finalised_inspection(inspector, other_project)
    with pytest.raises(ValidationError, match="工程不同"):
        services.citizen_report_link_inspection(actor=inspector, report=report, inspection=other)
    late_report = file_report(people, received_at=at(2024, 6, 1))
    services.citizen_report_assign(
        actor=people["commission"], report=late_report, agency=project.agency, project=project
    )
    before = finalised_inspection(inspector, project)  # inspected 2024-05-20
    with pytest.raises(ValidationError, match="早於通報日期"):
        services.citizen_report_link_inspection(actor=inspector, report=late_report, inspection=before)


def test_reference_percentages_round_half_up():
    figures = sel.ReportFigures(110, 110, 15, 13, 2, 56, 13)
    assert (figures.satisfaction_rate, figures.inspection_rate) == (Decimal(87), Decimal(23))


def test_training(people):
    services.training_create(actor=people["commission"], held_on=dt.date(2024, 3, 27), title="品質預警", attendees=80)
    with pytest.raises(PermissionDenied):
        services.training_create(actor=people["own_staff"], held_on=dt.date(2024, 4, 1), title="x")
    with pytest.raises(ValidationError, match="相同名稱"):
        services.training_create(actor=people["commission"], held_on=dt.date(2024, 3, 27), title="品質預警")
    assert [t.title for t in sel.training_sessions(year=113)] == ["品質預警"]
    assert TrainingSession.objects.count() == 1
