"""The Taipei 1999 import: every row imported or reported with file, line and reason; the summary
adds up; unknown items go to the catalogue for review; re-runs change nothing; resumable."""

from __future__ import annotations

import io
import lzma
from pathlib import Path
from typing import Any

import pytest

from yankao.core.models import AuditEvent
from yankao.open311.importers import taipei
from yankao.open311.models import ExternalCategory, ImportFile
from yankao.service.models import Case, Category

pytestmark = pytest.mark.django_db

HEADER = "案件編號,派工項目,案件地址,立案日期,立案時間\n"
MAY = (
    "\ufeff"
    + HEADER
    + "2026043010407,大型廢棄物清運聯繫,大同區萬全街５２之１號二樓,20260430,235842\n"  # line 2: unknown item
    + "2026043010404,交通號誌異常,北投區臺北市臺北市北投區洲美里Hemei St211–225,20260430,235056\n"  # 3
    + "2020050100001,市區道路坑洞處理,大安區臺北市大安區民輝里020鄰市民大道三段１２８巷８號,20200501,000400.0\n"  # 4
    + "202502281,路燈不亮或損壞,信義區No. 17,Yongji Rd,Yaxiang\n"  # 5: cut short, no date or time
    + "202503261,污染舉發,中正區中正紀念堂站出口7,參考地址：愛國西路２號,\n"  # 6: cut short, no time
    + "202502281,場所與設施噪音舉發,大安區通化公園,參考地址：通化街３號,20250228\n"  # 7: date moved, no time
    + "2026043010407,大型廢棄物清運聯繫,大同區萬全街５２之１號二樓,20260430,235842\n"  # 8: duplicate of line 2
    + "2.02504E+12,大型廢棄物清運聯繫,萬華區興寧街１號1樓,20250430,235806\n"  # 9: number lost → content number
    + "2.02504E+12,大型廢棄物清運聯繫,萬華區興寧街１號1樓,20250430,235806\n"  # 10: the same row again
    + "202305270,場所與設施噪音舉發,China台北市信義區忠孝東路五段68號,20230527,211600\n"  # 11: 9 digits
    + "2020050100002,5/12/2020 9:22,萬華區環河南路二段,20200501,000800\n"  # 12: not an item
    + "2020050100003,路樹處理,Songshan District Minsheng E Rd,20200501,250000\n"  # 13: bad time
    + "2020050100004,河濱公園自??道及堤外?道破損、散?物、油漬及樹倒,大同區淡5,20200501,101010\n"  # 14
)
APRIL = HEADER + "2026043010407,大型廢棄物清運聯繫,大同區萬全街５２之１號二樓,20260430,235842\n"  # dup across files


def folder(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        with lzma.open(tmp_path / name, "wt", encoding="utf-8") as handle:
            handle.write(text)
    return tmp_path


def run(path: Path, **kwargs: Any) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = taipei.command([str(path), *[f"--{k}={v}" for k, v in kwargs.items()]], out, err)
    return status, out.getvalue(), err.getvalue()


def test_every_row_is_imported_or_reported(tmp_path: Path, city: Any) -> None:
    path = folder(tmp_path, {"a-may.csv.xz": MAY, "b-april.csv.xz": APRIL})
    status, out, _ = run(path, problems=tmp_path / "problems.csv")
    assert status == 0
    assert "讀取 14 列 = 匯入 6 + 重複 3 + 拒收 5" in out
    may = ImportFile.objects.get(name="a-may.csv.xz")
    assert (may.rows_read, may.imported, may.duplicates, may.rejected, may.renumbered) == (13, 6, 2, 5, 2)
    assert dict((line, reason) for line, reason in may.problems) == {
        5: "列被截斷（地址含逗號）：缺立案日期與立案時間",
        6: "列被截斷（地址含逗號）：缺立案日期與立案時間",
        7: "列被截斷（地址含逗號）：立案日期移到立案時間欄，缺立案時間",
        8: "與 a-may.csv.xz 第 2 行重複（案號 TPE2026043010407）",
        10: may.problems[4][1],
        12: "派工項目「5/12/2020 9:22」空白或不是項目名稱",
        13: "立案日期時間「20200501 250000」不存在",
    }
    assert may.problems[4][1].startswith("與 a-may.csv.xz 第 9 行重複（案號 TPEH")
    april = ImportFile.objects.get(name="b-april.csv.xz")
    assert april.problems == [[2, "與 a-may.csv.xz 第 2 行重複（案號 TPE2026043010407）"]]
    lines = (tmp_path / "problems.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "檔案,行,原因" and len(lines) == 1 + 8
    assert Case.objects.count() == 6


def test_cases_get_district_category_and_time(tmp_path: Path, city: Any) -> None:
    run(folder(tmp_path, {"a.csv.xz": MAY}))
    pothole = Case.objects.get(number="TPE2020050100001")
    assert pothole.category.service_code == "D01" and pothole.district.name == "大安區"
    assert pothole.district.city.code == "TPE"
    assert pothole.received_at.isoformat() == "2020-04-30T16:04:00+00:00"  # 2020-05-01 00:04 in Taipei
    assert pothole.status == "received" and pothole.agency is None and pothole.channel == "phone"
    english = Case.objects.get(number__startswith="TPEH", address__startswith="China")
    assert english.district.name == "信義區"
    river = Case.objects.get(number="TPE2020050100004")
    assert river.category.name == "河濱公園自行車道及堤外便道破損、散落物、油漬及樹倒"


def test_unknown_items_become_catalogue_entries_for_review(tmp_path: Path, city: Any) -> None:
    run(folder(tmp_path, {"a.csv.xz": MAY}))
    bulky = ExternalCategory.objects.get(source="taipei-1999", name="大型廢棄物清運聯繫")
    assert bulky.needs_review is True
    assert bulky.category.service_code == "TPE001" and bulky.category.is_public is False
    assert bulky.category.open311.published is True and bulky.category.open311.address_sensitive is True
    assert ExternalCategory.objects.get(name="交通號誌異常").needs_review is False
    assert Category.objects.filter(service_code__startswith="TPE").count() == 2


def test_rerun_changes_nothing_and_audits_per_batch(tmp_path: Path, city: Any) -> None:
    path = folder(tmp_path, {"a.csv.xz": MAY})
    run(path)
    cases, events = Case.objects.count(), AuditEvent.objects.count()
    status, out, _ = run(path)
    assert status == 0 and "略過 1 個" in out and "讀取 13 列 = 匯入 6 + 重複 2 + 拒收 5" in out
    assert Case.objects.count() == cases and AuditEvent.objects.count() == events
    batch_events = AuditEvent.objects.filter(record_type="open311.importfile", action="event")
    assert [e.changes["count"] for e in batch_events] == [6]


def test_resumes_after_an_interruption(tmp_path: Path, city: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = folder(tmp_path, {"a.csv.xz": MAY})
    original = taipei.CaseWriter.write

    def dies_half_way(self: Any, rows: Any) -> None:
        original(self, rows[:2])
        raise KeyboardInterrupt  # killed in the middle of writing a batch

    monkeypatch.setattr(taipei.CaseWriter, "write", dies_half_way)
    with pytest.raises(KeyboardInterrupt):
        run(path)
    monkeypatch.undo()
    record = ImportFile.objects.get(name="a.csv.xz")
    assert Case.objects.count() == 0 and record.last_line == 1 and record.finished_at is None
    status, out, _ = run(path)
    assert status == 0 and "讀取 13 列 = 匯入 6 + 重複 2 + 拒收 5" in out
    assert Case.objects.count() == 6


def test_interrupted_between_batches_resumes_from_the_saved_line(tmp_path: Path, city: Any) -> None:
    path = folder(tmp_path, {"a.csv.xz": MAY})
    importer = taipei.Importer(batch_size=3)
    original = importer._flush
    flushed = {"n": 0}

    def stop_after_first(record: Any, result: Any, batch: Any, line: int) -> None:
        original(record, result, batch, line)
        flushed["n"] += 1
        if flushed["n"] == 1:
            raise KeyboardInterrupt

    importer._flush = stop_after_first  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        importer.import_file(path / "a.csv.xz")
    record = ImportFile.objects.get(name="a.csv.xz")
    assert record.finished_at is None and record.imported == 3 and record.last_line == 4
    assert Case.objects.count() == 3
    status, out, _ = run(path)
    assert status == 0 and "讀取 13 列 = 匯入 6 + 重複 2 + 拒收 5" in out
    assert Case.objects.count() == 6


def test_bad_header_is_reported(tmp_path: Path, city: Any) -> None:
    status, out, _ = run(folder(tmp_path, {"x.csv.xz": "a,b,c\n1,2,3\n"}))
    assert status == 0 and "讀取 1 列 = 匯入 0 + 重複 0 + 拒收 1" in out
    assert ImportFile.objects.get().problems[0][1].startswith("標題列不是 案件編號,派工項目,案件地址,立案日期,立案時間")


def test_registered_as_an_import_kind(tmp_path: Path, city: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from django.core.management import call_command

    call_command("import", "--list")
    assert "taipei-1999" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_postgresql_copies_in_the_background_with_the_same_result(
    tmp_path: Path, city: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real run (no transaction around it) on PostgreSQL parses the next batch while the last one
    is COPYed by a writer thread; the summary, the cases and the resume points are those of the
    serial path, and an error in the writer stops the import at a committed batch."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the background COPY is PostgreSQL's path")
    started: list[Any] = []
    original_init = taipei._BackgroundWriter.__init__

    def spy(self: Any) -> None:
        started.append(self)
        original_init(self)

    monkeypatch.setattr(taipei._BackgroundWriter, "__init__", spy)
    path = folder(tmp_path, {"a.csv.xz": MAY})
    original_send = taipei.CaseWriter.copy_send
    sent = {"n": 0}

    def fails_on_the_second(self: Any, text: str) -> None:
        sent["n"] += 1
        if sent["n"] == 2:
            raise RuntimeError("connection lost")
        original_send(self, text)

    monkeypatch.setattr(taipei.CaseWriter, "copy_send", fails_on_the_second)
    importer = taipei.Importer(batch_size=3)
    with pytest.raises(RuntimeError, match="connection lost"):
        try:
            importer.import_file(path / "a.csv.xz")
        finally:
            importer.finish()
    assert importer._background is None  # the writer stopped (and closed its connection)
    record = ImportFile.objects.get(name="a.csv.xz")
    assert len(started) == 1
    assert (record.imported, record.last_line, record.finished_at) == (3, 4, None)  # the first batch only
    assert Case.objects.count() == 3
    monkeypatch.setattr(taipei.CaseWriter, "copy_send", original_send)
    status, out, _ = run(path)
    assert status == 0 and "讀取 13 列 = 匯入 6 + 重複 2 + 拒收 5" in out
    assert Case.objects.count() == 6 and len(started) == 2
    record.refresh_from_db()
    assert record.finished_at is not None and record.imported == 6
    assert AuditEvent.objects.filter(record_type="open311.importfile", action="event").count() == 2


LATER = (
    HEADER
    + "2020050100009,市區道路坑洞處理,大安區市民大道三段,20200501,000900\n"  # line 2: new
    + "2020050100001,市區道路坑洞處理,大安區市民大道三段１２８巷８號,20200501,000400\n"  # 3: imported by an earlier run
    + "2020050100001,市區道路坑洞處理,大安區市民大道三段１２８巷８號,20200501,000400\n"  # 4: and again in this file
)


def test_numbers_imported_by_an_earlier_run_are_duplicates(tmp_path: Path, city: Any) -> None:
    """Given a run that imported MAY, when a later run meets one of its numbers in a new file, that
    row is a duplicate "imported before" (reported after the rows of its batch), and a repeat of
    it in the same run points at the first."""
    path = folder(tmp_path, {"a.csv.xz": MAY})
    run(path)
    folder(tmp_path, {"b.csv.xz": LATER})
    status, out, _ = run(path)
    assert status == 0 and "略過 1 個" in out and "讀取 16 列 = 匯入 7 + 重複 4 + 拒收 5" in out
    later = ImportFile.objects.get(name="b.csv.xz")
    assert (later.rows_read, later.imported, later.duplicates, later.rejected) == (3, 1, 2, 0)
    assert later.problems == [
        [4, "與 b.csv.xz 第 3 行重複（案號 TPE2020050100001）"],
        [3, "案號 TPE2020050100001 已存在（先前匯入）"],
    ]
    assert Case.objects.count() == 7


@pytest.mark.django_db(transaction=True)
def test_postgresql_background_writer_over_several_files(tmp_path: Path, city: Any) -> None:
    """A real run on PostgreSQL keeps one writer for the whole run: every file's rows, progress,
    audit events and the job's progress are committed, in order, as on the serial path."""
    from django.db import connection

    from yankao.core.models import JobRun

    if connection.vendor != "postgresql":
        pytest.skip("the background COPY is PostgreSQL's path")
    path = folder(tmp_path, {"a-may.csv.xz": MAY, "b-april.csv.xz": APRIL})
    status, out, _ = run(path)
    assert status == 0 and "讀取 14 列 = 匯入 6 + 重複 3 + 拒收 5" in out
    assert Case.objects.count() == 6
    may, april = ImportFile.objects.order_by("name")
    assert may.finished_at is not None and april.finished_at is not None and april.last_line == 2
    assert april.problems == [[2, "與 a-may.csv.xz 第 2 行重複（案號 TPE2026043010407）"]]
    job = JobRun.objects.get(kind="import:taipei-1999")
    assert (job.status, job.done, job.cursor) == ("done", 2, {"file": "b-april.csv.xz"})
    batch_events = AuditEvent.objects.filter(record_type="open311.importfile", action="event")
    assert [e.changes["count"] for e in batch_events] == [6]
    finishing = AuditEvent.objects.filter(record_type="open311.importfile", action="update").order_by("pk").last()
    assert finishing is not None and "finished_at" in finishing.changes
    folder(tmp_path, {"c.csv.xz": LATER})
    status, out, _ = run(path)
    assert status == 0 and "略過 2 個" in out and "讀取 17 列 = 匯入 7 + 重複 5 + 拒收 5" in out
    assert ImportFile.objects.get(name="c.csv.xz").problems[-1] == [3, "案號 TPE2020050100001 已存在（先前匯入）"]
