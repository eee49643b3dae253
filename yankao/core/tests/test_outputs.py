"""Exports, documents, charts and spreadsheet reading: the shared output and input helpers."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest

from yankao.core.charts import bar_chart, line_chart
from yankao.core.documents import Document, Figure, Heading, Paragraph, Table, UnknownDocumentFormat, render
from yankao.core.exports import UnknownExportFormat, export_bytes, export_dataset, export_response
from yankao.core.tabular import ImportFailed, read_table

HEADERS = ["機關", "件數", "金額"]
ROWS = [["工務局", 356, Decimal("42.85")], ["民政局", 122, None]]


def test_csv_export_has_bom_and_chinese():
    body = export_bytes(export_dataset(headers=HEADERS, rows=ROWS), "csv")
    assert body.startswith(b"\xef\xbb\xbf")
    assert body.decode("utf-8-sig").splitlines() == ["機關,件數,金額", "工務局,356,42.85", "民政局,122,"]


def test_xlsx_and_ods_exports_open_as_their_formats():
    from openpyxl import load_workbook

    xlsx = export_bytes(export_dataset(headers=HEADERS, rows=ROWS, title="統計"), "xlsx")
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert [c.value for c in sheet[2]] == ["工務局", 356, 42.85]
    ods = export_bytes(export_dataset(headers=HEADERS, rows=ROWS), "ods")
    assert zipfile.ZipFile(io.BytesIO(ods)).read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"


def test_export_response_names_the_file_in_chinese():
    response = export_response(headers=HEADERS, rows=ROWS, filename="議員提案", fmt="xlsx")
    assert "filename*=UTF-8''%E8%AD%B0%E5%93%A1%E6%8F%90%E6%A1%88.xlsx" in response["Content-Disposition"]


def test_unknown_export_format_is_refused():
    with pytest.raises(UnknownExportFormat, match="不支援"):
        export_bytes(export_dataset(headers=HEADERS, rows=ROWS), "exe")


DOC = Document(
    title="測試報告",
    blocks=[
        Heading("壹、研究發展"),
        Paragraph("113 年共處理民眾陳情案 283,580 件。"),
        Table(headers=["類別", "件數"], rows=[["工務類", 356], ["交通類", 202]], caption="表一"),
        Figure(svg=str(bar_chart([("工務類", 356)], title="件數")), caption="圖一", description="工務類 356 件"),
    ],
)


def test_odt_has_header_rows_and_text():
    odt = render(DOC, "odt")
    archive = zipfile.ZipFile(io.BytesIO(odt))
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    content = archive.read("content.xml").decode()
    assert "table:table-header-rows" in content and "283,580" in content and "工務類" in content


def test_docx_repeats_table_header():
    docx = render(DOC, "docx")
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert "w:tblHeader" in xml and "交通類" in xml


def test_pdf_renders_chinese():
    pdf = render(DOC, "pdf")
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "283,580" in text


def test_unknown_document_format_is_refused():
    with pytest.raises(UnknownDocumentFormat):
        render(DOC, "rtf")


def test_charts_are_accessible_svg():
    svg = str(bar_chart([("工務局", 10), ("民政局<x>", 5)], title="案件數", unit="件"))
    assert 'role="img"' in svg and "<title>案件數</title>" in svg and "民政局&lt;x&gt;：5件" in svg
    line = str(line_chart(["1月", "2月"], {"計畫": [1, 2], "實際": [1, None]}, title="進度"))
    assert line.count("<polyline") == 2 and "<title>進度</title>" in line


def test_read_table_csv_big5_and_bom():
    big5 = "案號,日期\nA1,113/01/02\n".encode("cp950")
    assert list(read_table(big5, filename="x.csv", required=["案號", "日期"])) == [
        (2, {"案號": "A1", "日期": "113/01/02"})
    ]
    bom = "\ufeff案號,日期\n\nA2,2024-01-02\n".encode()
    assert list(read_table(bom, filename="x.csv", required=["案號"], optional=["日期"])) == [
        (3, {"案號": "A2", "日期": "2024-01-02"})
    ]


def test_read_table_xlsx():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["案號", "日期"])
    book.active.append(["A1", dt.date(2024, 1, 2)])
    buffer = io.BytesIO()
    book.save(buffer)
    assert list(read_table(buffer.getvalue(), filename="x.xlsx", required=["案號", "日期"])) == [
        (2, {"案號": "A1", "日期": "2024-01-02T00:00:00"})
    ]


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "檔案是空的"),
        ("日期\n1\n".encode(), "缺少欄位：案號"),
        ("案號,怪\n1,2\n".encode(), "未知欄位：怪"),
        (b"\xff\xfe\x00garbage\x81", "無法辨識檔案編碼"),
    ],
)
def test_read_table_refuses_bad_files_with_a_message(data, message):
    with pytest.raises(ImportFailed) as caught:
        list(read_table(data, filename="x.csv", required=["案號"]))
    assert message in str(caught.value)
