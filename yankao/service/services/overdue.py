"""逾期管考: mark open cases past their deadline and climb the configurable escalation ladder."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from yankao.core.notify import notify
from yankao.org.models import Role, User
from yankao.service.models import Case, CaseStep, EscalationStep
from yankao.service.models.cases import OPEN_STATUSES


@dataclass
class OverdueResult:
    newly_overdue: int
    escalated: int
    notified: int


def _level_for(days_over: int, ladder: list[EscalationStep]) -> EscalationStep | None:
    reached = [step for step in ladder if days_over >= step.days_overdue]
    return reached[-1] if reached else None


def cases_mark_overdue(*, now: dt.datetime | None = None) -> OverdueResult:
    """Flag open cases past their deadline; notify each rung of the ladder once per case.

    The agency manager hears of their agency's cases; the commission (the centre) of every
    agency's cases that reached its rung. One message per recipient per run.
    """
    now = now or timezone.now()
    ladder = list(EscalationStep.objects.order_by("level"))
    due = Case.objects.filter(status__in=OPEN_STATUSES, deadline_at__lt=now).select_related("agency")
    newly = escalated = 0
    outbox: dict[str, list[str]] = defaultdict(list)  # recipient email → lines
    with transaction.atomic():
        for case in due.select_for_update(of=("self",)).iterator(chunk_size=500):
            days_over = (now - case.deadline_at).days  # type: ignore[operator]
            step = _level_for(days_over, ladder)
            changed = not case.is_overdue
            newly += changed
            case.is_overdue = True
            if step is not None and step.level > case.escalation_level:
                case.escalation_level = step.level
                escalated += 1
                line = f"{case.number}（{case.agency or '未分案'}）逾期 {days_over} 日"
                for person in _escalation_recipients(step, case):
                    outbox[person.email].append(line)
                CaseStep(
                    case=case,
                    kind=CaseStep.Kind.OVERDUE,
                    at=now,
                    actor_label="系統",
                    note=f"逾期通報第 {step.level} 層：通知{step.get_notify_display()}",
                ).save()
                changed = True
            if changed:
                case.save(update_fields=["is_overdue", "escalation_level", "updated_at"])
        for email, lines in outbox.items():
            notify(channel="email", to=email, subject=f"【逾期案件】{len(lines)} 件", message="\n".join(lines))
    return OverdueResult(newly_overdue=newly, escalated=escalated, notified=len([e for e in outbox if e]))


def _escalation_recipients(step: EscalationStep, case: Case) -> list[User]:
    active = User.objects.filter(is_active=True, kind=User.Kind.STAFF)
    if step.notify == EscalationStep.Notify.AGENCY_MANAGER:
        if case.agency_id is None:
            return []
        return list(active.filter(agency_id=case.agency_id, role_grants__role=Role.AGENCY_MANAGER).distinct())
    return list(active.filter(agency__kind="commission", role_grants__role__in=[Role.COMMISSION_OFFICER]).distinct())
