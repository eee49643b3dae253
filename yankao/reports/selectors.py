"""Reads with rules: which reports a user sees, the numbered outline, figure values (live or
frozen), versions and their differences, and what a recompute would change."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from yankao.org.permissions import is_staff_member, sees_all_agencies
from yankao.reports.charts import chart_changes, year_chart_content
from yankao.reports.figures import (
    FigureValue,
    build_scope,
    evaluate,
    evaluate_all,
    manual_rows_for,
    placeholders,
    registry,
)
from yankao.reports.models import DocumentKind, ManualFigure, OutlineItem, Report, ReportVersion
from yankao.reports.numbering import number_outline
from yankao.reports.permissions import can_read_item


def report_public_list() -> QuerySet[Report]:
    """Final reports: public."""
    return Report.objects.filter(status=Report.Status.FINAL).select_related("kind", "agency")


def report_list_for(*, user: Any, year: int | None = None) -> QuerySet[Report]:
    """Reports a staff member works with: all for the commission; else their agency's own reports,
    the reports they write items for, and every final report."""
    qs = Report.objects.select_related("kind", "agency")
    if year:
        qs = qs.filter(year=year)
    if not is_staff_member(user):
        return qs.filter(status=Report.Status.FINAL)
    if sees_all_agencies(user):
        return qs
    mine = Q(agency_id=user.agency_id) | Q(items__owner_id=user.agency_id) | Q(status=Report.Status.FINAL)
    return qs.filter(mine).distinct()


def report_get_for(*, user: Any, pk: int) -> Report | None:
    report = Report.objects.select_related("kind", "agency").filter(pk=pk).first()
    if report is None:
        return None
    from yankao.reports.permissions import can_view_report

    return report if can_view_report(user, report) else None


def annual_report(*, year: int, agency: Any) -> Report | None:
    return Report.objects.filter(kind__code="annual", year=year, agency=agency, period="").first()


def document_kinds() -> QuerySet[DocumentKind]:
    return DocumentKind.objects.filter(is_active=True)


@dataclass
class NumberedItem:
    item: OutlineItem
    number: str
    readable: bool = True

    @property
    def label(self) -> str:
        return f"{self.number}{self.item.title}"


def numbered_items(report: Report, *, user: Any = None, check: bool = False) -> list[NumberedItem]:
    """Items in document order with their numbers (壹、一、(一)、1.、(1)); with `check`, items the
    user may not read are flagged unreadable (their text is not shown)."""
    items = list(report.items.select_related("owner", "report").order_by("seq"))
    numbers = number_outline([i.level for i in items])
    return [NumberedItem(i, n, can_read_item(user, i) if check else True) for i, n in zip(items, numbers, strict=True)]


def report_figure_ids(report: Report) -> list[str]:
    ids: list[str] = []
    for text in report.items.order_by("seq").values_list("text", flat=True):
        ids.extend(fid for fid in placeholders(text) if fid not in ids)
    return ids


def final_version(report: Report) -> ReportVersion | None:
    return report.versions.filter(event=ReportVersion.Event.FINALISED).order_by("-number").first()


def report_figure_values(report: Report, *, live: bool = False) -> dict[str, FigureValue]:
    """The values the report shows: frozen at finalisation for a final report, else live."""
    if report.is_final and not live:
        version = final_version(report)
        if version is not None:
            frozen = version.content.get("figures", {})
            return {fid: FigureValue.from_frozen(data, report.year) for fid, data in frozen.items()}
    return evaluate_all(report_figure_ids(report), report.year, report.period)


def has_year_charts(report: Report) -> bool:
    return report.kind.code == "annual"


def report_chart_content(report: Report, *, live: bool = False) -> dict[str, Any]:
    """The year's charts (calls per month, inspections by grade, risk map) as the report shows them:
    frozen with the figures in the final version, else computed now. A report finalised before the
    charts were frozen (its final version has no "charts") shows them computed now."""
    if report.is_final and not live:
        version = final_version(report)
        if version is not None and "charts" in version.content:
            return dict(version.content["charts"])
    return year_chart_content(report.year)


def version_content(report: Report, *, live: bool = True) -> dict[str, Any]:
    """What a version keeps: every item, every figure value and (annual report) the year's charts."""
    items = numbered_items(report)
    with build_scope():
        values = report_figure_values(report, live=live)
        charts = report_chart_content(report, live=live) if has_year_charts(report) else None
    content: dict[str, Any] = {
        "items": [
            {
                "seq": n.item.seq,
                "level": n.item.level,
                "number": n.number,
                "title": n.item.title,
                "owner": n.item.owner.name,
                "text": n.item.text,
                "status": n.item.status,
            }
            for n in items
        ],
        "figures": {fid: v.as_frozen() for fid, v in values.items()},
    }
    if charts is not None:
        content["charts"] = charts
    return content


def version_list(report: Report) -> QuerySet[ReportVersion]:
    return report.versions.select_related("created_by").order_by("-number")


@dataclass
class ItemChange:
    label: str
    kind: str  # added / removed / changed
    before: str = ""
    after: str = ""
    opcodes: list[tuple[str, str]] = field(default_factory=list)  # (tag, text): equal / insert / delete


@dataclass
class FigureChange:
    id: str
    label: str
    before: str
    after: str


@dataclass
class VersionDiff:
    items: list[ItemChange]
    figures: list[FigureChange]

    @property
    def empty(self) -> bool:
        return not self.items and not self.figures


def _text_ops(before: str, after: str) -> list[tuple[str, str]]:
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", before[i1:i2]))
        if tag in ("delete", "replace"):
            ops.append(("delete", before[i1:i2]))
        if tag in ("insert", "replace"):
            ops.append(("insert", after[j1:j2]))
    return ops


def _item_key(item: dict[str, Any]) -> str:
    return f"{item['level']}:{item['title']}"


def _figure_text(data: dict[str, Any] | None) -> str:
    return "（無）" if data is None else str(data.get("display", ""))


def diff_contents(before: dict[str, Any], after: dict[str, Any]) -> VersionDiff:
    """Text and figure differences between two version contents."""
    old = {_item_key(i): i for i in before.get("items", [])}
    new = {_item_key(i): i for i in after.get("items", [])}
    changes: list[ItemChange] = []
    for key, item in new.items():
        label = f"{item['number']}{item['title']}"
        if key not in old:
            changes.append(ItemChange(label, "added", after=item["text"]))
        elif old[key]["text"] != item["text"]:
            changes.append(
                ItemChange(label, "changed", old[key]["text"], item["text"], _text_ops(old[key]["text"], item["text"]))
            )
    for key, item in old.items():
        if key not in new:
            changes.append(ItemChange(f"{item['number']}{item['title']}", "removed", before=item["text"]))
    old_figures, new_figures = before.get("figures", {}), after.get("figures", {})
    figures = []
    for fid in dict.fromkeys([*old_figures, *new_figures]):
        a, b = old_figures.get(fid), new_figures.get(fid)
        if _figure_text(a) != _figure_text(b):
            label = (b or a or {}).get("label", fid)
            figures.append(FigureChange(fid, label, _figure_text(a), _figure_text(b)))
    if "charts" in before and "charts" in after:  # versions kept before the charts were frozen have none
        figures.extend(FigureChange(*c) for c in chart_changes(before["charts"], after["charts"]))
    return VersionDiff(changes, figures)


def version_diff(a: ReportVersion, b: ReportVersion) -> VersionDiff:
    return diff_contents(a.content, b.content)


def recompute(report: Report) -> list[FigureChange]:
    """What would change if the report's figures and year charts were computed again now (frozen → live)."""
    frozen = report_figure_values(report)
    with build_scope():
        live = report_figure_values(report, live=True)
        changes = []
        for fid, now in live.items():
            then = frozen.get(fid)
            if then is None or then.display != now.display:
                changes.append(FigureChange(fid, now.label, then.display if then else "（無）", now.display))
        if has_year_charts(report):
            then_charts = report_chart_content(report)
            now_charts = report_chart_content(report, live=True)
            changes.extend(FigureChange(*c) for c in chart_changes(then_charts, now_charts))
    return changes


def manual_figure_list(*, year: int | None = None) -> QuerySet[ManualFigure]:
    qs = ManualFigure.objects.all()
    return qs.filter(year=year) if year else qs


def registry_values(*, year: int, period_kind: str = "", period: str = "") -> list[FigureValue]:
    """Every registered year figure and every manual figure of the year, with its value now; given a
    `period_kind` ("month", "session"), also the figures of that kind for `period`."""
    manual = manual_rows_for(year)
    with build_scope():
        values = [evaluate(f, year, manual, period) for f in registry.all() if f.period_kind in ("", period_kind)]
    known = {v.id for v in values}
    extra = [m.figure_id for m in manual_figure_list(year=year) if m.figure_id not in known]
    values.extend(evaluate_all(extra, year).values())
    return values


def figure_summary(values: list[FigureValue]) -> dict[str, int]:
    summary = {"total": len(values), "ok": 0, "pending": 0, "missing": 0, "error": 0, "unknown": 0}
    for v in values:
        summary[v.status] = summary.get(v.status, 0) + 1
    return summary


def items_awaiting(report: Report) -> QuerySet[OutlineItem]:
    """Items with text that the commission has not yet accepted."""
    return report.items.exclude(text="").exclude(status=OutlineItem.Status.ACCEPTED)
