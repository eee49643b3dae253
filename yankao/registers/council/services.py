"""Every write to the council-proposal register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.core.audit import record_event
from yankao.core.notify import notify
from yankao.core.rocdate import ROCDateError, format_roc, parse_roc
from yankao.core.tabular import ImportFailed, RowError, read_table
from yankao.core.workdays import add_working_days
from yankao.org.models import Agency
from yankao.registers.council.models import Councillor, CouncilSession, Proposal, ProposalCategory, ReplyRule
from yankao.registers.council.permissions import can_manage_council, can_reply

IMPORT_REQUIRED = ["案號", "案由", "提案議員", "類別", "收文日"]
IMPORT_OPTIONAL = ["主辦機關"]


def _require_commission(actor: Any) -> None:
    if not can_manage_council(actor):
        raise PermissionDenied("僅研考會可以管理議會提案登錄")


def reply_rule_on(day: dt.date) -> ReplyRule:
    rule = ReplyRule.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if rule is None:
        raise ValidationError(f"{day} 沒有適用的函復期限規定，請先設定")
    return rule


def session_create(
    *,
    actor: Any,
    term: int,
    number: int,
    starts_on: dt.date,
    ends_on: dt.date,
    report_due: dt.date,
    kind: str = "regular",
) -> CouncilSession:
    """Register a council session (第N屆第M次大會)."""
    _require_commission(actor)
    if ends_on < starts_on:
        raise ValidationError("閉會日不可早於開議日")
    if CouncilSession.objects.filter(term=term, number=number, kind=kind).exists():
        raise ValidationError(f"第{term}屆第{number}次大會已登錄")
    with transaction.atomic():
        session = CouncilSession(
            term=term, number=number, kind=kind, starts_on=starts_on, ends_on=ends_on, report_due=report_due
        )
        session.save()
    return session


def default_agency_for(category: ProposalCategory) -> Agency | None:
    if not category.default_agency_code:
        return None
    return Agency.objects.filter(code=category.default_agency_code, is_active=True).first()


def _agency_for(category: ProposalCategory, agency: Agency | None) -> Agency:
    chosen = agency or default_agency_for(category)
    if chosen is None:
        raise ValidationError(f"類別「{category.name}」沒有預設主辦機關，請指定主辦機關")
    return chosen


def proposal_create(
    *,
    actor: Any,
    session: CouncilSession,
    number: str,
    title: str,
    councillors: str,
    category: ProposalCategory,
    received_on: dt.date,
    agency: Agency | None = None,
) -> Proposal:
    """Register one proposal; its reply deadline is fixed now from the rule in force on `received_on`."""
    _require_commission(actor)
    number, title, councillors = number.strip(), title.strip(), councillors.strip()
    if not (number and title and councillors):
        raise ValidationError("案號、案由與提案議員皆為必填")
    if Proposal.objects.filter(session=session, number=number).exists():
        raise ValidationError(f"{session} 已有案號 {number}")
    rule = reply_rule_on(received_on)
    with transaction.atomic():
        proposal = Proposal(
            session=session,
            number=number,
            title=title,
            councillors=councillors,
            category=category,
            agency=_agency_for(category, agency),
            received_on=received_on,
            reply_working_days=rule.reply_working_days,
            reply_deadline=add_working_days(received_on, rule.reply_working_days),
        )
        proposal.save()
    return proposal


@dataclass
class ImportResult:
    created: int
    unchanged: int


def _parse_rows(session: CouncilSession, data: bytes, filename: str) -> tuple[list[Proposal], int]:
    categories = {c.name: c for c in ProposalCategory.objects.filter(is_active=True)}
    categories.update({f"{name}類": c for name, c in list(categories.items())})
    defaults = {c.pk: default_agency_for(c) for c in categories.values()}
    agencies = {a.name: a for a in Agency.objects.filter(is_active=True)}
    agencies.update({a.short_name: a for a in agencies.values() if a.short_name})
    existing = {p.number: p for p in Proposal.objects.filter(session=session)}
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    new: list[Proposal] = []
    unchanged = 0
    rules: dict[dt.date, ReplyRule] = {}
    for line, row in read_table(data, filename=filename, required=IMPORT_REQUIRED, optional=IMPORT_OPTIONAL):
        number = row["案號"]
        problems = []
        if not number or not row["案由"] or not row["提案議員"]:
            problems.append("案號、案由、提案議員皆為必填")
        if number in seen:
            problems.append(f"案號 {number} 與第 {seen[number]} 行重複")
        seen.setdefault(number, line)
        category = categories.get(row["類別"])
        if category is None:
            problems.append(f"未知類別「{row['類別']}」")
        agency = agencies.get(row.get("主辦機關", "")) if row.get("主辦機關") else None
        if row.get("主辦機關") and agency is None:
            problems.append(f"未知機關「{row['主辦機關']}」")
        elif category is not None and agency is None and defaults[category.pk] is None:
            problems.append(f"類別「{category.name}」沒有預設主辦機關，請填主辦機關")
        try:
            received = parse_roc(row["收文日"])
            if received > timezone.localdate():
                problems.append("收文日不可晚於今天")
            elif received not in rules:
                rules[received] = reply_rule_on(received)
        except (ROCDateError, ValidationError) as exc:
            problems.append(exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        if problems:
            errors.extend(RowError(line, p) for p in problems)
            continue
        assert category is not None
        chosen = agency or defaults[category.pk]
        assert chosen is not None
        old = existing.get(number)
        if old is not None:
            same = (old.title, old.councillors, old.category_id, old.agency_id, old.received_on) == (
                row["案由"],
                row["提案議員"],
                category.pk,
                chosen.pk,
                received,
            )
            if same:
                unchanged += 1
            else:
                errors.append(RowError(line, f"案號 {number} 已登錄且內容不同；請先更正既有資料"))
            continue
        days = rules[received].reply_working_days
        new.append(
            Proposal(
                session=session,
                number=number,
                title=row["案由"],
                councillors=row["提案議員"],
                category=category,
                agency=chosen,
                received_on=received,
                reply_working_days=days,
                reply_deadline=add_working_days(received, days),
            )
        )
    if errors:
        raise ImportFailed(errors)
    return new, unchanged


def proposal_import(*, actor: Any, session: CouncilSession, data: bytes, filename: str) -> ImportResult:
    """Import the council's list (CSV/XLSX): every row checked first, all or nothing; re-import is a no-op."""
    _require_commission(actor)
    new, unchanged = _parse_rows(session, data, filename)
    with transaction.atomic():
        Proposal.objects.bulk_create(new, batch_size=500)
        if new:
            record_event(session, note=f"匯入議員提案 {len(new)} 件（{filename}）", changes={"created": len(new)})
    return ImportResult(created=len(new), unchanged=unchanged)


def proposal_reply(*, actor: Any, proposal: Proposal, replied_on: dt.date, text: str) -> Proposal:
    """The agency's reply to the council (函復市議會), copied to the councillor and the commission."""
    if not can_reply(actor, proposal):
        raise PermissionDenied("只有主辦機關可以函復此提案")
    proposal.refresh_from_db()
    if proposal.status == Proposal.Status.CLOSED:
        raise ValidationError("此提案已結案，不能再函復")
    if not text.strip():
        raise ValidationError("請填寫函復內容")
    if replied_on > timezone.localdate():
        raise ValidationError("函復日不可晚於今天")
    if replied_on < proposal.received_on:
        raise ValidationError("函復日不可早於收文日")
    with transaction.atomic():
        proposal.replied_on, proposal.reply_text = replied_on, text.strip()
        proposal.status = Proposal.Status.REPLIED
        proposal.save()
        _reply_copies_send(proposal)
    return proposal


def proposal_correct(
    *,
    actor: Any,
    proposal: Proposal,
    title: str,
    councillors: str,
    category: ProposalCategory,
    agency: Agency,
    received_on: dt.date,
) -> Proposal:
    """Correct a proposal registered wrongly (案由, 議員, 類別, 主辦機關, 收文日) before it is closed.
    A new 收文日 moves the deadline by the working days the proposal was given; the audit trail
    keeps the old values."""
    _require_commission(actor)
    proposal.refresh_from_db()
    if proposal.status == Proposal.Status.CLOSED:
        raise ValidationError("此提案已結案，不能再更正")
    title, councillors = title.strip(), councillors.strip()
    if not (title and councillors):
        raise ValidationError("案由與提案議員皆為必填")
    if received_on > timezone.localdate():
        raise ValidationError("收文日不可晚於今天")
    if proposal.replied_on is not None and received_on > proposal.replied_on:
        raise ValidationError("收文日不可晚於函復日")
    if proposal.agency_id != agency.pk and proposal.status != Proposal.Status.OPEN:
        raise ValidationError("已函復的提案不能改由其他機關主辦")
    with transaction.atomic():
        proposal.title, proposal.councillors, proposal.category, proposal.agency = title, councillors, category, agency
        if received_on != proposal.received_on:
            proposal.received_on = received_on
            proposal.reply_deadline = add_working_days(received_on, proposal.reply_working_days)
        proposal.save()
    return proposal


def councillor_names(text: str) -> list[str]:
    """The names in a proposal's 提案議員 field (「王議員、李議員」, commas or spaces between)."""
    for sep in ("，", ",", "；", ";", " ", "\u3000", "/"):
        text = text.replace(sep, "、")
    return [name.strip() for name in text.split("、") if name.strip()]


def _reply_copies_send(proposal: Proposal) -> None:
    """副本: the reply goes to each councillor who tabled the proposal and to the commission
    (after commit, through notify); councillors without an address on file get no mail."""
    replied_on = proposal.replied_on
    assert replied_on is not None
    subject = f"議員提案 {proposal} 函復副本"
    body = (
        f"{proposal.agency} 已於 {format_roc(replied_on)} 函復市議會（副知提案議員 {proposal.councillors}）。\n"
        f"案由：{proposal.title}\n函復內容：\n{proposal.reply_text}"
    )
    names = councillor_names(proposal.councillors)
    for email in Councillor.objects.filter(name__in=names).exclude(email="").values_list("email", flat=True):
        notify(channel="email", to=email, subject=subject, message=body)
    rule = ReplyRule.objects.filter(effective_from__lte=replied_on).order_by("-effective_from").first()
    if rule is not None and rule.commission_mailbox:
        notify(channel="email", to=rule.commission_mailbox, subject=subject, message=body)


def proposal_close(*, actor: Any, proposal: Proposal, closed_on: dt.date) -> Proposal:
    _require_commission(actor)
    if proposal.status != Proposal.Status.REPLIED:
        raise ValidationError("尚未函復的提案不能結案")
    if closed_on < (proposal.replied_on or closed_on):
        raise ValidationError("結案日不可早於函復日")
    with transaction.atomic():
        proposal.status, proposal.closed_on = Proposal.Status.CLOSED, closed_on
        proposal.save()
    return proposal


def session_compile(*, actor: Any, session: CouncilSession, compiled_on: dt.date) -> CouncilSession:
    """Record that the commission compiled the session's proposals and reported them to the council."""
    _require_commission(actor)
    if not session.proposals.exists():
        raise ValidationError("此大會尚無提案，無法彙編")
    if compiled_on > timezone.localdate():
        raise ValidationError("提報日不可晚於今天")
    with transaction.atomic():
        session.compiled_on = compiled_on
        session.save()
    return session
