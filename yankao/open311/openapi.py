"""The OpenAPI 3.1 document of the GeoReport v2 API, built from the Open311 JSON Schemas in
`schemas/` (open311/schema-validation, georeport-v2) so that the document and the tests check
the same shapes. tests/test_openapi.py keeps it true: every URL of the app is in it and every
documented path answers.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from yankao.open311.services import CLIENT_STATUSES

SCHEMA_DIR = Path(__file__).parent / "schemas"
FORMAT_PARAM = {"name": "format", "in": "path", "required": True, "schema": {"type": "string", "enum": ["json", "xml"]}}
EMPTY = {"type": "string", "maxLength": 0}


def optional(schema: dict[str, Any]) -> dict[str, Any]:
    """The spec: an optional argument passed empty is the same as one not passed."""
    return {"anyOf": [schema, EMPTY]}


DATE = optional({"anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}]})
LOCALE = {"type": "string", "enum": ["", "zh-Hant", "zh-TW", "zh", "en", "en-US", "en-GB"]}
BOOLEAN = {"type": "string", "enum": ["", "true", "false"]}
COMMON_QUERY = [
    {"name": "jurisdiction_id", "in": "query", "schema": {"type": "string"}, "description": "kcg.gov.tw（可省略）"},
    {"name": "locale", "in": "query", "schema": LOCALE},
    {"name": "api_key", "in": "query", "schema": {"type": "string"}, "description": "選填；帶金鑰時依金鑰限流"},
]


@cache
def load_schema(name: str) -> dict[str, Any]:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return _rewrite_refs(schema)


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: (f"#/components/schemas/{value.removesuffix('.json')}" if key == "$ref" else _rewrite_refs(value))
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


ERRORS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["code", "description"],
        "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
    },
}
TOKENS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["token"],
        "properties": {"service_request_id": {"type": "string"}, "token": {"type": "string"}},
    },
}
POSTED = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["token"],
        "properties": {
            "service_request_id": {"type": "string"},
            "token": {"type": "string"},
            "service_notice": {"type": ["string", "null"]},
            "account_id": {"type": ["string", "null"]},
        },
    },
}
DISCOVERY = {
    "type": "object",
    "required": ["endpoints"],
    "properties": {
        "changeset": {"type": "string"},
        "contact": {"type": "string"},
        "key_service": {"type": "string"},
        "endpoints": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["specification", "url", "formats"],
                "properties": {
                    "specification": {"type": "string"},
                    "url": {"type": "string"},
                    "changeset": {"type": "string"},
                    "type": {"type": "string"},
                    "formats": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
}
UPDATES = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["update_id", "service_request_id", "status", "updated_datetime"],
        "properties": {
            "update_id": {"type": "string"},
            "service_request_id": {"type": "string"},
            "status": {"type": "string"},
            "updated_datetime": {"type": "string", "format": "date-time"},
            "description": {"type": ["string", "null"]},
            "media_url": {"type": ["string", "null"]},
        },
    },
}
UPDATE_POSTED = {
    "type": "array",
    "items": {"type": "object", "required": ["update_id"], "properties": {"update_id": {"type": "string"}}},
}


def _ok(schema_ref: str, description: str = "成功") -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}},
            "text/xml": {"schema": {"type": "string"}},
        },
    }


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/errors"}},
            "text/xml": {"schema": {"type": "string"}},
        },
    }


def _get(summary: str, schema_ref: str, params: list[dict[str, Any]], *, not_found: bool = False) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": _ok(schema_ref),
        "400": _error("參數錯誤"),
        "403": _error("api_key 無效"),
        "404": _error("不存在（或 jurisdiction_id 不符）"),
        "429": _error("請求過於頻繁"),
    }
    if not not_found:
        responses["404"] = _error("jurisdiction_id 不存在")
    return {"summary": summary, "parameters": [FORMAT_PARAM, *COMMON_QUERY, *params], "responses": responses}


def _q(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "query", "description": description, "schema": schema or {"type": "string"}}


def request_filters(max_radius: int, max_page_size: int) -> list[dict[str, Any]]:
    return [
        _q("service_request_id", "逗號分隔的案號；提供時忽略其他條件"),
        _q("service_code", "逗號分隔的服務代碼"),
        _q("start_date", "ISO 8601；預設為 end_date 前 90 日", DATE),
        _q("end_date", "ISO 8601；預設為現在", DATE),
        _q(
            "status",
            "open、closed 或兩者（逗號分隔）",
            {"type": "string", "pattern": "^((open|closed)(,(open|closed))*)?$"},
        ),
        _q("updated_after", "v2.1 草案：更新時間下限", DATE),
        _q("updated_before", "v2.1 草案：更新時間上限", DATE),
        _q("extensions", "true：加上 notes（歷程）、extended_attributes（管道、細部狀態）", BOOLEAN),
        _q("lat", "緯度（須與 long 一起）", optional({"type": "number", "minimum": -90, "maximum": 90})),
        _q("long", "經度（須與 lat 一起）", optional({"type": "number", "minimum": -180, "maximum": 180})),
        _q(
            "radius",
            "公尺（預設 1000；須與 lat、long 一起）",
            optional({"type": "number", "minimum": 1, "maximum": max_radius}),
        ),
        _q("bbox", "min_long,min_lat,max_long,max_lat"),
        _q("page", "頁次（1 起）", optional({"type": "integer", "minimum": 1, "maximum": 100000})),
        _q("page_size", "每頁件數", optional({"type": "integer", "minimum": 1, "maximum": max_page_size})),
    ]


def post_fields(service_codes: list[str]) -> dict[str, Any]:
    """The form of POST requests. Rules across fields — a location (lat and long inside the city,
    or an address), the attributes each service requires — are checked by the server (400)."""
    return {
        "type": "object",
        "required": ["api_key", "service_code"],
        "properties": {
            "api_key": {"type": "string"},
            "jurisdiction_id": {"type": "string"},
            "service_code": {"type": "string", "enum": service_codes},
            "lat": optional({"type": "number", "minimum": -90, "maximum": 90}),
            "long": optional({"type": "number", "minimum": -180, "maximum": 180}),
            "address_string": {"type": "string", "maxLength": 200},
            "address_id": {"type": "string", "maxLength": 100},
            "email": optional({"type": "string", "format": "email", "maxLength": 254}),
            "device_id": {"type": "string", "maxLength": 100},
            "account_id": {"type": "string", "maxLength": 100},
            "first_name": {"type": "string", "maxLength": 30},
            "last_name": {"type": "string", "maxLength": 30},
            "phone": {"type": "string", "maxLength": 30},
            "description": {"type": "string", "maxLength": 4000},
            "media_url": optional({"type": "string", "format": "uri", "maxLength": 500}),
        },
        "additionalProperties": {"type": "string", "description": "attribute[code] 或 attribute[code][]"},
    }


UPDATE_FIELDS = {
    "type": "object",
    "required": ["api_key", "service_request_id", "update_id", "description"],
    "properties": {
        "api_key": {"type": "string"},
        "service_request_id": {"type": "string", "minLength": 1, "maxLength": 40},
        "update_id": {"type": "string", "minLength": 1, "maxLength": 100},
        "status": {"type": "string", "enum": ["", *sorted(CLIENT_STATUSES)]},
        "description": {"type": "string", "minLength": 1, "maxLength": 4000},
        "updated_datetime": DATE,
        "media_url": optional({"type": "string", "format": "uri", "maxLength": 500}),
        "first_name": {"type": "string"},
        "last_name": {"type": "string"},
        "email": {"type": "string"},
    },
}


def _post(summary: str, fields: dict[str, Any], ok_ref: str) -> dict[str, Any]:
    return {
        "summary": summary,
        "parameters": [
            FORMAT_PARAM,
            {"name": "Idempotency-Key", "in": "header", "schema": {"type": "string", "maxLength": 255}},
        ],
        "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": fields}}},
        "responses": {
            "200": _ok(ok_ref, "重送：回覆第一次的結果（Idempotent-Replayed: true）"),
            "201": _ok(ok_ref, "已建立"),
            "400": _error("資料錯誤或缺漏"),
            "403": _error("api_key 缺少、無效或已撤銷"),
            "404": _error("jurisdiction_id 或 service_request_id 不存在"),
            "422": _error("Idempotency-Key 已用於內容不同的請求"),
            "429": _error("請求過於頻繁"),
        },
    }


def openapi_document(*, server: str = "") -> dict[str, Any]:
    from yankao.open311.selectors import api_policy, service_list

    policy = api_policy()
    codes = [s["service_code"] for s in service_list(locale="zh")]
    base = "/open311/v2"
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "高雄市政府 Open311 GeoReport v2 API",
            "version": "2.0",
            "description": (
                "GeoReport v2（含 page/page_size、updated_after/updated_before、extensions、lat/long/radius、"
                "bbox、locale 擴充，以及 mySociety servicerequestupdates）。POST 須帶 api_key；"
                "可帶 Idempotency-Key 標頭，重送只會建立一件案件。回應不含任何個人資料。"
            ),
        },
        "servers": [{"url": server or "/"}],
        "paths": {
            f"{base}/discovery.{{format}}": {"get": _get("服務探索", "discovery", [])},
            f"{base}/services.{{format}}": {"get": _get("服務清單", "services", [])},
            f"{base}/services/{{service_code}}.{{format}}": {
                "get": _get(
                    "服務定義（屬性）",
                    "service-definition",
                    [{"name": "service_code", "in": "path", "required": True, "schema": {"type": "string"}}],
                    not_found=True,
                )
            },
            f"{base}/requests.{{format}}": {
                "get": _get("查詢案件", "requests", request_filters(policy.max_radius_m, policy.max_page_size)),
                "post": _post("新增案件", post_fields(codes), "posted"),
            },
            f"{base}/requests/{{service_request_id}}.{{format}}": {
                "get": _get(
                    "查詢單一案件",
                    "requests",
                    [
                        {"name": "service_request_id", "in": "path", "required": True, "schema": {"type": "string"}},
                        _q("extensions", "true：加上歷程與細部狀態", BOOLEAN),
                    ],
                    not_found=True,
                )
            },
            f"{base}/tokens/{{token}}.{{format}}": {
                "get": _get(
                    "以 token 查案號",
                    "tokens",
                    [{"name": "token", "in": "path", "required": True, "schema": {"type": "string"}}],
                    not_found=True,
                )
            },
            f"{base}/servicerequestupdates.{{format}}": {
                "get": _get(
                    "案件更新（mySociety 擴充）",
                    "updates",
                    [
                        _q("start_date", "ISO 8601", DATE),
                        _q("end_date", "ISO 8601", DATE),
                        _q("page", "頁次", optional({"type": "integer", "minimum": 1, "maximum": 100000})),
                        _q(
                            "page_size",
                            "每頁件數",
                            optional({"type": "integer", "minimum": 1, "maximum": policy.max_page_size}),
                        ),
                    ],
                ),
                "post": _post("回報案件更新（mySociety 擴充）", UPDATE_FIELDS, "update-posted"),
            },
        },
        "components": {
            "schemas": {
                "request": load_schema("request.json"),
                "requests": load_schema("requests.json"),
                "service": load_schema("service.json"),
                "services": load_schema("services.json"),
                "service-definition": load_schema("service-definition.json"),
                "errors": ERRORS,
                "tokens": TOKENS,
                "posted": POSTED,
                "discovery": DISCOVERY,
                "updates": UPDATES,
                "update-posted": UPDATE_POSTED,
            },
            "securitySchemes": {"api_key_header": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}},
        },
    }
