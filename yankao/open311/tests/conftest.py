"""Fixtures of the Open311 app: a client application with its key, a poster, schema checks."""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from yankao.open311.services import api_client_create

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
LINGYA = ("22.6206", "120.3126")  # 四維行政中心, 苓雅區
BASE = "/open311/v2"


REGISTRY: Registry = Registry().with_resources(
    (path.name, DRAFT202012.create_resource(json.loads(path.read_text()))) for path in SCHEMAS.glob("*.json")
)


# jsonschema checks `date-time` and `uri` only with optional packages; without them a format is
# silently accepted, so the schemas' formats are checked here (RFC 3339 with an offset; an
# absolute URI with a scheme and a host).
FORMATS = FormatChecker()
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.fullmatch(value):
        return False
    dt.datetime.fromisoformat(value)  # a real date and time (raises ValueError otherwise)
    return True


@FORMATS.checks("uri")
def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urllib.parse.urlsplit(value)
    return bool(parts.scheme and parts.netloc)


def validate(name: str, payload: Any) -> None:
    """Raise if `payload` does not validate against the Open311 schema `name` (e.g. requests.json),
    its `date-time` and `uri` formats included."""
    schema = json.loads((SCHEMAS / name).read_text())
    Draft202012Validator(schema, registry=REGISTRY, format_checker=FORMATS).validate(payload)


def same_in_xml(value: Any, element: ET.Element) -> None:
    """Assert that the XML `element` holds the same fields and values as the JSON `value` (the
    JSON is the XML's tree: an object's keys are child elements, a list's items are children)."""
    if isinstance(value, dict):
        assert [child.tag for child in element] == list(value), element.tag
        for key, child_value in value.items():
            same_in_xml(child_value, element.find(key))  # type: ignore[arg-type]
    elif isinstance(value, list):
        assert len(element) == len(value), element.tag
        for child_value, child in zip(value, element, strict=True):
            same_in_xml(child_value, child)
    elif value is None or value == "":  # XML does not tell an empty string from no value
        assert element.text is None and len(element) == 0, element.tag
    elif isinstance(value, bool):
        assert element.text == ("true" if value else "false"), element.tag
    else:
        assert element.text == str(value), (element.tag, element.text, value)


def xml_items(body: bytes, item: str) -> list[dict[str, str]]:
    """The flat fields of each <item> of an XML answer, as text."""
    root = ET.fromstring(body)
    return [{child.tag: (child.text or "") for child in node} for node in root.findall(item)]


@pytest.fixture
def api_key(city: Any) -> str:
    _, raw = api_client_create(actor=None, name="FixMyStreet 高雄", contact="測試", per_minute=10_000)
    return raw


@pytest.fixture
def post(client: Any, api_key: str) -> Any:
    """POST requests.<fmt> with the key and sensible defaults; returns the response."""

    def _post(fmt: str = "json", *, headers: dict[str, str] | None = None, **fields: Any) -> Any:
        data: dict[str, Any] = {
            "api_key": api_key,
            "service_code": "D03",
            "lat": LINGYA[0],
            "long": LINGYA[1],
            "description": "四維三路路燈不亮",
        }
        data.update(fields)
        data = {k: v for k, v in data.items() if v is not None}
        return client.post(f"{BASE}/requests.{fmt}", data, headers=headers or {})

    return _post


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    """Rate-limit counters and cached answers of one test never leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
