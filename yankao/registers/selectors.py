"""Reads across the registers: the open items whose deadline is near or past, per agency."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from yankao.core.rocdate import format_roc


def deadlines_due(*, on: dt.date, within_days: int) -> dict[int, list[str]]:
    """Open items an agency owes, due on or before `on + within_days` (overdue ones included),
    as one line each, by agency id: proposals to reply to (議員提案函復), work-report sections to
    submit (施政報告), audit findings to remediate (資安稽核) and risk countermeasures to finish
    (風險對策)."""
    from yankao.registers.council.models import Proposal
    from yankao.registers.risks.models import Countermeasure
    from yankao.registers.security.models import AuditFinding
    from yankao.registers.workreports.models import Compilation, Section

    horizon = on + dt.timedelta(days=within_days)
    due: dict[int, list[str]] = defaultdict(list)

    def line(kind: str, what: str, deadline: dt.date) -> str:
        late = "（已逾期）" if deadline < on else ""
        return f"{kind}：{what}，期限 {format_roc(deadline)}{late}"

    proposals = Proposal.objects.filter(status=Proposal.Status.OPEN, reply_deadline__lte=horizon)
    for p in proposals.select_related("session").order_by("reply_deadline", "number"):
        due[p.agency_id].append(line("議員提案待函復", f"{p.session} 第 {p.number} 案", p.reply_deadline))
    sections = Section.objects.filter(
        submitted_on__isnull=True,
        compilation__status=Compilation.Status.COLLECTING,
        compilation__due_on__lte=horizon,
    ).select_related("compilation")
    for s in sections.order_by("compilation__due_on", "pk"):
        due[s.agency_id].append(line("施政報告待繳交", s.compilation.title, s.compilation.due_on))
    findings = AuditFinding.objects.filter(
        status=AuditFinding.Status.OPEN, remediation="", due_on__lte=horizon
    ).select_related("audit")
    for f in findings.order_by("due_on", "pk"):
        due[f.audit.agency_id].append(line("資安稽核發現待改善", f.description[:40], f.due_on))
    measures = Countermeasure.objects.filter(status=Countermeasure.Status.PLANNED, due_on__lte=horizon).select_related(
        "risk__cycle"
    )
    for m in measures.order_by("due_on", "pk"):
        due[m.risk.cycle.agency_id].append(line("風險對策待完成", f"{m.risk.code} {m.description[:30]}", m.due_on))
    return dict(due)
