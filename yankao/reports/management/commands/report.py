"""`yankao report annual --year 113 --format pdf|odt|docx|html|json [--output FILE]`

Writes a periodic report (the compiling agency defaults to the commission) from the records;
`yankao report figures --year 113 [--period 05|4-3]` lists the registry with each figure's status and
value (with a period, also that month's or session's figures);
`yankao report freeze-charts --year 113 --actor USER` freezes the year's charts of a report
finalised before they were frozen with its figures.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yankao.core.audit import audit_context
from yankao.org.models import Agency, User
from yankao.org.selectors import commission_agency
from yankao.reports.models import Report
from yankao.reports.rendering import FORMATS, build_document, render
from yankao.reports.selectors import figure_summary, registry_values
from yankao.reports.services import report_charts_freeze


class Command(BaseCommand):
    help = "定期報告：yankao report annual --year 113 --format pdf [--output FILE]；yankao report figures --year 113"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help="文件種類代碼（annual、monthly_analysis…）、figures 或 freeze-charts")
        parser.add_argument("--year", type=int, required=True, help="民國年，例如 113")
        parser.add_argument("--period", default="", help="期別（月報如 05；會期如 4-3）")
        parser.add_argument("--format", default="html", choices=sorted(FORMATS), dest="fmt")
        parser.add_argument("--agency", default="", help="編製機關代碼（預設研考會）")
        parser.add_argument("--output", default="", help="輸出檔案；預設 <報告標題>.<格式>，「-」為標準輸出")
        parser.add_argument("--actor", default="", help="freeze-charts：操作者帳號（研考會）")
        parser.add_argument("--live", action="store_true", help="已定稿的報告也以目前紀錄重新計算數據")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["kind"] == "figures":
            self._figures(options["year"], options["period"])
            return
        if options["kind"] == "freeze-charts":
            self._freeze_charts(options)
            return
        agency = self._agency(options["agency"])
        report = Report.objects.filter(
            kind__code=options["kind"], agency=agency, year=options["year"], period=options["period"]
        ).first()
        if report is None:
            raise CommandError(f"{agency.name} {options['year']} 年度「{options['kind']}」報告尚未開啟")
        doc = build_document(report, live=options["live"])
        data = render(doc, options["fmt"])
        output = options["output"] or f"{report.title}.{options['fmt']}".replace(" ", "")
        if output == "-":
            sys.stdout.buffer.write(data)
            return
        Path(output).write_bytes(data)
        missing = len(doc.missing)
        note = f"，其中 {missing} 項尚無數值" if missing else ""
        self.stdout.write(
            self.style.SUCCESS(f"已輸出 {output}（{len(data):,} bytes；{len(doc.figures)} 項數據{note}）")
        )

    def _freeze_charts(self, options: dict[str, Any]) -> None:
        """`yankao report freeze-charts --year 113 --actor rdec-admin`: the annual report finalised
        before its year's charts were frozen gets a final version that holds them."""
        agency = self._agency(options["agency"])
        report = Report.objects.filter(kind__code="annual", agency=agency, year=options["year"], period="").first()
        actor = User.objects.filter(username=options["actor"]).first()
        if report is None or actor is None:
            raise CommandError("找不到該年度報告或操作者（--actor 帳號）")
        try:
            with audit_context(user=actor, channel="cli", label="yankao report freeze-charts"):
                version = report_charts_freeze(actor=actor, report=report)
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"{report.title}：第 {version.number} 版凍結定稿圖表"))

    def _agency(self, code: str) -> Agency:
        if code:
            agency = Agency.objects.filter(city__code=settings.YANKAO_CITY_CODE, code=code).first()
        else:
            agency = commission_agency(settings.YANKAO_CITY_CODE)
        if agency is None:
            raise CommandError(f"找不到機關「{code or '研考會'}」")
        return agency

    def _figures(self, year: int, period: str) -> None:
        """The year's figures; with `--period 05` (a month) or `--period 4-3` (a council session)
        also the figures of that period."""
        period_kind = "month" if period.isdigit() else "session" if "-" in period else ""
        values = registry_values(year=year, period_kind=period_kind, period=period)
        for v in values:
            self.stdout.write(f"{v.status:8} {v.id:55} {v.display:>12} {v.unit}")
        s = figure_summary(values)
        self.stdout.write(
            f"共 {s['total']} 項：有數值 {s['ok']}、來源未建置 {s['pending']}、未填報 {s['missing']}、錯誤 {s['error']}"
        )
