"""Importing the DGPA office calendar (中華民國政府行政機關辦公日曆表, data.gov.tw dataset 14718).

One CSV per year, columns 西元日期 (YYYYMMDD), 星期, 是否放假 (2 = day off, 0 = working day), 備註.
The publisher has shipped both UTF-8 (with BOM) and Big5/cp950 files and revises a year after
publication, so the importer accepts either encoding and replaces a year it already holds.
Typhoon days off (颱風假) are declared by the city on the day; they are not in the files and an
import keeps them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from yankao.core.audit import append_event
from yankao.core.models import AuditEvent, CalendarDay

DATA_DIR = Path(__file__).resolve().parent / "data" / "office-calendar"
SHIPPED_FILES = tuple(sorted(DATA_DIR.glob("*.csv")))

HEADER = ("西元日期", "星期", "是否放假", "備註")
WEEKDAYS = "一二三四五六日"
FLAG_DAY_OFF, FLAG_WORKING = "2", "0"
MAKEUP_REMARK = "補行上班"
ENCODINGS = ("utf-8-sig", "cp950")


class CalendarImportError(ValueError):
    """A calendar file that cannot be imported; `errors` lists every problem with its line."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("；".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class ParsedDay:
    date: dt.date
    is_day_off: bool
    kind: str
    name: str


@dataclass(frozen=True)
class ParsedCalendar:
    year: int
    encoding: str
    days: tuple[ParsedDay, ...]


@dataclass
class ImportResult:
    year: int
    source: str
    encoding: str
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    updated_dates: list[dt.date] = field(default_factory=list)
    kept_declared: list[dt.date] = field(default_factory=list)


def decode_calendar(data: bytes) -> tuple[str, str]:
    """Return (text, encoding): UTF-8 (BOM or not) first, then Big5 (cp950)."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise CalendarImportError(["檔案編碼無法辨識：應為 UTF-8 或 Big5（cp950）"])


def day_kind(day: dt.date, *, is_day_off: bool, remark: str) -> str:
    """Classify a row: a working Saturday is 補行上班; a named or weekday day off is a holiday."""
    weekend = day.weekday() >= 5
    if not is_day_off:
        return CalendarDay.Kind.MAKEUP_WORKDAY if weekend or remark == MAKEUP_REMARK else CalendarDay.Kind.WORKDAY
    if weekend and not remark:
        return CalendarDay.Kind.WEEKEND
    return CalendarDay.Kind.HOLIDAY


def _parse_row(row: list[str], line: int) -> tuple[ParsedDay | None, list[str]]:
    where = f"第 {line} 行"
    if len(row) != len(HEADER):
        return None, [f"{where}：應有 {len(HEADER)} 欄（{','.join(HEADER)}），實有 {len(row)} 欄"]
    raw_date, weekday, flag, remark = (cell.strip() for cell in row)
    try:
        day = dt.datetime.strptime(raw_date, "%Y%m%d").date() if len(raw_date) == 8 else None
    except ValueError:
        day = None
    errors: list[str] = []
    if day is None:
        errors.append(f"{where}：日期 {raw_date or '（空白）'} 不正確，應為西元年月日 YYYYMMDD")
    elif weekday != WEEKDAYS[day.weekday()]:
        errors.append(f"{where}：星期「{weekday}」與日期 {raw_date}（星期{WEEKDAYS[day.weekday()]}）不符")
    if flag not in (FLAG_DAY_OFF, FLAG_WORKING):
        errors.append(f"{where}：是否放假「{flag}」不正確，應為 2（放假）或 0（上班）")
    if errors or day is None:
        return None, errors
    is_day_off = flag == FLAG_DAY_OFF
    return ParsedDay(day, is_day_off, day_kind(day, is_day_off=is_day_off, remark=remark), remark[:100]), []


def _check_year(days: list[ParsedDay]) -> list[str]:
    years = sorted({day.date.year for day in days})
    if len(years) != 1:
        return [f"檔案應只含一個年度，實含 {'、'.join(map(str, years)) or '0 個'} 年度"]
    first = dt.date(years[0], 1, 1)
    held = {day.date for day in days}
    whole_year = (first + dt.timedelta(days=i) for i in range((first.replace(year=first.year + 1) - first).days))
    missing = [day for day in whole_year if day not in held]
    if missing:
        return [f"{years[0]} 年缺少 {len(missing)} 天（第一個缺少的日期：{missing[0]:%Y%m%d}），辦公日曆須含全年每一天"]
    return []


def parse_calendar_csv(data: bytes) -> ParsedCalendar:
    """Read and validate a whole file; raise CalendarImportError listing every bad line."""
    text, encoding = decode_calendar(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    days: list[ParsedDay] = []
    errors: list[str] = []
    lines: dict[dt.date, int] = {}
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if reader.line_num == 1:
            if tuple(cell.strip() for cell in row) != HEADER:
                errors.append(f"第 1 行：標題列應為 {','.join(HEADER)}")
            continue
        day, row_errors = _parse_row(row, reader.line_num)
        errors.extend(row_errors)
        if day is not None and day.date in lines:
            errors.append(f"第 {reader.line_num} 行：日期 {day.date:%Y%m%d} 重複（第 {lines[day.date]} 行已有）")
        elif day is not None:
            lines[day.date] = reader.line_num
            days.append(day)
    if not errors:
        errors = _check_year(days)
    if errors:
        raise CalendarImportError(errors)
    return ParsedCalendar(year=days[0].date.year, encoding=encoding, days=tuple(days))


def _apply_day(parsed: ParsedDay, existing: CalendarDay | None, source: str, result: ImportResult) -> None:
    if existing is not None and existing.kind == CalendarDay.Kind.DECLARED_OFF:
        result.kept_declared.append(parsed.date)
        return
    if existing is None:
        CalendarDay(
            date=parsed.date, is_day_off=parsed.is_day_off, kind=parsed.kind, name=parsed.name, source=source
        ).save()
        result.created += 1
        return
    if (existing.is_day_off, existing.kind, existing.name) == (parsed.is_day_off, parsed.kind, parsed.name):
        result.unchanged += 1
        return
    existing.is_day_off, existing.kind, existing.name, existing.source = (
        parsed.is_day_off,
        parsed.kind,
        parsed.name,
        source,
    )
    existing.save()
    result.updated += 1
    result.updated_dates.append(parsed.date)


def calendar_import_parsed(*, parsed: ParsedCalendar, source: str) -> ImportResult:
    """Replace the year's imported days with `parsed`, keeping days the city declared off."""
    result = ImportResult(year=parsed.year, source=source, encoding=parsed.encoding)
    with transaction.atomic():
        held = {day.date: day for day in CalendarDay.objects.select_for_update().filter(year=parsed.year)}
        for day in parsed.days:
            _apply_day(day, held.pop(day.date, None), source, result)
        for leftover in held.values():  # only possible for a row whose date moved years by hand
            if leftover.kind != CalendarDay.Kind.DECLARED_OFF:
                leftover.delete()
                result.deleted += 1
        append_event(
            action=AuditEvent.Action.EVENT,
            record_type_label="core.calendarday",
            record_id=f"year:{parsed.year}",
            record_repr=f"{parsed.year} 年辦公日曆",
            changes={"created": result.created, "updated": result.updated, "deleted": result.deleted},
            note=f"匯入辦公日曆（{source}，{parsed.encoding}）",
        )
    return result


def calendar_import_year(*, data: bytes, source: str) -> ImportResult:
    """Import one year's DGPA CSV (UTF-8 or Big5). All or nothing: any bad line writes nothing.

    A year already held is replaced: days whose flag or name changed are updated (each change
    audited), new days created; days the city declared off (颱風假) are kept as they are.
    """
    if not source.strip():
        raise ValidationError("請註明資料來源")
    return calendar_import_parsed(parsed=parse_calendar_csv(data), source=source.strip()[:200])


def calendar_import_files(*, paths: list[Path]) -> list[ImportResult]:
    """Import several files in one transaction: every file is validated before anything is written."""
    errors: list[str] = []
    parsed: list[tuple[ParsedCalendar, str]] = []
    for path in paths:
        try:
            parsed.append((parse_calendar_csv(Path(path).read_bytes()), Path(path).name))
        except FileNotFoundError:
            errors.append(f"{path}：找不到檔案")
        except CalendarImportError as exc:
            errors.extend(f"{Path(path).name} {error}" for error in exc.errors)
    if errors:
        raise CalendarImportError(errors)
    with transaction.atomic():
        return [calendar_import_parsed(parsed=calendar, source=name) for calendar, name in parsed]


def calendar_declare_day_off(*, day: dt.date, reason: str, source: str) -> CalendarDay:
    """Record a day off the city declared (停止上班, e.g. 颱風假); later imports keep it."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("請說明停止上班的原因，例如「颱風停止上班」")
    with transaction.atomic():
        row = CalendarDay.objects.select_for_update().filter(date=day).first()
        if row is not None and row.is_day_off and row.kind != CalendarDay.Kind.DECLARED_OFF:
            raise ValidationError(f"{day.isoformat()} 原本就是放假日（{row.get_kind_display()}），不需宣布")
        row = row or CalendarDay(date=day)
        row.is_day_off, row.kind, row.name, row.source = True, CalendarDay.Kind.DECLARED_OFF, reason[:100], source[:200]
        row.save()
    return row
