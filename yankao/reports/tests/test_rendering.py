"""Every output format of the demo 113 report, and the `yankao report` command."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from django.core.management import CommandError, call_command

from yankao.reports.rendering import build_document, render, render_table_html

pytestmark = pytest.mark.django_db


def test_html_links_each_figure_to_its_records_and_definition(demo_report):
    html = render_table_html(build_document(demo_report))
    assert '<th scope="col">重要施政項目</th><th scope="col">執行成果與效益</th>' in html
    assert ">壹、研究發展</th>" in html and ">(一)推展市政建設中程計畫</th>" in html
    link = re.search(r'<a class="fig" href="([^"]+)" data-figure="org.districts.count" title="([^"]+)">38</a>', html)
    assert link is not None and link.group(1) == "/agencies/"
    assert "yankao.org.selectors.agency_list" in link.group(2)
    assert '<a href="/reports/figures/manual/?year=113#fig-it.smart_city_expo.visitors" ' not in html  # not a bare link
    assert 'data-figure="it.smart_city_expo.visitors" title="智慧城市展參觀人次：人工填報數據' in html
    # a figure with no value (no calls in this test) is shown as such, not as a link
    assert 'class="fig fig-missing" data-figure="service.calls.consultation_share"' in html
    assert 'id="def-service.cases.petitions"' in html  # the definition in the appendix


def test_odt_and_docx_repeat_the_header_and_carry_the_text(demo_report):
    doc = build_document(demo_report)
    odt = zipfile.ZipFile(io.BytesIO(render(doc, "odt")))
    assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    content = odt.read("content.xml").decode()
    assert "table:table-header-rows" in content and "3,400 家合作門市" in content and "壹、研究發展" in content
    assert "text:page-number" in odt.read("styles.xml").decode()
    # the drawn charts are the same SVG pictures as in the HTML and the PDF
    pictures = [n for n in odt.namelist() if n.startswith("Pictures/chart")]
    assert pictures and all(odt.read(n).startswith(b"<svg") for n in pictures)
    assert f'<draw:image xlink:href="{pictures[0]}"' in content
    docx_zip = zipfile.ZipFile(io.BytesIO(render(doc, "docx")))
    docx = docx_zip.read("word/document.xml").decode()
    assert "w:tblHeader" in docx and "近四萬人次參觀" in docx and "(一)推展市政建設中程計畫" in docx
    # DOCX: each drawn bar chart as a PNG picture above its table (the risk map, a drawing, as its table)
    drawn_bars = [c for c in doc.charts if c.drawn and c.spec.drawing is None]
    media = [n for n in docx_zip.namelist() if n.startswith("word/media/")]
    assert drawn_bars and len(media) == len(drawn_bars)
    assert all(docx_zip.read(n).startswith(b"\x89PNG") for n in media)
    first = docx.index("圖表：" + drawn_bars[0].spec.title)
    assert first < docx.index("<w:drawing>", first) < docx.index("<w:tbl>", first)


def test_json_has_every_figure_with_its_definition(demo_report):
    data = json.loads(render(build_document(demo_report), "json"))
    assert data["year"] == 113 and len(data["figures"]) == 104
    by_id = {f["id"]: f for f in data["figures"]}
    assert set(by_id["org.districts.count"]) >= {"id", "label", "value", "unit", "section", "manual", "definition"}
    assert by_id["org.districts.count"]["value"] == 38 and by_id["org.districts.count"]["manual"] is False
    visitors = by_id["it.smart_city_expo.visitors"]
    assert (visitors["value"], visitors["manual"], visitors["unit"]) == (4, True, "人次")
    assert visitors["section"] == "陸、資訊業務／一、規劃發展／(一)公私協力合作，發展創新應用"
    assert by_id["service.cases.petitions"]["value"] == 0 and by_id["service.cases.petitions"]["status"] == "ok"
    share = by_id["service.calls.consultation_share"]
    assert (share["value"], share["status"]) == (None, "missing")


def test_charts_are_drawn_only_from_complete_figures(demo_report):
    doc = build_document(demo_report)
    charts = {c.spec.id: c for c in doc.charts}
    assert charts["cloud_backup"].drawn and "鳳山機房：100台" in charts["cloud_backup"].svg
    assert charts["council_categories"].drawn  # counts of zero are values
    assert not charts["call_mix"].drawn  # no calls in this test: the shares have no value
    assert charts["calls_per_month"].drawn and len(charts["calls_per_month"].rows) == 12  # zero calls is a value
    assert not charts["risk_map_before"].drawn  # no risk assessment of 113 in this test


def test_the_command_writes_each_format_and_the_pdf_reads_like_the_reference(demo_report, tmp_path):
    from pypdf import PdfReader

    for fmt in ("pdf", "odt", "docx", "html", "json"):
        out = tmp_path / f"r.{fmt}"
        call_command("report", "annual", "--year", "113", "--format", fmt, "--output", str(out), stdout=io.StringIO())
        assert out.stat().st_size > 1000
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["year"] == 113
    assert '<th scope="col">重要施政項目</th>' in (tmp_path / "r.html").read_text("utf-8")
    reader = PdfReader(tmp_path / "r.pdf")
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4
    pages = [re.sub(r"\s+", "", p.extract_text()) for p in reader.pages]
    text = "".join(pages)
    assert "近四萬人次參觀" in text and "38個行政區87個品牌3,400家合作門市" in text
    assert pages[0].endswith(f"第1頁，共{len(pages)}頁")
    # the header row is repeated on every page the table runs over
    last = next(i for i, p in enumerate(pages) if "柒、整體風險管理" in p)
    assert last >= 8 and all(p.count("重要施政項目執行成果與效益") == 1 for p in pages[: last + 1])
    fonts = {str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
    assert any("Noto-Serif-CJK-TC" in f for f in fonts) and any("Noto-Sans-CJK-TC" in f for f in fonts)
    with pytest.raises(CommandError, match="尚未開啟"):
        call_command("report", "annual", "--year", "99", "--format", "pdf", stdout=io.StringIO())


def test_the_figures_command_lists_the_registry(demo_report):
    out = io.StringIO()
    call_command("report", "figures", "--year", "113", stdout=out)
    # every source app is merged: nothing is pending; with only the report's demo loaded (no domain
    # records), counts are 0 and the 20 rates, scores and first-event figures have no value
    assert "共 104 項：有數值 84、來源未建置 0、未填報 20、錯誤 0" in out.getvalue()
    assert re.search(r"ok\s+org\.districts\.count\s+38 個", out.getvalue())
