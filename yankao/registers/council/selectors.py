"""Reads of the council-proposal register, and the figures of the annual report (參、三)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from yankao.core.documents import Document, Heading, Paragraph, Table
from yankao.core.rocdate import format_roc
from yankao.org.selectors import scope_to_agency
from yankao.registers.council.models import CouncilSession, Proposal, ProposalCategory


def session_list() -> QuerySet[CouncilSession]:
    return CouncilSession.objects.annotate(proposal_count=Count("proposals"))


def session_by_label(*, term: int, number: int, kind: str = "regular") -> CouncilSession | None:
    return CouncilSession.objects.filter(term=term, number=number, kind=kind).first()


def regular_session_in_year(*, year: int, ordinal: int = 1) -> CouncilSession | None:
    """The `ordinal`-th regular session opening in `year` (Gregorian, or ROC below 1000): the annual
    report quotes the year's first (113 → 第4屆第3次定期大會)."""
    year = year + 1911 if year < 1000 else year
    sessions = CouncilSession.objects.filter(kind=CouncilSession.Kind.REGULAR, starts_on__year=year)
    return sessions.order_by("starts_on", "pk")[ordinal - 1 : ordinal].first()


def proposal_list_for(
    *,
    user: Any,
    session: CouncilSession | None = None,
    category: str | None = None,
    status: str | None = None,
) -> QuerySet[Proposal]:
    """Proposals the user may see: their agency's, or every one for the commission."""
    qs = Proposal.objects.select_related("session", "category", "agency")
    if session is not None:
        qs = qs.filter(session=session)
    if category:
        qs = qs.filter(category__code=category)
    if status:
        qs = qs.filter(status=status)
    return scope_to_agency(qs, user).order_by("session", "number")


def proposal_total(*, session: CouncilSession) -> int:
    """Figure: 第四屆第三次定期大會計 1,273 件."""
    return Proposal.objects.filter(session=session).count()


def proposal_counts_by_category(*, session: CouncilSession) -> list[tuple[str, int]]:
    """Figure: 民政類 122 件、社政類 104 件… — every category in catalogue order, zeros included."""
    counts = dict(
        Proposal.objects.filter(session=session).values_list("category_id").annotate(n=Count("id")).order_by()
    )
    return [(c.name, counts.get(c.pk, 0)) for c in ProposalCategory.objects.order_by("sort_order", "code")]


@dataclass(frozen=True)
class ReplyStats:
    total: int
    replied: int
    replied_on_time: int
    overdue_open: int

    @property
    def open(self) -> int:
        return self.total - self.replied


def proposal_reply_stats(*, session: CouncilSession, today: dt.date, agency_id: int | None = None) -> ReplyStats:
    """How many were replied, how many within their deadline, how many are open past it."""
    qs = Proposal.objects.filter(session=session)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    agg = qs.aggregate(
        total=Count("id"),
        replied=Count("id", filter=Q(replied_on__isnull=False)),
        on_time=Count("id", filter=Q(replied_on__isnull=False, replied_on__lte=F("reply_deadline"))),
        overdue=Count("id", filter=Q(replied_on__isnull=True, reply_deadline__lt=today)),
    )
    return ReplyStats(agg["total"], agg["replied"], agg["on_time"], agg["overdue"])


def session_reported_on_time(*, session: CouncilSession) -> bool | None:
    """Figure: 已於期限內提報議會 (None while not yet reported)."""
    return session.compiled_on_time


def proposal_counts_by_agency(*, session: CouncilSession) -> list[tuple[str, int, int]]:
    rows = (
        Proposal.objects.filter(session=session)
        .values("agency__name", "agency__sort_order")
        .annotate(n=Count("id"), replied=Count("id", filter=Q(replied_on__isnull=False)))
        .order_by("agency__sort_order", "agency__name")
    )
    return [(r["agency__name"], r["n"], r["replied"]) for r in rows]


def compilation_document(*, session: CouncilSession, today: dt.date) -> Document:
    """議員提案執行情形彙編: counts per category and per agency, replies on time."""
    by_category = proposal_counts_by_category(session=session)
    stats = proposal_reply_stats(session=session, today=today)
    total = sum(n for _, n in by_category)
    reported = (
        f"已於 {format_roc(session.compiled_on)} 提報議會（期限 {format_roc(session.report_due)}）。"
        if session.compiled_on
        else f"提報期限 {format_roc(session.report_due)}，尚未提報。"
    )
    return Document(
        title=f"高雄市議會{session}議員提案執行情形彙編",
        subtitle=f"統計至 {format_roc(today)}",
        blocks=[
            Paragraph(
                f"{session}議員提案計 {total:,} 件，已函復 {stats.replied:,} 件，"
                f"其中於期限內函復 {stats.replied_on_time:,} 件；逾期未函復 {stats.overdue_open:,} 件。{reported}"
            ),
            Heading("一、各類別件數"),
            Table(["類別", "件數"], [[f"{name}類", f"{n:,}"] for name, n in by_category] + [["合計", f"{total:,}"]]),
            Heading("二、各機關辦理情形"),
            Table(["主辦機關", "件數", "已函復"], [list(r) for r in proposal_counts_by_agency(session=session)]),
        ],
    )
