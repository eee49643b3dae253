"""公共工程督導暨協調會報: agenda from the problem programmes and cases, minutes, decisions, follow-up."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.org.models import Agency, User
from yankao.programmes.models import AgendaItem, CoordinationMeeting, MeetingDecision, Programme, SubsidyCase
from yankao.programmes.permissions import can_act_for_agency, can_manage_programmes

from ._common import fail_if, require


def meeting_create(*, actor: User, title: str, held_on: dt.date, chair: str, place: str = "") -> CoordinationMeeting:
    require(can_manage_programmes(actor), "只有研考會可以召開協調會報")
    fail_if([m for ok, m in ((title.strip(), "請輸入會議名稱"), (chair.strip(), "請輸入主持人")) if not ok])
    with transaction.atomic():
        meeting = CoordinationMeeting(title=title.strip(), held_on=held_on, chair=chair.strip(), place=place.strip())
        meeting.save()
    return meeting


def agenda_item_add(
    *,
    actor: User,
    meeting: CoordinationMeeting,
    issue: str,
    agency: Agency,
    programme: Programme | None = None,
    subsidy_case: SubsidyCase | None = None,
) -> AgendaItem:
    require(can_manage_programmes(actor), "只有研考會可以排定議題")
    fail_if([] if issue.strip() else ["請輸入議題內容"])
    with transaction.atomic():
        seq = (meeting.agenda.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
        item = AgendaItem(
            meeting=meeting, seq=seq, issue=issue.strip(), agency=agency, programme=programme, subsidy_case=subsidy_case
        )
        item.save()
    return item


def agenda_from_problems(*, actor: User, meeting: CoordinationMeeting, month: dt.date) -> list[AgendaItem]:
    """Put on the agenda every programme seriously behind in `month` and every subsidy case flagged
    as a problem (待檢討), unless already on this meeting's agenda."""
    from yankao.programmes.selectors.analysis import behind_list

    require(can_manage_programmes(actor), "只有研考會可以排定議題")
    on_agenda = set(meeting.agenda.values_list("programme_id", flat=True))
    cases_on = set(meeting.agenda.values_list("subsidy_case_id", flat=True))
    added = []
    with transaction.atomic():
        for row in behind_list(month=month):
            if row.delay_level != "serious" or row.programme_id in on_agenda:
                continue
            p = Programme.objects.select_related("lead_agency").get(pk=row.programme_id)
            issue = f"{p.name}進度落後 {row.behind_pp} 個百分點（{row.reason or '未填原因'}）"
            added.append(agenda_item_add(actor=actor, meeting=meeting, issue=issue, agency=p.lead_agency, programme=p))
        for case in SubsidyCase.objects.filter(has_problem=True).select_related("agency"):
            if case.pk in cases_on:
                continue
            problem = case.tracking.exclude(problem="").order_by("-month").values_list("problem", flat=True).first()
            issue = f"基本設施補助案件「{case.name}」：{problem or '待檢討'}"
            added.append(
                agenda_item_add(actor=actor, meeting=meeting, issue=issue, agency=case.agency, subsidy_case=case)
            )
    return added


def meeting_record_minutes(
    *, actor: User, meeting: CoordinationMeeting, minutes: str, issued_on: dt.date | None = None
) -> CoordinationMeeting:
    require(can_manage_programmes(actor), "只有研考會可以登錄會議紀錄")
    fail_if([] if minutes.strip() else ["請輸入會議紀錄"])
    with transaction.atomic():
        meeting.minutes, meeting.minutes_issued_on = minutes.strip(), issued_on
        meeting.save()
    return meeting


def decision_add(
    *,
    actor: User,
    meeting: CoordinationMeeting,
    text: str,
    agency: Agency,
    due_date: dt.date,
    agenda_item: AgendaItem | None = None,
) -> MeetingDecision:
    require(can_manage_programmes(actor), "只有研考會可以登錄決議")
    errors = [] if text.strip() else ["請輸入決議內容"]
    if due_date < meeting.held_on:
        errors.append("辦理期限不得早於開會日期")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        errors.append("議題不屬於此會議")
    fail_if(errors)
    with transaction.atomic():
        decision = MeetingDecision(
            meeting=meeting, text=text.strip(), agency=agency, due_date=due_date, agenda_item=agenda_item
        )
        decision.save()
    return decision


def decision_reply(*, actor: User, decision: MeetingDecision, follow_up: str) -> MeetingDecision:
    """The assigned agency reports what it has done (辦理情形)."""
    require(can_act_for_agency(actor, decision.agency), "只有辦理機關可以回復辦理情形")
    fail_if([] if follow_up.strip() else ["請輸入辦理情形"])
    with transaction.atomic():
        decision = MeetingDecision.objects.select_for_update().get(pk=decision.pk)
        if decision.status == MeetingDecision.Status.CLOSED:
            raise ValidationError("此決議已解除列管")
        decision.follow_up, decision.status = follow_up.strip(), MeetingDecision.Status.REPLIED
        decision.replied_at = timezone.now()
        decision.save()
    return decision


def decision_close(*, actor: User, decision: MeetingDecision) -> MeetingDecision:
    """解除列管: only once the agency has replied."""
    require(can_manage_programmes(actor), "只有研考會可以解除列管")
    with transaction.atomic():
        decision = MeetingDecision.objects.select_for_update().get(pk=decision.pk)
        if decision.status != MeetingDecision.Status.REPLIED:
            raise ValidationError("機關尚未回復辦理情形，不能解除列管")
        decision.status, decision.closed_at, decision.closed_by = MeetingDecision.Status.CLOSED, timezone.now(), actor
        decision.save()
    return decision
