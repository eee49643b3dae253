"""`yankao import taipei-1999 FOLDER`: the Taipei 1999 dispatch open data (臺北市政府1999派工資料)
into cases, through the database's bulk path (COPY on PostgreSQL).

Every row is imported, or reported with its file, line and reason; each file's summary adds
up (rows read = imported + duplicates + rejected, also a database constraint). The files are
as published, and messy (docs/open311.md, "Taipei import"):

- a row cut short (an address with commas) has an address fragment where the date or the time
  should be: rejected, with the reason;
- times like `163000.0`: read as 16:30:00;
- case numbers cut to 9 digits (2023-05 … 2025-03) or turned into `2.02504E+12` by a
  spreadsheet (2025-04 … 06) identify nothing: such rows get a number made from their content
  (`TPEH` + a hash of date, time, item and address), so that a repeated row is still a duplicate;
- a case number seen before (in this run, or imported earlier) is a duplicate;
- 派工項目 map onto the catalogue (migration 0002 and the commission's mapping); an unknown item
  creates a catalogue entry marked for review; the district comes from the address.

Resumable: each file remembers the last line written in the same transaction as the rows, so an
interrupted import continues where it stopped; a finished file is skipped on a re-run.

Speed (docs/benchmarks.md, 2026-11-28): the whole folder at 28,604 and 35,231 rows/s on 2 shared
CPUs. What limits it is the writer's PostgreSQL backend (40–49 s of CPU: the 13 indexes of
`service_case` and the foreign-key checks of every row), not the parsing here (29–36 s, which
runs at the same time on the other CPU).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import hashlib
import io
import lzma
import re
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from django.db import connection, transaction
from django.utils import timezone

from yankao.core.audit import audit_context, record_event
from yankao.core.jobs import job_finish, job_progress, job_start
from yankao.core.workdays import TAIPEI
from yankao.open311.external import external_category_add, external_mapping
from yankao.open311.models import ImportFile
from yankao.org.services import org_load_city_file
from yankao.service.models import Case, Category

SOURCE = "taipei-1999"
PREFIX = "TPE"
CITY_FILE = Path(__file__).resolve().parents[1] / "data" / "taipei.json"
HEADER = ["案件編號", "派工項目", "案件地址", "立案日期", "立案時間"]
# items published garbled (mojibake) → the item they are
ITEM_ALIASES = {"河濱公園自??道及堤外?道破損、散?物、油漬及樹倒": "河濱公園自行車道及堤外便道破損、散落物、油漬及樹倒"}
_FULL_NUMBER = re.compile(r"\d{13}")
_TIME = re.compile(r"(\d{1,6})(?:\.0+)?")
_DATE = re.compile(r"\d{8}")
_NOT_AN_ITEM = re.compile(r"[\d\s/:.\-]*")
MAX_PROBLEMS_KEPT = 500_000


@dataclass
class FileResult:
    name: str
    rows_read: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: int = 0
    renumbered: int = 0
    without_district: int = 0
    skipped: bool = False
    problems: list[tuple[int, str]] = field(default_factory=list)

    def adds_up(self) -> bool:
        return self.rows_read == self.imported + self.duplicates + self.rejected


@dataclass
class Row:
    number: str
    category_id: int
    urgent: bool
    item: str
    address: str
    district_id: int | None
    received_at: dt.datetime


class Districts:
    """The district of a Taipei address: its leading name (most rows), any name, or the English one."""

    def __init__(self) -> None:
        from yankao.org.selectors import district_list

        found = list(district_list(city_code=PREFIX))
        self.by_name = {d.name: d.pk for d in found}
        self.english = [(d.name_en.lower().replace("'", "").replace(" district", ""), d.pk) for d in found]

    def find(self, address: str) -> int | None:
        head = address[:3]
        if head in self.by_name:
            return self.by_name[head]
        text = unicodedata.normalize("NFKC", address).replace("台", "臺")
        for name, pk in self.by_name.items():
            if name in text:
                return pk
        lowered = text.lower().replace("’", "").replace("'", "")
        for name, pk in self.english:
            if f"{name} dist" in lowered or f"{name} district" in lowered:
                return pk
        return None


class Catalogue:
    """派工項目 → category, adding an entry for review the first time an item is met."""

    def __init__(self) -> None:
        self.mapping = {name: (c.pk, c.is_urgent_hazard) for name, c in external_mapping(SOURCE).items()}
        self.added: list[str] = []

    def resolve(self, item: str) -> tuple[int, bool]:
        found = self.mapping.get(item)
        if found is None:
            entry = external_category_add(source=SOURCE, name=item, code_prefix=PREFIX, group="臺北1999匯入")
            category: Category = entry.category
            found = self.mapping[item] = (category.pk, category.is_urgent_hazard)
            self.added.append(item)
        return found


def _received(date_text: str, time_text: str) -> dt.datetime | str:
    """The time of receipt, or the reason it cannot be read."""
    if not _DATE.fullmatch(date_text):
        if _DATE.fullmatch(time_text.strip()):
            return "列被截斷（地址含逗號）：立案日期移到立案時間欄，缺立案時間"
        return "列被截斷（地址含逗號）：缺立案日期與立案時間"
    match = _TIME.fullmatch(time_text.strip())
    if not match:
        return f"立案時間「{time_text[:20]}」無法辨識" if time_text.strip() else "缺立案時間"
    clock = match.group(1).zfill(6)
    try:
        when = dt.datetime(
            int(date_text[:4]), int(date_text[4:6]), int(date_text[6:]),
            int(clock[:2]), int(clock[2:4]), int(clock[4:]), tzinfo=TAIPEI,
        )  # fmt: skip
    except ValueError:
        return f"立案日期時間「{date_text} {time_text[:10]}」不存在"
    if when.year < 2000 or when > timezone.now() + dt.timedelta(days=1):
        return f"立案日期「{date_text}」不合理"
    return when


def case_number(raw: str, when: dt.datetime, item: str, address: str) -> tuple[str, bool]:
    """(case number, renumbered?): TPE + the 13 digits, or TPEH + a hash of the row's content."""
    if _FULL_NUMBER.fullmatch(raw):
        return PREFIX + raw, False
    digest = hashlib.blake2b(f"{when.isoformat()}|{item}|{address}".encode(), digest_size=10).hexdigest()
    return f"{PREFIX}H{digest}", True


def parse_row(row: list[str], districts: Districts, catalogue: Catalogue) -> tuple[Row, bool] | str:
    """A row read into a case row (and whether it was renumbered), or the reason it is rejected."""
    if len(row) < len(HEADER):
        return f"欄位數 {len(row)} 少於 5 欄"
    raw_number, raw_item = row[0].strip(), row[1].strip()
    address = ",".join(row[2:-2]).strip()
    when = _received(row[-2].strip(), row[-1])
    if isinstance(when, str):
        return when
    item = ITEM_ALIASES.get(raw_item, unicodedata.normalize("NFKC", raw_item))
    if _NOT_AN_ITEM.fullmatch(item):
        return f"派工項目「{raw_item[:30]}」空白或不是項目名稱"
    number, renumbered = case_number(raw_number, when, item, address)
    category_id, urgent = catalogue.resolve(item)
    district = districts.find(address)
    return Row(number, category_id, urgent, item[:4000], address[:200], district, when), renumbered


# --- writing ----------------------------------------------------------------------------------


def _copy_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class CaseWriter:
    """Writes case rows with COPY on PostgreSQL, `bulk_create` elsewhere (SQLite)."""

    VARIABLE = ("number", "category", "description", "address", "district", "received_at", "is_urgent")

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.fields = [f for f in Case._meta.concrete_fields if not f.primary_key]
        self.columns = [str(f.column) for f in self.fields]

    def _template(self, now: dt.datetime) -> str:
        constant: dict[str, Any] = {
            "channel": "phone",
            "type": "dispatch",
            "status": "received",
            "is_anonymous": True,
            "may_contact": False,
            "reply_channel": "none",
            "created_at": now,
            "updated_at": now,
        }
        parts = []
        for f in self.fields:
            if f.name in self.VARIABLE:
                parts.append("{" + f.name + "}")
                continue
            value = constant[f.name] if f.name in constant else f.get_default()
            if value is None:
                parts.append("\\N")
            elif isinstance(value, bool):
                parts.append("t" if value else "f")
            elif isinstance(value, dt.datetime):
                parts.append(value.isoformat())
            else:
                parts.append(_copy_text(str(value)).replace("{", "{{").replace("}", "}}"))
        return "\t".join(parts) + "\n"

    def write(self, rows: list[Row]) -> None:
        if not rows:
            return
        if not self.postgres:
            now = timezone.now()
            Case.objects.bulk_create([self._case(r, now) for r in rows], batch_size=2000)
            return
        self.copy_send(self.copy_text(rows))

    def copy_text(self, rows: list[Row]) -> str:
        """The rows as COPY text (PostgreSQL)."""
        template = self._template(timezone.now())
        buffer = io.StringIO()
        for r in rows:
            buffer.write(
                template.format(
                    number=r.number,
                    category=r.category_id,
                    description=_copy_text(r.item),
                    address=_copy_text(r.address),
                    district="\\N" if r.district_id is None else r.district_id,
                    received_at=r.received_at.isoformat(),
                    is_urgent="t" if r.urgent else "f",
                )
            )
        return buffer.getvalue()

    def copy_send(self, text: str) -> None:
        if not text:
            return
        table = Case._meta.db_table
        with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(self.columns)}) FROM STDIN") as copy:
            copy.write(text)

    @staticmethod
    def _case(r: Row, now: dt.datetime) -> Case:
        return Case(
            number=r.number,
            channel="phone",
            type="dispatch",
            category_id=r.category_id,
            description=r.item,
            address=r.address,
            district_id=r.district_id,
            status="received",
            is_urgent=r.urgent,
            is_anonymous=True,
            may_contact=False,
            reply_channel="none",
            received_at=r.received_at,
            created_at=now,
            updated_at=now,
        )


@dataclass
class _Batch:
    record_pk: int  # the ImportFile
    text: str  # the new rows as COPY text
    count: int
    first: str
    last: str
    progress: dict[str, Any]  # the ImportFile's counters and resume line after this batch
    note: str


class _BackgroundWriter:
    """PostgreSQL: COPYs each parsed batch, with the file's progress and its audit event, in one
    transaction on its own connection, while the importer parses the next batch (the two used to
    take turns: the parser waited for the COPY, then the database for the parser).

    One writer serves the whole run, so that the next file is parsed while the last one is written
    (most files are a single batch). What a file does once its batches are committed (its
    finishing save, the job's progress) is queued behind them as a callable, and runs here, in
    order: nothing is marked done before its rows are committed.

    Used only outside any transaction (a real run), since its connection sees only committed rows.
    Its transactions commit with `synchronous_commit = off`: a crash of the database may lose the
    last few batches acknowledged (at most ~3 × wal_writer_delay), but never a batch without its
    progress or the reverse, since both are in one transaction; the import resumes from the last
    progress that survived. The finishing save and the job's progress commit synchronously, which
    also flushes every batch before them.

    At most one item waits in the queue. An error in the writer stops it and is raised in the
    importer at its next batch or at `finish`; what the writer committed is a resume point, as in
    the serial path.
    """

    def __init__(self) -> None:
        import contextvars
        import queue
        import threading

        self.queue: queue.Queue[_Batch | Callable[[], None] | None] = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        context = contextvars.copy_context()  # the audit actor of the import
        self.thread = threading.Thread(target=context.run, args=(self._run,), daemon=True)
        self.thread.start()

    def _run(self) -> None:
        from django.db import connections

        writer = CaseWriter()
        record: ImportFile | None = None
        try:
            # after an error the batches are still taken off the queue (so the importer never
            # blocks on it), but no longer written
            while (batch := self.queue.get()) is not None:
                try:
                    if self.error is not None:
                        pass
                    elif not isinstance(batch, _Batch):
                        batch()
                    else:
                        if record is None or record.pk != batch.record_pk:
                            record = ImportFile.objects.get(pk=batch.record_pk)
                        with transaction.atomic():
                            with connection.cursor() as cursor:
                                cursor.execute("SET LOCAL synchronous_commit = off")
                            writer.copy_send(batch.text)
                            for name, value in batch.progress.items():
                                setattr(record, name, value)
                            record.save()
                            if batch.count:
                                record_event(
                                    record,
                                    note=batch.note[:300],
                                    changes={"count": batch.count, "first": batch.first, "last": batch.last},
                                )
                except BaseException as exc:  # handed to the importer's thread
                    self.error = exc
                finally:
                    self.queue.task_done()
            self.queue.task_done()
        finally:
            connections.close_all()

    def put(self, batch: _Batch | Callable[[], None]) -> None:
        self.check()
        self.queue.put(batch)

    def check(self) -> None:
        if self.error is not None:
            raise self.error

    def finish(self) -> None:
        """Wait for every batch to be committed (or the first error), then stop the thread."""
        self.queue.join()
        self.queue.put(None)
        self.thread.join()
        self.check()


def existing_numbers() -> frozenset[str]:
    """The case numbers this import could make (`TPE…`) already in the database.

    Read once, before the first file that is not skipped (one index scan of the `LIKE` index),
    instead of one look-up query per batch that the importer waited for. Numbers written later in
    the same run are in `Importer.seen`; a row another process adds meanwhile makes the COPY fail
    on the unique number, as before: the import stops at a committed batch, and resumes. Memory:
    about 110 bytes a number (1,628,785 numbers: 173 MB, measured), only when such numbers exist.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {Case._meta.db_table} WHERE number LIKE %s", [PREFIX + "%"])  # noqa: S608
        return frozenset(row[0] for row in cursor.fetchall())


# --- the import -------------------------------------------------------------------------------


def _open(path: Path) -> TextIO:
    raw = lzma.open(path, "rb") if path.suffix == ".xz" else path.open("rb")  # noqa: SIM115 - closed with the wrapper
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Importer:
    batch_size: int = 20_000
    progress: Any = None
    seen: dict[str, int] = field(default_factory=dict)  # number → file index << 32 | line
    files: list[str] = field(default_factory=list)
    pipeline: bool = True  # PostgreSQL outside a transaction: COPY in the background (_BackgroundWriter)

    def __post_init__(self) -> None:
        self._background: _BackgroundWriter | None = None
        self._before: frozenset[str] | None = None
        self._last_line = 1
        self.districts = Districts()
        self.catalogue = Catalogue()
        self.writer = CaseWriter()

    @property
    def before(self) -> frozenset[str]:
        """The numbers in the database before this run wrote any (read at the first file written)."""
        if self._before is None:
            self._before = existing_numbers()
        return self._before

    def _first_seen(self, number: str) -> str:
        packed = self.seen[number]
        return f"{self.files[packed >> 32]} 第 {packed & 0xFFFFFFFF} 行"

    def _flush(self, record: ImportFile, result: FileResult, batch: list[tuple[int, Row]], line: int) -> None:
        """Write a batch and the file's progress in one transaction (the resume point never runs ahead)."""
        in_db = self.before
        new = [row for _, row in batch if row.number not in in_db]
        if len(new) < len(batch):
            for row_line, row in batch:
                if row.number in in_db:
                    result.duplicates += 1
                    result.problems.append((row_line, f"案號 {row.number} 已存在（先前匯入）"))
        result.imported += len(new)
        if self._background is not None:
            self._background.put(
                _Batch(
                    record_pk=record.pk,
                    text=self.writer.copy_text(new) if new else "",
                    count=len(new),
                    first=new[0].number if new else "",
                    last=new[-1].number if new else "",
                    progress=self._progress(result, line),
                    note=f"批次新增 {len(new)} 件案件（{record.name} 至第 {line} 行）",
                )
            )
            batch.clear()
            return
        with transaction.atomic():
            self.writer.write(new)
            self._save(record, result, line)
            if new:
                record_event(
                    record,
                    note=f"批次新增 {len(new)} 件案件（{record.name} 至第 {line} 行）"[:300],
                    changes={"count": len(new), "first": new[0].number, "last": new[-1].number},
                )
        batch.clear()

    @staticmethod
    def _progress(result: FileResult, line: int) -> dict[str, Any]:
        progress: dict[str, Any] = {
            name: getattr(result, name)
            for name in ("rows_read", "imported", "duplicates", "rejected", "renumbered", "without_district")
        }
        progress["last_line"] = line
        progress["problems"] = [list(p) for p in result.problems[:MAX_PROBLEMS_KEPT]]
        return progress

    @classmethod
    def _save(cls, record: ImportFile, result: FileResult, line: int, finished: bool = False) -> None:
        for name, value in cls._progress(result, line).items():
            setattr(record, name, value)
        if finished:
            record.finished_at = timezone.now()
        record.save()

    def import_file(self, path: Path, then: Callable[[], None] | None = None) -> FileResult:
        """Import one file; `then` runs once the file is finished and committed. With the
        background writer the rows may still be on their way when this returns: `finish()`."""
        index = len(self.files)
        self.files.append(path.name)
        sha = _sha256(path)
        record = ImportFile.objects.filter(source=SOURCE, name=path.name).first()
        if record is not None and record.finished_at is not None and record.sha256 == sha:
            if then is not None:
                self._after_committed(then)
            return FileResult(path.name, record.rows_read, record.imported, record.duplicates, record.rejected,
                              record.renumbered, record.without_district, skipped=True)  # fmt: skip
        if record is None or record.sha256 != sha:
            if record is not None:
                record.delete()
            record = ImportFile(source=SOURCE, name=path.name, sha256=sha)
            record.save()
        result = FileResult(path.name, record.rows_read, record.imported, record.duplicates, record.rejected,
                            record.renumbered, record.without_district,
                            problems=[(p[0], p[1]) for p in record.problems])  # fmt: skip
        resume_after = record.last_line
        batch: list[tuple[int, Row]] = []
        pipelined = self.pipeline and connection.vendor == "postgresql" and not connection.in_atomic_block
        if pipelined and self._background is None:
            self._background = _BackgroundWriter()
        elif not pipelined:
            self.finish()
        try:
            self._read_file(path, record, result, resume_after, index, batch)
        except BaseException:
            self.finish(raise_error=False)  # commit what was queued, stop the writer; raise this error
            raise
        line = self._last_line

        def finished() -> None:
            self._save(record, result, line, finished=True)
            if then is not None:
                then()

        self._after_committed(finished)
        return result

    def _after_committed(self, action: Callable[[], None]) -> None:
        """Run `action` once every batch queued so far is committed (at once on the serial path)."""
        if self._background is not None:
            self._background.put(action)
        else:
            action()

    def finish(self, *, raise_error: bool = True) -> None:
        """Wait for the background writer to commit every batch (or raise its error), and stop it."""
        background, self._background = self._background, None
        if background is not None:
            try:
                background.finish()
            except BaseException:
                if raise_error:
                    raise

    def _read_file(
        self, path: Path, record: ImportFile, result: FileResult, resume_after: int, index: int,
        batch: list[tuple[int, Row]],
    ) -> None:  # fmt: skip
        with _open(path) as handle:
            reader = csv.reader(handle)
            header = [h.strip() for h in next(reader, [])]
            if header[:5] != HEADER:
                result.rows_read += 1
                result.rejected += 1
                result.problems.append((1, f"標題列不是 {','.join(HEADER)}：{','.join(header)[:80]}"))
                self._last_line = 1
                return
            line = 1
            for row in reader:
                line = reader.line_num
                if line <= resume_after:
                    continue
                self._row(row, line, index, result, batch)
                if len(batch) >= self.batch_size:
                    self._flush(record, result, batch, line)
                    if self.progress:
                        self.progress(result)
            self._flush(record, result, batch, line)
        self._last_line = line

    def _row(self, row: list[str], line: int, index: int, result: FileResult, batch: list[tuple[int, Row]]) -> None:
        result.rows_read += 1
        parsed = parse_row(row, self.districts, self.catalogue)
        if isinstance(parsed, str):
            result.rejected += 1
            result.problems.append((line, parsed))
            return
        case_row, renumbered = parsed
        if case_row.number in self.seen:
            result.duplicates += 1
            result.problems.append((line, f"與 {self._first_seen(case_row.number)}重複（案號 {case_row.number}）"))
            return
        self.seen[case_row.number] = index << 32 | line
        result.renumbered += renumbered
        result.without_district += case_row.district_id is None
        batch.append((line, case_row))


@dataclass
class Summary:
    files: list[FileResult]
    seconds: float
    added_items: list[str]

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)


def import_folder(folder: Path, *, batch_size: int = 20_000, progress: Any = None) -> Summary:
    """Import every `*.csv.xz` / `*.csv` of `folder` in name order (see the module docstring)."""
    paths = sorted([*folder.glob("*.csv.xz"), *folder.glob("*.csv")], key=lambda p: p.name)
    started = time.monotonic()
    with audit_context(channel="import", label=f"yankao import {SOURCE}"):
        org_load_city_file(path=CITY_FILE)
        importer = Importer(batch_size=batch_size, progress=progress)
        job = job_start(kind=f"import:{SOURCE}", key=str(folder.resolve())[:200], label=f"臺北市 1999 派工資料（{folder.name}）",
                        total=len(paths))  # fmt: skip
        results = []
        try:
            for number, path in enumerate(paths, start=1):
                done = functools.partial(
                    job_progress, job, done=number, cursor={"file": path.name}, message=f"{path.name} 完成"
                )
                results.append(importer.import_file(path, then=done))
        finally:
            importer.finish()  # every batch committed, or the writer's error raised here
        summary = Summary(results, time.monotonic() - started, importer.catalogue.added)
        job_finish(
            job, ok=True, summary={k: summary.total(k) for k in ("rows_read", "imported", "duplicates", "rejected")}
        )
    return summary


def _report(summary: Summary, out: Any) -> None:
    totals = {k: summary.total(k) for k in ("rows_read", "imported", "duplicates", "rejected", "renumbered",
                                             "without_district")}  # fmt: skip
    skipped = sum(1 for f in summary.files if f.skipped)
    out.write(f"檔案 {len(summary.files)} 個（先前已匯入而略過 {skipped} 個），{summary.seconds:.1f} 秒\n")
    out.write(
        f"讀取 {totals['rows_read']:,} 列 = 匯入 {totals['imported']:,} + 重複 {totals['duplicates']:,} "
        f"+ 拒收 {totals['rejected']:,}"
        f"{'' if totals['rows_read'] == totals['imported'] + totals['duplicates'] + totals['rejected'] else '（不符！）'}\n"
    )
    out.write(f"其中以內容編號 {totals['renumbered']:,} 列；無法判定行政區 {totals['without_district']:,} 列\n")
    if summary.added_items:
        out.write(f"新增待檢視的派工項目 {len(summary.added_items)} 個：{'、'.join(summary.added_items)}\n")


def _write_problems(summary: Summary, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["檔案", "行", "原因"])
        for result in summary.files:
            for line, reason in result.problems:
                writer.writerow([result.name, line, reason])


def problems_of(summary: Summary) -> Iterator[tuple[str, int, str]]:
    for result in summary.files:
        for line, reason in result.problems:
            yield result.name, line, reason


def command(argv: list[str], stdout: Any, stderr: Any) -> int:
    """`yankao import taipei-1999 FOLDER [--problems FILE.csv] [--batch N]`."""
    parser = argparse.ArgumentParser(prog="yankao import taipei-1999", description="匯入臺北市 1999 派工開放資料")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--problems", type=Path, help="把每一列重複或拒收的原因寫入此 CSV（檔案、行、原因）")
    parser.add_argument("--batch", type=int, default=20_000)
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        stderr.write(f"找不到資料夾 {args.folder}\n")
        return 2

    def progress(result: FileResult) -> None:
        stderr.write(f"  {result.name}：{result.rows_read:,} 列\n")

    summary = import_folder(args.folder, batch_size=max(100, args.batch), progress=progress)
    _report(summary, stdout)
    if args.problems:
        _write_problems(summary, args.problems)
        stdout.write(f"問題列明細：{args.problems}\n")
    return 0 if all(f.adds_up() for f in summary.files) else 1
