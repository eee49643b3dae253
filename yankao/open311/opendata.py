"""Open data (政府資料開放): the cases of any period as CSV (UTF-8 with BOM, as data.gov.tw
expects) and JSON, with a published field dictionary, and no personal data.

No name, phone, email, LINE id, free text (description, reply) or account. The place is kept
only where it is public: the full address of categories that are published and not marked
sensitive; the road alone (no house number, lane or floor) for sensitive published categories;
nothing but the district for unpublished ones (petitions, 人民陳情).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from yankao.core.workdays import TAIPEI
from yankao.open311.georeport import iso, public_address, rounded
from yankao.open311.selectors import CategoryInfo, catalogue
from yankao.org.models import Agency, District
from yankao.service.models import Case
from yankao.service.models.cases import CaseType, Channel, Status


@dataclass(frozen=True)
class OpenField:
    name: str
    label: str
    type: str
    description: str


FIELDS = [
    OpenField("case_number", "案號", "string", "案件編號（受理時給號）"),
    OpenField("received_at", "受理時間", "datetime", "ISO 8601，+08:00（臺灣時間）"),
    OpenField("channel", "管道", "string", "、".join(label for _, label in Channel.choices)),
    OpenField("case_type", "案件類型", "string", "、".join(label for _, label in CaseType.choices)),
    OpenField("service_code", "服務代碼", "string", "案件類別代碼（與 Open311 service_code 相同）"),
    OpenField("category", "案件類別", "string", "案件類別名稱"),
    OpenField("district", "行政區", "string", "案件所在行政區；無法判定時空白"),
    OpenField("address", "地點", "string", "公開類別：完整地點；可能為私人住宅的類別：僅路段；人民陳情：空白"),
    OpenField("lat", "緯度", "number", "WGS84；可能為私人住宅的類別取至小數第 3 位（約 100 公尺）；人民陳情空白"),
    OpenField("long", "經度", "number", "WGS84；同上"),
    OpenField("agency", "權責機關", "string", "分案後的權責機關；待分案時空白"),
    OpenField("status", "狀態", "string", "、".join(label for _, label in Status.choices)),
    OpenField("deadline_at", "處理期限", "datetime", "受理時依規定給定的期限；ISO 8601"),
    OpenField("closed_at", "結案時間", "datetime", "ISO 8601；未結案空白"),
    OpenField("overdue", "逾期", "boolean", "true：結案晚於期限，或至匯出時仍未結案且已過期限"),
]
VALUES = (
    "number",
    "received_at",
    "channel",
    "type",
    "category_id",
    "district_id",
    "address",
    "lat",
    "lng",
    "agency_id",
    "status",
    "deadline_at",
    "closed_at",
)


def period_cases(*, start: dt.date, end: dt.date) -> Any:
    """Cases received from `start` to `end` inclusive (Taiwan days), oldest first."""
    since = dt.datetime.combine(start, dt.time(), TAIPEI)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), TAIPEI)
    return Case.objects.filter(received_at__gte=since, received_at__lt=until).order_by("received_at", "pk")


def opendata_counts(*, start: dt.date, end: dt.date) -> dict[str, int]:
    """Rows the open data of a period holds, by case type (and the total)."""
    counts = {
        row["type"]: row["n"]
        for row in period_cases(start=start, end=end).order_by().values("type").annotate(n=Count("pk"))
    }
    counts["total"] = sum(counts.values())
    return counts


def _place(info: CategoryInfo, address: str, lat: Any, lng: Any) -> tuple[str, Any, Any]:
    if not info.published:
        return "", None, None
    if info.sensitive:
        return public_address(address), rounded(lat, True), rounded(lng, True)
    return address, rounded(lat, False), rounded(lng, False)


def opendata_rows(*, start: dt.date, end: dt.date, now: dt.datetime) -> Iterator[dict[str, Any]]:
    """One dict per case, in the field dictionary's order, without personal data."""
    cats = catalogue()
    districts = dict(District.objects.values_list("pk", "name"))
    agencies = dict(Agency.objects.values_list("pk", "name"))
    channels, types, statuses = dict(Channel.choices), dict(CaseType.choices), dict(Status.choices)
    for row in period_cases(start=start, end=end).values_list(*VALUES).iterator(chunk_size=5000):
        (
            number,
            received,
            channel,
            ctype,
            category_id,
            district_id,
            address,
            lat,
            lng,
            agency_id,
            status,
            deadline,
            closed,
        ) = row
        info = cats[category_id]
        place, plat, plng = _place(info, address, lat, lng)
        late = bool(deadline and ((closed and closed > deadline) or (not closed and deadline < now)))
        yield {
            "case_number": number,
            "received_at": iso(received),
            "channel": channels.get(channel, channel),
            "case_type": types.get(ctype, ctype),
            "service_code": info.code,
            "category": info.name,
            "district": districts.get(district_id, ""),
            "address": place,
            "lat": plat,
            "long": plng,
            "agency": agencies.get(agency_id, ""),
            "status": statuses.get(status, status),
            "deadline_at": iso(deadline),
            "closed_at": iso(closed),
            "overdue": late,
        }


def csv_chunks(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    """CSV with a BOM and a header of the field names, streamed in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([f.name for f in FIELDS])
    for count, row in enumerate(rows, start=1):
        writer.writerow(
            ["" if v is None else ("true" if v is True else "false" if v is False else v) for v in row.values()]
        )
        if count % 2000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(rows: Iterator[dict[str, Any]], *, start: dt.date, end: dt.date) -> Iterator[str]:
    """{"period": …, "fields": [...], "records": [...]} streamed."""
    head = {"period": {"start": start.isoformat(), "end": end.isoformat()}, "fields": [f.__dict__ for f in FIELDS]}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ',"records":['
    parts: list[str] = []
    for count, row in enumerate(rows):
        parts.append(("," if count else "") + json.dumps(row, ensure_ascii=False, separators=(",", ":")))
        if len(parts) >= 2000:
            yield "".join(parts)
            parts = []
    yield "".join(parts) + "]}"
