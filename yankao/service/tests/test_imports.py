"""`yankao import cases|calls FILE`: line-numbered, all-or-nothing, idempotent; CSV and XLSX."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from yankao.core.models import AuditEvent
from yankao.core.tabular import ImportFailed
from yankao.service.imports import import_calls, import_cases
from yankao.service.models import Call, Case

pytestmark = pytest.mark.django_db

CASES_CSV = (
    "case_number,received_at,channel,type,category,district,address,lat,long,description,agency,status,closed_at,satisfied\n"
    "KHH20240305000001,113/03/05 14:22,phone,dispatch,路面坑洞,苓雅區,,22.6206,120.3126,坑洞,,closed,113/03/05 16:00,1\n"
    "KHH20240305000002,2024-03-05T15:00:00+08:00,counter,petition,P11,,高雄市鳳山區光復路二段132號,,,人行道破損,PWB,in_progress,,\n"
    "KHH20240306000001,2024-03-06 09:00,mayor_mailbox,petition,P99,,,,,建議事項,,received,,\n"
)


def test_a_good_file_imports_every_row_once(city):
    result = import_cases(("\ufeff" + CASES_CSV).encode(), filename="cases.csv")
    assert (result.created, result.skipped) == (3, 0)
    pothole = Case.objects.get(number="KHH20240305000001")
    assert (pothole.status, pothole.agency.code, pothole.district.name, pothole.satisfied) == (
        "closed",
        "PWB-MAINT",
        "苓雅區",
        True,
    )
    assert pothole.closed_at.isoformat() == "2024-03-05T08:00:00+00:00"
    pavement = Case.objects.get(number="KHH20240305000002")
    assert (pavement.status, pavement.agency.code, pavement.district.name) == ("in_progress", "PWB", "鳳山區")
    waiting = Case.objects.get(number="KHH20240306000001")
    assert (waiting.status, waiting.agency) == ("received", None)
    events = AuditEvent.objects.filter(record_type="service.case", action="event")
    assert events.count() == 1 and "批次新增 3 件" in events.get().note
    again = import_cases(CASES_CSV.encode(), filename="cases.csv")
    assert (again.created, again.skipped) == (0, 3)
    assert Case.objects.count() == 3


def test_a_file_with_bad_rows_imports_nothing_and_names_every_bad_row(city):
    bad = (
        CASES_CSV
        + "KHH20240307000001,113/13/01,phone,petition,P11,,,,,內容,,,,\n"
        + "KHH20240307000002,113/03/07,pigeon,petition,P11,,,,,內容,,,,\n"
        + "KHH20240307000003,113/03/07,phone,petition,水管爆裂,,,,,內容,,,,\n"
        + "KHH20240307000004,113/03/07,phone,petition,P11,,,25.04,121.51,內容,,,,\n"
        + "KHH20240307000005,113/03/07,phone,petition,P11,,,,,內容,,,,maybe\n"
        + "KHH20240305000001,113/03/07,phone,petition,P11,,,,,內容,,,,\n"
    )
    with pytest.raises(ImportFailed) as caught:
        import_cases(bad.encode(), filename="cases.csv")
    lines = [(e.line, e.message) for e in caught.value.errors]
    assert [line for line, _ in lines] == [5, 6, 7, 8, 9, 10]
    assert "月份 13 不正確" in lines[0][1]
    assert lines[1][1].startswith("channel 須為 phone")
    assert lines[2][1] == "category：未知的案件類別「水管爆裂」"
    assert "不在高雄市範圍內" in lines[3][1]
    assert lines[4][1] == "satisfied 須為 1、0 或空白，不是「maybe」"
    assert lines[5][1] == "case_number「KHH20240305000001」與第 2 行重複"
    assert Case.objects.count() == 0


def test_a_missing_column_is_reported_on_line_1(city):
    with pytest.raises(ImportFailed) as caught:
        import_cases(b"case_number,received_at\nX,113/01/01\n", filename="cases.csv")
    assert caught.value.errors[0].line == 1 and "缺少欄位" in caught.value.errors[0].message


def test_xlsx_files_import_too(city):
    book = Workbook()
    sheet = book.active
    sheet.append(["case_number", "received_at", "channel", "type", "category", "description"])
    sheet.append(["KHH20240401000001", "113/04/01 08:00", "fax", "petition", "P09", "戶籍問題"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert import_cases(buffer.getvalue(), filename="cases.xlsx").created == 1
    assert Case.objects.get().agency.code == "CAB"


CALLS_CSV = (
    "call_id,started_at,ended_at,operator,type,resolved_on_line,case_number,satisfied\n"
    "C1,113/03/05 14:20,113/03/05 14:25,OP07,case,,KHH20240305000001,1\n"
    "C2,113/03/05 14:30,113/03/05 14:32,OP07,consultation,1,,\n"
    "C3,113/03/05 14:40,113/03/05 14:41,OP08,other,,,0\n"
)


def test_calls_link_to_imported_cases(city):
    import_cases(CASES_CSV.encode(), filename="cases.csv")
    result = import_calls(CALLS_CSV.encode(), filename="calls.csv")
    assert (result.created, result.skipped) == (3, 0)
    linked = Call.objects.get(call_id="C1")
    assert (linked.case.number, linked.satisfied, linked.operator_code) == ("KHH20240305000001", True, "OP07")
    assert import_calls(CALLS_CSV.encode(), filename="calls.csv").created == 0


def test_bad_calls_are_named_by_line(city):
    bad = (
        "call_id,started_at,ended_at,type,resolved_on_line,case_number\n"
        "C1,113/03/05 14:20,113/03/05 14:10,other,,\n"
        "C2,113/03/05 14:20,113/03/05 14:30,consultation,,\n"
        "C3,113/03/05 14:20,113/03/05 14:30,case,,NOPE\n"
        "C4,113/03/05 14:20,113/03/05 14:30,chat,,\n"
    )
    with pytest.raises(ImportFailed) as caught:
        import_calls(bad.encode(), filename="calls.csv")
    assert [(e.line, e.message) for e in caught.value.errors] == [
        (2, "ended_at：結束時間早於開始時間"),
        (3, "resolved_on_line：諮詢類話務須註明是否線上立即回覆"),
        (4, "case_number「NOPE」不存在，請先匯入案件"),
        (5, "type：未知的話務類型「chat」，可用：consultation、case、other"),
    ]
    assert Call.objects.count() == 0


def test_the_command(city, tmp_path, capsys):
    path = tmp_path / "cases.csv"
    path.write_text(CASES_CSV, encoding="utf-8")
    call_command("import", "cases", str(path))
    assert "匯入 3 筆" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(CASES_CSV.replace("phone,dispatch", "phone,nonsense"), encoding="utf-8")
    with pytest.raises(CommandError, match="第 2 行"):
        call_command("import", "cases", str(bad))
    with pytest.raises(CommandError, match="沒有「plants」匯入"):
        call_command("import", "plants", str(path))
