"""Reading spreadsheets for imports: CSV (UTF-8 with or without BOM, or Big5/cp950) and XLSX.

Imports in every app follow one rule: read and validate every row first, collect every error
with its line number, and write nothing unless the whole file is good (one transaction).
Line numbers are those a person sees in a spreadsheet: the header is line 1.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"第 {self.line} 行：{self.message}" if self.line else self.message


@dataclass
class ImportFailed(Exception):
    """The file was not imported; `errors` lists every problem found."""

    errors: list[RowError] = field(default_factory=list)

    def __str__(self) -> str:
        head = "\n".join(str(e) for e in self.errors[:50])
        more = f"\n…另有 {len(self.errors) - 50} 個錯誤" if len(self.errors) > 50 else ""
        return f"檔案有 {len(self.errors)} 個錯誤，未匯入任何資料：\n{head}{more}"


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp950"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed([RowError(0, "無法辨識檔案編碼，請存成 UTF-8（或 Big5）的 CSV")])


def _rows_csv(data: bytes) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(decode_text(data), newline=""))
    for row in reader:
        yield reader.line_num, row


def _rows_xlsx(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImportFailed([RowError(0, f"無法讀取 XLSX 檔案（{type(exc).__name__}）")]) from None
    sheet = book.worksheets[0]
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield (
            number,
            ["" if v is None else str(v).strip() if not hasattr(v, "isoformat") else v.isoformat() for v in row],
        )


def read_table(
    data: bytes, *, filename: str, required: list[str], optional: list[str] | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line, {column: text}) for each non-empty row, after checking the header."""
    suffix = Path(filename).suffix.lower()
    rows = _rows_xlsx(data) if suffix in {".xlsx", ".xlsm"} else _rows_csv(data)
    try:
        _, header = next(rows)
    except StopIteration:
        raise ImportFailed([RowError(1, "檔案是空的")]) from None
    header = [str(h).strip().lstrip("\ufeff") for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFailed([RowError(1, f"缺少欄位：{', '.join(missing)}（第一列須為欄位名稱）")])
    known = set(required) | set(optional or [])
    unknown = [h for h in header if h and h not in known]
    if unknown:
        raise ImportFailed([RowError(1, f"未知欄位：{', '.join(unknown)}")])
    for line, row in rows:
        if not any(str(v).strip() for v in row):
            continue
        if len(row) > len(header):
            raise ImportFailed([RowError(line, f"欄位數 {len(row)} 多於標題的 {len(header)} 欄")])
        values = {name: str(row[i]).strip() if i < len(row) else "" for i, name in enumerate(header) if name}
        yield line, values
