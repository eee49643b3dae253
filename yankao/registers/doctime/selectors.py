"""Reads of the document-timeliness register and the figures of 參、二."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, QuerySet, Sum

from yankao.core.documents import Document, Paragraph, Table
from yankao.core.rocdate import format_roc
from yankao.org.selectors import scope_to_agency
from yankao.registers.common import half_up, percent
from yankao.registers.doctime.models import DocCategory, InspectionVisit, MonthlyStat, TimelinessRule


@dataclass(frozen=True)
class Figures:
    label: str
    received: int
    closed: int
    closed_on_time: int
    overdue: int
    average_days: Decimal  # weighted by cases closed

    @property
    def on_time_rate(self) -> Decimal:
        return percent(self.closed_on_time, self.closed)


def _stats(year: int, month_from: int = 1, month_to: int = 12, agency_id: int | None = None) -> QuerySet[MonthlyStat]:
    qs = MonthlyStat.objects.filter(year=year, month__gte=month_from, month__lte=month_to)
    return qs.filter(agency_id=agency_id) if agency_id else qs


def _figures(label: str, agg: Any) -> Figures:
    closed = agg["n_closed"] or 0
    total_days = agg["day_cases"]
    days = half_up(Decimal(str(total_days)) / closed) if closed and total_days is not None else Decimal("0.00")
    return Figures(label, agg["n_received"] or 0, closed, agg["n_on_time"] or 0, agg["n_overdue"] or 0, days)


AGG = {
    "n_received": Sum("received"),
    "n_closed": Sum("closed"),
    "n_on_time": Sum("closed_on_time"),
    "n_overdue": Sum("overdue"),
    "day_cases": Sum(F("average_days") * F("closed")),
}


def category_count() -> int:
    """Figure: 七大類公文."""
    return DocCategory.objects.count()


def months_analysed(*, year: int) -> int:
    """Figure: 每月…統計分析 — months of the year with statistics (12 for 113)."""
    return MonthlyStat.objects.filter(year=year).values("month").distinct().count()


def category_summary(
    *, year: int, month_from: int = 1, month_to: int = 12, agency_id: int | None = None
) -> list[Figures]:
    """The seven categories, in catalogue order, for the city or one agency."""
    qs = _stats(year, month_from, month_to, agency_id)
    rows = {r["category_id"]: r for r in qs.values("category_id").annotate(**AGG).order_by()}
    empty = dict.fromkeys(AGG)
    return [_figures(c.name, rows.get(c.pk, empty)) for c in DocCategory.objects.all()]


def agency_ranking(
    *, year: int, month_from: int = 1, month_to: int = 12, user: Any = None
) -> list[tuple[int, int, Figures]]:
    """(rank, agency_id, figures) by on-time rate, best first; staff see only their own row."""
    qs = _stats(year, month_from, month_to)
    rows = qs.values("agency_id", "agency__name").annotate(**AGG).order_by()
    figures = sorted(
        ((r["agency_id"], _figures(r["agency__name"], r)) for r in rows),
        key=lambda pair: (-pair[1].on_time_rate, pair[1].average_days, pair[1].label),
    )
    ranked = [(n, agency_id, f) for n, (agency_id, f) in enumerate(figures, start=1)]
    if user is None:
        return ranked
    visible = set(scope_to_agency(qs, user).values_list("agency_id", flat=True))
    return [r for r in ranked if r[1] in visible]


def target_on(year: int) -> Decimal:
    import datetime as dt

    rule = TimelinessRule.objects.filter(effective_from__lte=dt.date(year, 12, 31)).order_by("-effective_from").first()
    return rule.on_time_target if rule else Decimal("0")


def below_target(*, year: int, month_from: int = 1, month_to: int = 12) -> list[tuple[int, int, Figures]]:
    """Agencies to be asked to improve (函請檢討改進)."""
    target = target_on(year)
    return [
        r for r in agency_ranking(year=year, month_from=month_from, month_to=month_to) if r[2].on_time_rate < target
    ]


def improvement_letter(*, year: int, agency_id: int, month_from: int = 1, month_to: int = 12) -> Document:
    summary = category_summary(year=year, month_from=month_from, month_to=month_to, agency_id=agency_id)
    total = next(
        (f for _, a, f in agency_ranking(year=year, month_from=month_from, month_to=month_to) if a == agency_id), None
    )
    name = total.label if total else ""
    period = f"{year - 1911} 年 {month_from} 月至 {month_to} 月"
    return Document(
        title="公文處理時效檢討改進",
        subtitle=f"受文者：{name}",
        blocks=[
            Paragraph(
                f"貴機關 {period} 公文如期結案率 {total.on_time_rate if total else 0}%，"
                f"低於本府目標 {target_on(year)}%，請檢討逾期原因並研提改進措施。"
            ),
            Table(
                ["類別", "收文數", "結案數", "如期結案數", "如期結案率（%）", "平均天數", "逾期件數"],
                [
                    [f.label, f.received, f.closed, f.closed_on_time, f.on_time_rate, f.average_days, f.overdue]
                    for f in summary
                ],
            ),
        ],
    )


def visit_list_for(*, user: Any, year: int | None = None) -> QuerySet[InspectionVisit]:
    qs = InspectionVisit.objects.select_related("agency")
    if year:
        qs = qs.filter(year=year)
    return scope_to_agency(qs, user)


@dataclass(frozen=True)
class VisitFigures:
    agencies: int
    first_day: Any
    last_day: Any
    report_sent_on: Any
    improved: int


def visit_figures(*, year: int) -> VisitFigures:
    """Figure: 113 年 8 月 2 日至 8 月 28 日進行公文查訪，10 月完成查訪報告."""
    visits = InspectionVisit.objects.filter(year=year, visited_on__isnull=False)
    days = sorted(v.visited_on for v in visits if v.visited_on)
    sent = sorted(v.report_sent_on for v in visits if v.report_sent_on)
    improved = visits.filter(status=InspectionVisit.Status.IMPROVED).count()
    return VisitFigures(
        len(days), days[0] if days else None, days[-1] if days else None, sent[0] if sent else None, improved
    )


def visit_report(*, year: int) -> Document:
    visits = InspectionVisit.objects.filter(year=year, visited_on__isnull=False).select_related("agency")
    f = visit_figures(year=year)
    return Document(
        title=f"高雄市政府 {year - 1911} 年度公文查訪報告",
        blocks=[
            Paragraph(f"查訪期間 {format_roc(f.first_day)} 至 {format_roc(f.last_day)}，計查訪 {f.agencies} 個機關。"),
            Table(
                ["機關", "查訪日", "查訪發現", "建議事項"],
                [
                    [v.agency.name, format_roc(v.visited_on), v.findings, v.recommendations]
                    for v in visits.order_by("visited_on")
                ],
            ),
        ],
    )
