"""`yankao calendar import FILE...`, `yankao calendar declare-off DATE --reason ...`, `yankao calendar show 2025-02`."""

from __future__ import annotations

import calendar as std_calendar
import datetime as dt
import re
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yankao.core.audit import audit_context
from yankao.core.calendar_import import CalendarImportError, calendar_declare_day_off, calendar_import_files
from yankao.core.models import CalendarDay
from yankao.core.rocdate import ROCDateError, parse_roc, roc_year
from yankao.core.workdays import is_working_day

WEEKDAYS = "一二三四五六日"


class Command(BaseCommand):
    help = "辦公日曆：import 匯入人事總處 CSV；declare-off 宣布停止上班（颱風假）；show 顯示某月。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importer = sub.add_parser("import", help="匯入一或多個年度 CSV（UTF-8 或 Big5），全部成功才寫入")
        importer.add_argument("files", nargs="+", type=Path)
        declare = sub.add_parser("declare-off", help="宣布某日停止上班（颱風假等）")
        declare.add_argument("date", help="日期，例如 2025-07-29 或 114/07/29")
        declare.add_argument("--reason", required=True, help="原因，例如「颱風停止上班」")
        declare.add_argument("--source", default="", help="依據，例如市府公告")
        show = sub.add_parser("show", help="顯示某月，例如 2025-02")
        show.add_argument("month", help="YYYY-MM")

    def handle(self, *args: Any, **options: Any) -> None:
        handler = {"import": self._import, "declare-off": self._declare, "show": self._show}[options["action"]]
        handler(options)

    def _import(self, options: dict[str, Any]) -> None:
        try:
            with audit_context(channel="import", label="yankao calendar import"):
                results = calendar_import_files(paths=options["files"])
        except CalendarImportError as exc:
            raise CommandError("辦公日曆有誤，未匯入任何資料：\n" + "\n".join(exc.errors)) from None
        for r in results:
            line = f"{r.year} 年（民國 {roc_year(r.year)} 年，{r.source}，{r.encoding}）：" + (
                f"新增 {r.created}、更新 {r.updated}、不變 {r.unchanged}"
            )
            if r.updated_dates:
                line += "；更新的日期：" + "、".join(d.isoformat() for d in r.updated_dates)
            if r.kept_declared:
                line += "；保留宣布停止上班日：" + "、".join(d.isoformat() for d in r.kept_declared)
            self.stdout.write(self.style.SUCCESS(line))

    def _declare(self, options: dict[str, Any]) -> None:
        try:
            day = parse_roc(options["date"])
        except ROCDateError as exc:
            raise CommandError(str(exc)) from None
        source = options["source"] or "yankao calendar declare-off"
        try:
            with audit_context(channel="cli", label="yankao calendar declare-off"):
                row = calendar_declare_day_off(day=day, reason=options["reason"], source=source)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"已宣布 {row.date.isoformat()} 停止上班：{row.name}"))

    def _show(self, options: dict[str, Any]) -> None:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", options["month"].strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise CommandError(f"月份「{options['month']}」不正確，請寫成 YYYY-MM，例如 2025-02")
        year, month = int(match.group(1)), int(match.group(2))
        self.stdout.write(f"{year} 年 {month} 月（民國 {roc_year(year)} 年）　[n] 放假　*n 補行上班")
        self.stdout.write("  ".join(f" {w} " for w in WEEKDAYS))
        named = {d.date: d for d in CalendarDay.objects.filter(date__year=year, date__month=month)}
        for week in std_calendar.Calendar().monthdatescalendar(year, month):
            self.stdout.write("  ".join(self._cell(day, month, named.get(day)) for day in week).rstrip())
        for day, row in sorted(named.items()):
            if row.name:
                state = "放假" if row.is_day_off else "上班"
                self.stdout.write(f"{day:%m/%d}（{WEEKDAYS[day.weekday()]}）{state}　{row.name}")

    @staticmethod
    def _cell(day: dt.date, month: int, row: CalendarDay | None) -> str:
        if day.month != month:
            return "    "
        if not is_working_day(day):
            return f"[{day.day:>2}]"
        marker = "*" if row is not None and row.kind == CalendarDay.Kind.MAKEUP_WORKDAY else " "
        return f"{marker}{day.day:>2} "
