"""The workflow: assign → accept → in progress → reply → close → survey; transfer, reopen,
duplicates, extensions, conflicts, overdue escalation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.core.models import AuditEvent
from yankao.service.models import Case, CaseStep, DeadlineExtension, Survey
from yankao.service.services import (
    CaseConflict,
    case_accept,
    case_assign,
    case_close,
    case_mark_duplicate,
    case_reopen,
    case_reply,
    case_request_extension,
    case_start,
    case_transfer,
    cases_bulk_assign,
    cases_mark_overdue,
    extension_decide,
    survey_answer,
)
from yankao.service.tests.conftest import file_case

pytestmark = pytest.mark.django_db


def test_the_whole_journey_leaves_every_step_with_its_actor(
    people, own_case, mailoutbox, django_capture_on_commit_callbacks
):
    officer = people["own_staff"]
    case = case_accept(actor=officer, case=own_case, expected_version=1)
    assert (case.status, case.officer, case.version) == ("accepted", officer, 2)
    case = case_start(actor=officer, case=case, expected_version=2)
    with django_capture_on_commit_callbacks(execute=True):
        case = case_reply(actor=officer, case=case, text="已派員修復人行道。", expected_version=3)
    assert (case.status, case.reply_text) == ("replied", "已派員修復人行道。")
    assert mailoutbox[-1].to == ["a@example.tw"]
    assert "已派員修復人行道。" in mailoutbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        case = case_close(actor=officer, case=case, expected_version=4)
    assert case.status == "closed" and case.closed_at is not None
    survey = Survey.objects.get(case=case)
    assert survey.token in mailoutbox[-1].body
    survey_answer(token=survey.token, satisfied=True, score=5, comment="很快")
    case.refresh_from_db()
    assert case.satisfied is True
    steps = list(case.steps.values_list("kind", "actor_label"))
    assert steps == [
        ("accepted", "own-officer"),
        ("started", "own-officer"),
        ("replied", "own-officer"),
        ("closed", "own-officer"),
        ("surveyed", "陳情人"),
    ]
    events = AuditEvent.objects.filter(record_type="service.case", record_id=str(case.pk))
    assert events.count() == 6  # created + 5 changes
    assert set(events.exclude(action="create").exclude(actor_label="").values_list("actor_label", flat=True)) >= set()


def test_a_survey_is_answered_once(own_case, people):
    officer = people["own_staff"]
    case = case_accept(actor=officer, case=own_case)
    case = case_reply(actor=officer, case=case, text="已處理")
    case = case_close(actor=officer, case=case)
    token = case.survey.token
    survey_answer(token=token, satisfied=False, score=2)
    with pytest.raises(ValidationError, match="已經回覆過"):
        survey_answer(token=token, satisfied=True, score=5)
    assert Survey.objects.get(token=token).satisfied is False
    with pytest.raises(ValidationError):
        survey_answer(token="nope", satisfied=True, score=5)


@pytest.mark.parametrize("persona", ["other_staff", "citizen", "anonymous"])
def test_others_cannot_work_on_the_case_and_nothing_changes(own_case, people, persona):
    with pytest.raises(PermissionDenied):
        case_accept(actor=people[persona], case=own_case)
    own_case.refresh_from_db()
    assert (own_case.status, own_case.version, own_case.steps.count()) == ("assigned", 1, 0)


def test_a_transition_not_allowed_from_the_status_is_refused(own_case, people):
    with pytest.raises(ValidationError) as caught:
        case_reply(actor=people["own_staff"], case=own_case, text="回覆")
    assert caught.value.messages == ["案件目前為「已分案」，不能回覆。"]
    own_case.refresh_from_db()
    assert (own_case.status, own_case.reply_text) == ("assigned", "")


def test_a_reply_longer_than_the_limit_is_refused(own_case, people):
    case = case_accept(actor=people["own_staff"], case=own_case)
    with pytest.raises(ValidationError) as caught:
        case_reply(actor=people["own_staff"], case=case, text="字" * 2001)
    assert caught.value.message_dict["text"] == ["回覆內容不可超過 2000 字（目前 2001 字）"]
    case.refresh_from_db()
    assert (case.status, case.reply_text) == ("accepted", "")


def test_two_officers_saving_at_once_the_second_gets_a_conflict(own_case, people, own_manager):
    seen_by_both = own_case.version
    case_accept(actor=people["own_staff"], case=own_case, expected_version=seen_by_both)
    with pytest.raises(CaseConflict) as caught:
        case_accept(actor=own_manager, case=own_case, expected_version=seen_by_both)
    assert "已由其他人更新" in caught.value.messages[0]
    own_case.refresh_from_db()
    assert (own_case.officer, own_case.version) == (people["own_staff"], 2)


def test_transfer_back_to_the_centre_and_reassign(own_case, people):
    with pytest.raises(ValidationError):
        case_transfer(actor=people["own_staff"], case=own_case, reason=" ")
    case = case_transfer(actor=people["own_staff"], case=own_case, reason="非本局權管，應屬民政局")
    assert (case.status, case.agency) == ("received", None)
    with pytest.raises(PermissionDenied):
        case_assign(actor=people["own_staff"], case=case, agency="CAB")
    case = case_assign(actor=people["commission"], case=case, agency="CAB")
    assert (case.status, case.agency.code) == ("assigned", "CAB")
    assert list(case.steps.values_list("kind", "note")) == [
        ("transferred", "退回聯合服務中心：非本局權管，應屬民政局"),
        ("assigned", "分送高雄市政府民政局"),
    ]


def test_transfer_directly_to_another_agency(own_case, people):
    case = case_transfer(actor=people["own_staff"], case=own_case, reason="屬民政局", to_agency="CAB")
    assert (case.status, case.agency.code) == ("assigned", "CAB")


def test_bulk_assign_is_all_or_nothing(city, people):
    waiting = [file_case(category="P99") for _ in range(2)]
    done = case_accept(actor=people["own_staff"], case=file_case())
    with pytest.raises(ValidationError) as caught:
        cases_bulk_assign(actor=people["commission"], cases=[*waiting, done], agency=people["own_staff"].agency)
    assert done.number in caught.value.messages[0]
    assert set(Case.objects.filter(pk__in=[c.pk for c in waiting]).values_list("status", flat=True)) == {"received"}
    assert cases_bulk_assign(actor=people["commission"], cases=waiting, agency=people["own_staff"].agency) == 2
    assert set(Case.objects.filter(pk__in=[c.pk for c in waiting]).values_list("agency__code", flat=True)) == {"PWB"}


def test_reopen_and_duplicates(city, people):
    officer = people["own_staff"]
    original = file_case()
    copy = file_case(description="四維三路人行道破損，很危險。")
    closed = case_mark_duplicate(actor=officer, case=copy, original=original)
    assert (closed.status, closed.duplicate_of) == ("closed", original)
    with pytest.raises(ValidationError):
        case_mark_duplicate(actor=officer, case=original, original=closed)  # would point at itself
    reopened = case_reopen(actor=officer, case=closed, reason="並非同一地點")
    assert (reopened.status, reopened.duplicate_of, reopened.closed_at) == ("in_progress", None, None)


def test_an_extension_needs_approval_and_the_citizen_is_told_why(
    own_case, people, own_manager, other_manager, mailoutbox, django_capture_on_commit_callbacks
):
    officer = people["own_staff"]
    case = case_accept(actor=officer, case=own_case)
    until = case.deadline_at + dt.timedelta(days=10)
    extension = case_request_extension(actor=officer, case=case, until=until, reason="需會同台電現場會勘")
    with pytest.raises(PermissionDenied):
        extension_decide(actor=officer, extension=extension, approve=True)
    with pytest.raises(PermissionDenied):
        extension_decide(actor=other_manager, extension=extension, approve=True)
    case.refresh_from_db()
    assert case.deadline_at == extension.previous_deadline
    with django_capture_on_commit_callbacks(execute=True):
        extension_decide(actor=own_manager, extension=extension, approve=True)
    case.refresh_from_db()
    assert case.deadline_at == until
    assert DeadlineExtension.objects.get().decision == "approved"
    assert "需會同台電現場會勘" in mailoutbox[-1].body


def test_overdue_cases_climb_the_ladder_once(
    city, people, own_manager, aware, mailoutbox, django_capture_on_commit_callbacks
):
    own_manager.email = "boss@example.tw"
    own_manager.save()
    people["commission"].email = "rdec@example.tw"
    people["commission"].save()
    case = file_case(received_at=aware(2024, 12, 5, 10, 0))  # due 2024-12-26 23:59:59
    with django_capture_on_commit_callbacks(execute=True):
        first = cases_mark_overdue(now=aware(2024, 12, 27, 9, 0))
    assert (first.newly_overdue, first.escalated) == (1, 1)
    case.refresh_from_db()
    assert (case.is_overdue, case.escalation_level) == (True, 1)
    assert [m.to for m in mailoutbox] == [["boss@example.tw"]]
    again = cases_mark_overdue(now=aware(2024, 12, 27, 10, 0))
    assert (again.newly_overdue, again.escalated) == (0, 0)
    with django_capture_on_commit_callbacks(execute=True):
        later = cases_mark_overdue(now=aware(2024, 12, 30, 9, 0))
    assert later.escalated == 1
    assert mailoutbox[-1].to == ["rdec@example.tw"]
    assert list(case.steps.values_list("kind", flat=True)) == [CaseStep.Kind.OVERDUE, CaseStep.Kind.OVERDUE]
