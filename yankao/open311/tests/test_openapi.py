"""The OpenAPI document is kept true: every API route is in it, every documented GET answers
with a body that validates against the schema the document gives for it."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from yankao.open311 import urls
from yankao.open311.tests.conftest import BASE

pytestmark = pytest.mark.django_db

SAMPLES = {"format": "json", "service_code": "D04", "service_request_id": "NONE", "token": "NONE"}


def test_every_api_route_is_documented(client: Any, city: Any) -> None:
    doc = client.get(f"{BASE}/openapi.json").json()
    documented = {path.split("/open311/v2/")[1].split(".")[0].split("/")[0] for path in doc["paths"]}
    routes = {
        p.pattern.regex.pattern.removeprefix("^open311/v2/").split("\\.")[0].split("/")[0]
        for p in urls.urlpatterns
        if p.pattern.regex.pattern.startswith("^open311/v2/") and p.name not in ("openapi", "not_found")
    }
    assert routes == documented == {"discovery", "services", "requests", "tokens", "servicerequestupdates"}


def test_every_documented_get_answers_as_documented(client: Any, city: Any) -> None:
    doc = client.get(f"{BASE}/openapi.json").json()
    for path, operations in doc["paths"].items():
        url = path.format(**SAMPLES)
        response = client.get(url)
        assert str(response.status_code) in operations["get"]["responses"], url
        schema_ref = operations["get"]["responses"][str(response.status_code)]["content"]["application/json"]
        schema = {**schema_ref["schema"], "components": doc["components"]}
        Draft202012Validator(schema).validate(response.json())
