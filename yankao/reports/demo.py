"""Demo: the commission's 113 annual report (研考會 113 年度施政績效成果報告), its whole reference
text with every figure a `{figure.id}`, the manual figures of 113 with their sources, every item
submitted and accepted. It is finalised (figures frozen) only when no figure is pending, so that
the domain apps' demo data, loaded before this step, is what gets frozen."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from yankao.core.demo import DemoContext
from yankao.org.models import User
from yankao.org.selectors import commission_agency
from yankao.reports.figures import figures_cached, registry
from yankao.reports.models import DocumentKind, OutlineItem, Report
from yankao.reports.reference import MANUAL_113, REFERENCE_YEAR
from yankao.reports.selectors import annual_report, items_awaiting, report_figure_values
from yankao.reports.services import (
    DEFAULT_OUTLINE_FILE,
    item_accept,
    item_submit,
    manual_figure_set,
    outline_import,
    report_finalise,
    report_open,
)

# the 113 report was compiled in January 114 (2025)
OPENED_ON = dt.date(2025, 1, 2)


def populate(ctx: DemoContext) -> None:
    agency = commission_agency(settings.YANKAO_CITY_CODE)
    actor = User.objects.filter(username="rdec-admin").first()
    if agency is None or actor is None:
        ctx.progress("  略過：找不到研考會或 rdec-admin（請先載入 org 示範資料）")
        return
    for figure_id, (value, source) in MANUAL_113.items():
        manual_figure_set(actor=actor, year=REFERENCE_YEAR, figure_id=figure_id, value=value, source=source)
    report = annual_report(year=REFERENCE_YEAR, agency=agency)
    if report is None:
        kind = DocumentKind.objects.get(code="annual")
        report = report_open(actor=actor, kind=kind, agency=agency, year=REFERENCE_YEAR, today=OPENED_ON)
        outline_import(actor=actor, report=report, source=DEFAULT_OUTLINE_FILE.read_text("utf-8"))
    if report.status == Report.Status.OPEN:
        with figures_cached():  # each version keeps every figure: compute them once, not per version
            for item in items_awaiting(report).select_related("report"):
                if item.status in (OutlineItem.Status.DRAFTING, OutlineItem.Status.RETURNED):
                    item_submit(actor=actor, item=item)
                item_accept(actor=actor, item=item)
        values = report_figure_values(report)
        waiting = [v.id for v in values.values() if not v.ok]
        if waiting:
            ctx.progress(f"  {report.title}：{len(values)} 項數據，{len(waiting)} 項尚無數值（來源未建置），暫不定稿")
        else:
            report_finalise(actor=actor, report=report)
            ctx.progress(f"  {report.title}：已定稿，{len(values)} 項數據凍結")
    ctx.progress(f"  數據登錄：{len(registry.all())} 項，其中 {len(registry.pending())} 項資料來源尚未建置")
