"""The GeoReport v2 wire format: dates, errors, JSON and XML (the Spark convention: the JSON is
the XML's tree), and the privacy rules for what a GET may show.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from django.http import HttpResponse

from yankao.core.workdays import TAIPEI

JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"
FORMATS = ("json", "xml")

# the element name of one item of each list in the XML tree
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "notes": "note",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "service_request_updates": "request_update",
}


class ApiError(Exception):
    """An error answered in the spec's format: [{"code": 400, "description": "…"}]."""

    def __init__(self, status: int, description: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.headers = headers or {}


# Taiwan has kept UTC+8 without daylight saving since 1979: a fixed offset formats much faster
TAIWAN_OFFSET = dt.timezone(dt.timedelta(hours=8))


def iso(value: dt.datetime | None) -> str | None:
    """ISO 8601 with the +08:00 offset (Asia/Taipei), seconds precision."""
    if value is None:
        return None
    return value.astimezone(TAIWAN_OFFSET).isoformat(timespec="seconds")


_OFFSET_SPACE = re.compile(r" (\d{2}:?\d{2})$")


def parse_datetime(text: str, field: str) -> dt.datetime:
    """ISO 8601 (a date alone means its midnight in Taipei; no offset means Taipei time).

    A '+' sent unencoded in a query string arrives as a space; it is read back as '+'.
    """
    raw = _OFFSET_SPACE.sub(r"+\1", text.strip())
    try:
        value = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise ApiError(400, f"{field}「{text[:40]}」不是 ISO 8601 日期時間（例如 2024-12-01T08:00:00+08:00）") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=TAIPEI)
    if not (dt.datetime(1900, 1, 1, tzinfo=dt.UTC) <= value <= dt.datetime(9000, 1, 1, tzinfo=dt.UTC)):
        raise ApiError(400, f"{field} 超出可接受的範圍")
    return value


def _xml_scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def _xml_element(name: str, value: Any, out: list[str]) -> None:
    if isinstance(value, dict):
        out.append(f"<{name}>")
        for key, child in value.items():
            _xml_element(key, child, out)
        out.append(f"</{name}>")
    elif isinstance(value, list):
        item = ITEM_NAMES.get(name, "item")
        out.append(f"<{name}>")
        for child in value:
            _xml_element(item, child, out)
        out.append(f"</{name}>")
    elif value is None:
        out.append(f"<{name}/>")
    else:
        out.append(f"<{name}>{_xml_scalar(value)}</{name}>")


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def to_xml(root: str, payload: Any) -> str:
    out: list[str] = ['<?xml version="1.0" encoding="utf-8"?>']
    _xml_element(root, payload, out)
    return _XML_BAD.sub("", "".join(out))


def render(
    payload: Any, *, fmt: str, root: str, status: int = 200, headers: dict[str, str] | None = None
) -> HttpResponse:
    if fmt == "xml":
        response = HttpResponse(to_xml(root, payload), content_type=XML_TYPE, status=status)
    else:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        response = HttpResponse(body, content_type=JSON_TYPE, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def error_response(exc: ApiError, fmt: str) -> HttpResponse:
    payload = [{"code": exc.status, "description": exc.description}]
    return render(payload, fmt=fmt if fmt in FORMATS else "json", root="errors", status=exc.status, headers=exc.headers)


# --- privacy (個資法): what a public GET may show ------------------------------------------------

_PHONE = re.compile(
    r"(?<!\d)(?:\+?886[\s-]?|0)9\d{2}[\s-]?\d{3}[\s-]?\d{3}(?!\d)|(?<!\d)0\d{1,2}[\s-]?\d{3,4}[\s-]?\d{4}(?!\d)"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NEIGHBOURHOOD = re.compile(r"\d+鄰")
_FIRST_DIGIT = re.compile(r"\d")
_TRAILING = re.compile(r"(?:No\.?|[,，\s(（-])+$", re.IGNORECASE)


_MAYBE_PRIVATE = re.compile(r"@|\d{3}")


def scrub_text(text: str) -> str:
    """Phone numbers and email addresses in free text are replaced (a citizen often types them)."""
    if not text or not _MAYBE_PRIVATE.search(text):
        return text
    return _EMAIL.sub("〔已遮蔽〕", _PHONE.sub("〔已遮蔽〕", text))


def public_address(address: str) -> str:
    """The road without the house number, lane, floor or 鄰 (where a private home may be)."""
    text = _NEIGHBOURHOOD.sub("", unicodedata.normalize("NFKC", address or ""))
    match = _FIRST_DIGIT.search(text)
    if match:
        text = text[: match.start()]
    return _TRAILING.sub("", text).strip()


def rounded(value: Any, sensitive: bool) -> float | None:
    if value is None:
        return None
    return round(float(value), 3) if sensitive else float(value)


def comma_list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def first(items: Iterable[Any]) -> Any:
    return next(iter(items), None)
