"""Every list exports to XLSX, ODS and CSV (UTF-8 with BOM, as Taiwan's open-data platform and
Excel expect). Views call `export_response` with rows already stripped of personal data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import tablib
from django.http import HttpResponse

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


class UnknownExportFormat(ValueError):
    pass


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, Decimal):
        return float(value)
    if value is None:
        return ""
    if isinstance(value, (int, float, dt.date, str)):
        return value
    return str(value)


def export_dataset(*, headers: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "") -> tablib.Dataset:
    data = tablib.Dataset(headers=list(headers), title=(title or "data")[:31])
    for row in rows:
        data.append([_cell(v) for v in row])
    return data


def export_bytes(dataset: tablib.Dataset, fmt: str) -> bytes:
    if fmt not in EXPORT_FORMATS:
        raise UnknownExportFormat(f"不支援的匯出格式「{fmt}」，可用：{', '.join(EXPORT_FORMATS)}")
    if fmt == "csv":
        return ("\ufeff" + dataset.export("csv")).encode("utf-8")
    return dataset.export(fmt)


def export_response(
    *, headers: Sequence[str], rows: Iterable[Sequence[Any]], filename: str, fmt: str, title: str = ""
) -> HttpResponse:
    """An attachment response; `filename` without extension, Chinese allowed (RFC 5987)."""
    body = export_bytes(export_dataset(headers=headers, rows=rows, title=title or filename), fmt)
    response = HttpResponse(body, content_type=EXPORT_FORMATS[fmt])
    full = f"{filename}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename=\"export.{fmt}\"; filename*=UTF-8''{quote(full)}"
    return response
