"""Open data: any period as CSV (UTF-8 with BOM) and JSON, the field dictionary, no personal data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest

from yankao.core.workdays import TAIPEI
from yankao.open311 import opendata
from yankao.service.services import case_create

pytestmark = pytest.mark.django_db


def filed(code: str, when: dt.datetime, **fields: Any) -> Any:
    values: dict[str, Any] = {
        "actor": None,
        "channel": "mayor_mailbox",
        "category": code,
        "description": "請處理，聯絡 0912345678",
        "address": "高雄市苓雅區四維三路2號5樓",
        "lat": "22.620612",
        "lng": "120.312634",
        "contact_name": "王小明",
        "contact_email": "ming@example.tw",
        "contact_phone": "0912345678",
        "reply_channel": "email",
        "received_at": when,
    }
    values.update(fields)
    return case_create(**values)


@pytest.fixture
def cases(city: Any) -> list[Any]:
    return [
        filed("D01", dt.datetime(2024, 3, 1, 9, 0, tzinfo=TAIPEI)),  # public place
        filed("D16", dt.datetime(2024, 3, 2, 22, 0, tzinfo=TAIPEI)),  # noise: a home, road only
        filed("P03", dt.datetime(2024, 3, 3, 10, 0, tzinfo=TAIPEI)),  # petition: no place
        filed("D01", dt.datetime(2024, 4, 1, 0, 0, tzinfo=TAIPEI)),  # outside the period
    ]


def download(client: Any, fmt: str, start: str = "2024-03-01", end: str = "2024-03-31") -> Any:
    return client.get(f"/opendata/cases/download.{fmt}?start={start}&end={end}")


def test_csv_with_bom_and_the_dictionary_header(client: Any, cases: list[Any]) -> None:
    response = download(client, "csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert list(rows[0]) == [f.name for f in opendata.FIELDS]
    assert [r["case_number"] for r in rows] == [c.number for c in cases[:3]]
    pothole, noise, petition = rows
    assert pothole["address"] == "高雄市苓雅區四維三路2號5樓" and pothole["lat"] == "22.620612"
    assert pothole["received_at"] == "2024-03-01T09:00:00+08:00" and pothole["category"] == "路面坑洞"
    assert noise["address"] == "高雄市苓雅區四維三路" and noise["lat"] == "22.621"
    assert petition["address"] == "" and petition["lat"] == "" and petition["district"] == "苓雅區"
    assert petition["case_type"] == "人民陳情" and petition["channel"] == "市長信箱"


def test_json_has_the_same_records(client: Any, cases: list[Any]) -> None:
    response = download(client, "json", "113/03/01", "113/03/31")  # ROC dates are accepted too
    data = json.loads(b"".join(response.streaming_content))
    assert data["period"] == {"start": "2024-03-01", "end": "2024-03-31"}
    assert [f["name"] for f in data["fields"]] == [f.name for f in opendata.FIELDS]
    assert [r["case_number"] for r in data["records"]] == [c.number for c in cases[:3]]
    assert data["records"][0]["overdue"] is True  # an open pothole long past its 4 hours


def test_no_personal_data_in_either_format(client: Any, cases: list[Any]) -> None:
    for fmt in ("csv", "json"):
        text = b"".join(download(client, fmt).streaming_content).decode("utf-8-sig")
        for secret in ("王小明", "0912345678", "ming@example.tw", "請處理"):
            assert secret not in text


def test_counts_per_period(client: Any, cases: list[Any]) -> None:
    assert opendata.opendata_counts(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31)) == {
        "dispatch": 2,
        "petition": 1,
        "total": 3,
    }
    page = client.get("/opendata/cases/?start=113/03/01&end=113/03/31")
    assert page.status_code == 200 and "<td>合計</td><td>3</td>" in page.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [("start=2024-03-31&end=2024-03-01", "迄日不可早於起日"), ("start=abc&end=2024-03-01", "abc")],
)
def test_bad_periods_are_explained(client: Any, city: Any, query: str, message: str) -> None:
    response = client.get(f"/opendata/cases/download.csv?{query}")
    assert response.status_code == 400 and message in response.content.decode()


def test_field_dictionary_exports(client: Any, city: Any) -> None:
    for fmt in ("xlsx", "ods", "csv"):
        assert client.get(f"/opendata/cases/fields.{fmt}").status_code == 200
    body = client.get("/opendata/cases/fields.csv").content.decode("utf-8-sig")
    assert body.splitlines()[0] == "欄位,名稱,型態,說明"
    assert len(body.splitlines()) == 1 + len(opendata.FIELDS)


def test_counts_equal_the_service_statistics(cases: list[Any]) -> None:
    from yankao.service.selectors import period_between
    from yankao.service.selectors.stats import case_counts

    counts = case_counts(period_between(dt.date(2024, 3, 1), dt.date(2024, 3, 31)))
    mine = opendata.opendata_counts(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31))
    assert (mine["petition"], mine["dispatch"], mine["total"]) == (counts.petitions, counts.dispatches, counts.total)
