"""Importing the DGPA office calendar: encodings, line-numbered errors, atomicity, replacing a year."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from yankao.core.calendar_import import (
    DATA_DIR,
    SHIPPED_FILES,
    CalendarImportError,
    calendar_declare_day_off,
    calendar_import_year,
    parse_calendar_csv,
)
from yankao.core.models import AuditEvent, CalendarDay
from yankao.core.workdays import is_working_day

D = dt.date
REVISED_2025_LINES = {
    "20250928,日,2,孔子誕辰紀念日": "20250928,日,2,",
    "20250929,一,2,補假": "20250929,一,0,",
    "20251024,五,2,補假": "20251024,五,0,",
    "20251025,六,2,臺灣光復暨金門古寧頭大捷紀念日": "20251025,六,2,",
    "20251225,四,2,行憲紀念日": "20251225,四,0,",
}


def shipped(year: int) -> bytes:
    return (DATA_DIR / f"{year}.csv").read_bytes()


def text_2024() -> str:
    return shipped(2024).decode("utf-8-sig")


def original_2025_edition() -> bytes:
    """The 2025 calendar as first published, before the revision added 教師節, 光復節, 行憲紀念日."""
    text = shipped(2025).decode("cp950")
    for revised, original in REVISED_2025_LINES.items():
        assert revised in text
        text = text.replace(revised, original)
    return text.encode("utf-8-sig")


def with_line(text: str, old: str, new: str) -> bytes:
    assert old in text
    return text.replace(old, new).encode("utf-8-sig")


def year_state(year: int) -> list[tuple[Any, ...]]:
    return list(
        CalendarDay.objects.filter(year=year)
        .order_by("date")
        .values_list("date", "is_day_off", "kind", "name", "source", "updated_at")
    )


# --- reading the files -------------------------------------------------------------------------


def test_the_three_files_are_shipped() -> None:
    assert [path.name for path in SHIPPED_FILES] == ["2024.csv", "2025.csv", "2026.csv"]


@pytest.mark.parametrize(
    ("year", "encoding", "days", "working"),
    [(2024, "utf-8-sig", 366, 251), (2025, "cp950", 365, 247), (2026, "utf-8-sig", 365, 245)],
)
def test_encoding_is_detected(year: int, encoding: str, days: int, working: int) -> None:
    parsed = parse_calendar_csv(shipped(year))
    assert (parsed.year, parsed.encoding, len(parsed.days)) == (year, encoding, days)
    assert sum(not day.is_day_off for day in parsed.days) == working


def test_big5_file_reads_its_chinese_names() -> None:
    names = {day.date: day.name for day in parse_calendar_csv(shipped(2025)).days}
    assert names[D(2025, 10, 25)] == "臺灣光復暨金門古寧頭大捷紀念日"
    assert names[D(2025, 9, 28)] == "孔子誕辰紀念日"
    assert names[D(2025, 2, 8)] == "補行上班"


def test_the_same_calendar_reads_the_same_in_any_encoding() -> None:
    text = text_2024()
    as_utf8 = parse_calendar_csv(text.encode("utf-8"))
    as_big5 = parse_calendar_csv(text.encode("cp950"))
    assert (as_utf8.encoding, as_big5.encoding) == ("utf-8-sig", "cp950")
    assert as_utf8.days == as_big5.days == parse_calendar_csv(shipped(2024)).days


def test_unreadable_bytes_are_refused() -> None:
    with pytest.raises(CalendarImportError) as exc:
        parse_calendar_csv(b"\xff\xff\xff\n")
    assert exc.value.errors == ["檔案編碼無法辨識：應為 UTF-8 或 Big5（cp950）"]


def test_every_bad_line_is_reported_with_its_number() -> None:
    text = text_2024()
    text = text.replace("20240111,四,0,", "2024133,四,0,")  # line 12
    text = text.replace("20240102,二,0,", "20240102,二,1,")  # line 3
    text = text.replace("20240103,三,0,", "20240103,三,0")  # line 4
    text = text.replace("20240104,四,0,", "20240104,五,0,")  # line 5
    text = text.replace("20240105,五,0,", "20240230,五,0,")  # line 6
    with pytest.raises(CalendarImportError) as exc:
        parse_calendar_csv(text.encode("utf-8-sig"))
    assert exc.value.errors == [
        "第 3 行：是否放假「1」不正確，應為 2（放假）或 0（上班）",
        "第 4 行：應有 4 欄（西元日期,星期,是否放假,備註），實有 3 欄",
        "第 5 行：星期「五」與日期 20240104（星期四）不符",
        "第 6 行：日期 20240230 不正確，應為西元年月日 YYYYMMDD",
        "第 12 行：日期 2024133 不正確，應為西元年月日 YYYYMMDD",
    ]


def test_header_duplicates_gaps_and_mixed_years_are_refused() -> None:
    text = text_2024()
    with pytest.raises(CalendarImportError) as exc:
        parse_calendar_csv(with_line(text, "西元日期,星期,是否放假,備註", "date,weekday,off,remark"))
    assert exc.value.errors == ["第 1 行：標題列應為 西元日期,星期,是否放假,備註"]

    with pytest.raises(CalendarImportError) as exc:
        parse_calendar_csv(with_line(text, "20240103,三,0,", "20240102,二,0,"))
    assert exc.value.errors == ["第 4 行：日期 20240102 重複（第 3 行已有）"]

    with pytest.raises(CalendarImportError) as exc:
        parse_calendar_csv(with_line(text, "20240103,三,0,\r\n", ""))
    assert exc.value.errors == ["2024 年缺少 1 天（第一個缺少的日期：20240103），辦公日曆須含全年每一天"]

    with pytest.raises(CalendarImportError) as exc:
        parse_calendar_csv(text.encode("utf-8") + "20250101,三,2,開國紀念日\r\n".encode())
    assert exc.value.errors == ["檔案應只含一個年度，實含 2024、2025 年度"]


# --- importing ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reimporting_an_unchanged_year_changes_nothing() -> None:
    before, events = year_state(2024), AuditEvent.objects.count()
    result = calendar_import_year(data=shipped(2024), source="2024.csv")
    assert (result.created, result.updated, result.deleted, result.unchanged) == (0, 0, 0, 366)
    assert year_state(2024) == before
    assert AuditEvent.objects.count() == events + 1  # the import itself is recorded
    assert AuditEvent.objects.last().note == "匯入辦公日曆（2024.csv，utf-8-sig）"  # type: ignore[union-attr]


@pytest.mark.django_db
def test_a_bad_line_writes_nothing() -> None:
    before, events = year_state(2024), AuditEvent.objects.count()
    text = text_2024().replace("20240217,六,0,補行上班", "20240217,六,2,")  # a real change...
    text = text.replace("20241231,二,0,", "20241231,二,X,")  # ... and one bad line
    with pytest.raises(CalendarImportError) as exc:
        calendar_import_year(data=text.encode("utf-8-sig"), source="bad.csv")
    assert exc.value.errors == ["第 367 行：是否放假「X」不正確，應為 2（放假）或 0（上班）"]
    assert year_state(2024) == before
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_importing_a_revised_edition_replaces_the_year() -> None:
    original = calendar_import_year(data=original_2025_edition(), source="2025-original.csv")
    assert (original.created, original.updated, original.unchanged) == (0, 5, 360)
    assert is_working_day(D(2025, 9, 29)) is True
    assert CalendarDay.objects.get(date=D(2025, 9, 29)).source == "2025-original.csv"

    revised = calendar_import_year(data=shipped(2025), source="2025.csv")

    assert revised.encoding == "cp950"
    assert (revised.created, revised.updated, revised.deleted, revised.unchanged) == (0, 5, 0, 360)
    assert revised.updated_dates == [D(2025, 9, 28), D(2025, 9, 29), D(2025, 10, 24), D(2025, 10, 25), D(2025, 12, 25)]
    assert is_working_day(D(2025, 9, 29)) is False
    day = CalendarDay.objects.get(date=D(2025, 9, 29))
    assert (day.kind, day.name, day.source) == (CalendarDay.Kind.HOLIDAY, "補假", "2025.csv")
    event = AuditEvent.objects.filter(record_type="core.calendarday", record_id=str(day.pk)).last()
    assert event is not None
    assert event.changes["is_day_off"] == {"before": False, "after": True}


@pytest.mark.django_db
def test_importing_a_new_year_creates_its_days() -> None:
    CalendarDay.objects.filter(year=2026).delete()
    result = calendar_import_year(data=shipped(2026), source="2026.csv")
    assert (result.created, result.updated, result.unchanged) == (365, 0, 0)
    assert CalendarDay.objects.get(date=D(2026, 9, 28)).name == "孔子誕辰紀念日/教師節"


@pytest.mark.django_db
def test_a_reimport_keeps_the_typhoon_days_the_city_declared() -> None:
    calendar_declare_day_off(day=D(2025, 7, 29), reason="颱風停止上班", source="高雄市政府公告")
    result = calendar_import_year(data=shipped(2025), source="2025.csv")
    assert result.kept_declared == [D(2025, 7, 29)]
    day = CalendarDay.objects.get(date=D(2025, 7, 29))
    assert (day.is_day_off, day.kind, day.name, day.source) == (
        True,
        CalendarDay.Kind.DECLARED_OFF,
        "颱風停止上班",
        "高雄市政府公告",
    )


@pytest.mark.django_db
def test_declaring_a_day_that_is_already_off_is_refused_and_changes_nothing() -> None:
    before = year_state(2024)
    with pytest.raises(ValidationError, match="原本就是放假日"):
        calendar_declare_day_off(day=D(2024, 2, 10), reason="颱風停止上班", source="test")
    with pytest.raises(ValidationError, match="請說明"):
        calendar_declare_day_off(day=D(2024, 2, 15), reason=" ", source="test")
    assert year_state(2024) == before


@pytest.mark.django_db
def test_declaring_a_make_up_saturday_off_is_audited() -> None:
    day = calendar_declare_day_off(day=D(2024, 2, 17), reason="颱風停止上班", source="test")
    event = AuditEvent.objects.filter(record_type="core.calendarday", record_id=str(day.pk)).last()
    assert event is not None
    assert event.changes["kind"] == {"before": "makeup_workday", "after": "declared_off"}
    assert is_working_day(D(2024, 2, 17)) is False


# --- the command -------------------------------------------------------------------------------


def run(*args: str) -> str:
    out = StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_command_imports_several_files() -> None:
    out = run("import", str(DATA_DIR / "2024.csv"), str(DATA_DIR / "2025.csv"))
    assert out.splitlines() == [
        "2024 年（民國 113 年，2024.csv，utf-8-sig）：新增 0、更新 0、不變 366",
        "2025 年（民國 114 年，2025.csv，cp950）：新增 0、更新 0、不變 365",
    ]


@pytest.mark.django_db
def test_command_writes_nothing_when_any_file_is_bad(tmp_path: Path) -> None:
    good = tmp_path / "2025-original.csv"
    good.write_bytes(original_2025_edition())
    bad = tmp_path / "2024-bad.csv"
    bad.write_bytes(with_line(text_2024(), "20240111,四,0,", "2024133,四,0,"))
    before = year_state(2025)
    with pytest.raises(CommandError) as exc:
        run("import", str(good), str(bad))
    assert str(exc.value) == (
        "辦公日曆有誤，未匯入任何資料：\n2024-bad.csv 第 12 行：日期 2024133 不正確，應為西元年月日 YYYYMMDD"
    )
    assert year_state(2025) == before


@pytest.mark.django_db
def test_command_declares_a_typhoon_day_with_a_roc_date() -> None:
    out = run("declare-off", "113/10/02", "--reason", "颱風停止上班", "--source", "高雄市政府公告")
    assert out.strip() == "已宣布 2024-10-02 停止上班：颱風停止上班"
    assert CalendarDay.objects.get(date=D(2024, 10, 2)).kind == CalendarDay.Kind.DECLARED_OFF
    event = AuditEvent.objects.filter(record_type="core.calendarday").last()
    assert event is not None
    assert (event.channel, event.actor_label) == ("cli", "yankao calendar declare-off")
    with pytest.raises(CommandError, match="原本就是放假日"):
        run("declare-off", "2024-10-05", "--reason", "颱風停止上班")
    with pytest.raises(CommandError, match="月份 13 不正確"):
        run("declare-off", "113/13/02", "--reason", "颱風停止上班")


@pytest.mark.django_db
def test_command_shows_a_month() -> None:
    lines = run("show", "2024-02").splitlines()
    assert lines[0] == "2024 年 2 月（民國 113 年）　[n] 放假　*n 補行上班"
    assert lines[4] == "[12]  [13]  [14]   15    16   *17   [18]"
    assert "02/17（六）上班　補行上班" in lines
    assert "02/08（四）放假　小年夜" in lines
    with pytest.raises(CommandError, match="YYYY-MM"):
        run("show", "2024-13")
