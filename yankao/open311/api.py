"""GeoReport v2 at /open311/v2/: every endpoint in JSON and XML, the field extensions, and
mySociety's servicerequestupdates. Views parse, call one selector or service, and render;
every error is answered in the spec's format with its HTTP status.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt

from yankao.open311 import selectors, services
from yankao.open311.georeport import FORMATS, JSON_TYPE, XML_TYPE, ApiError, error_response, parse_datetime, render
from yankao.open311.models import ApiClient, ApiPolicy
from yankao.open311.openapi import openapi_document

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _raw_key(request: HttpRequest, data: dict[str, list[str]] | None) -> str:
    raw = request.headers.get("X-Api-Key", "")
    if not raw and data is not None:
        raw = (data.get("api_key") or [""])[-1]
    if not raw:
        raw = request.GET.get("api_key", "")
    return raw.strip()


def _caller(
    request: HttpRequest, policy: ApiPolicy, data: dict[str, list[str]] | None = None, *, required: bool = False
) -> ApiClient | None:
    """The client by its key (403 if unknown or revoked; None without one, unless `required`),
    counted against its rate limit (429 when over; per IP without a key)."""
    raw = _raw_key(request, data)
    if not raw and required:
        raise ApiError(403, "缺少 api_key（請向高雄市政府研考會申請）")
    return services.caller_check(raw_key=raw, ip=_client_ip(request), policy=policy)


def _form(request: HttpRequest) -> dict[str, list[str]]:
    content_type = request.content_type or ""
    if not content_type.startswith(FORM_TYPES):
        raise ApiError(400, f"POST 須為 application/x-www-form-urlencoded（收到 {content_type[:60] or '無類型'}）")
    try:
        return {key: request.POST.getlist(key) for key in request.POST}
    except (RequestDataTooBig, TooManyFieldsSent):
        raise ApiError(400, "請求內容過大") from None
    except (MultiPartParserError, UnicodeDecodeError):
        raise ApiError(400, "無法解析表單內容（須為 UTF-8 表單）") from None


def georeport(*methods: str) -> Callable[..., Any]:
    """Allowed methods, the format from the URL, errors in the spec's format."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @csrf_exempt
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, fmt: str | None = "json", **kwargs: Any) -> HttpResponse:
            fmt = fmt if fmt in FORMATS else "json"
            try:
                if request.method not in methods:
                    raise ApiError(405, f"不支援 {request.method} 方法", headers={"Allow": ", ".join(methods)})
                jurisdiction = request.GET.get("jurisdiction_id", "").strip()
                policy = selectors.api_policy()
                if jurisdiction and jurisdiction != policy.jurisdiction_id:
                    raise ApiError(
                        404, f"jurisdiction_id「{jurisdiction[:40]}」不存在，本端點為 {policy.jurisdiction_id}"
                    )
                selectors.parse_locale(request.GET.get("locale"))
                return view(request, *args, fmt=fmt, policy=policy, **kwargs)
            except ApiError as exc:
                return error_response(exc, fmt)

        return wrapped

    return decorator


@georeport("GET")
def discovery(request: HttpRequest, *, fmt: str, policy: ApiPolicy) -> HttpResponse:
    _caller(request, policy)
    base = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": fmt})).rsplit("/", 1)[0]
    payload = {
        "changeset": "2025-01-01T00:00:00+08:00",
        "contact": "高雄市政府研究發展考核委員會（1999 市民服務專線）",
        "key_service": "API 金鑰由高雄市政府研考會核發（後台「Open311 API 金鑰」）",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": "2025-01-01T00:00:00+08:00",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(payload, fmt=fmt, root="discovery")


@georeport("GET")
def service_list(request: HttpRequest, *, fmt: str, policy: ApiPolicy) -> HttpResponse:
    _caller(request, policy)
    locale = selectors.parse_locale(request.GET.get("locale"))
    return render(selectors.service_list(locale=locale), fmt=fmt, root="services")


@georeport("GET")
def service_definition(request: HttpRequest, code: str, *, fmt: str, policy: ApiPolicy) -> HttpResponse:
    _caller(request, policy)
    locale = selectors.parse_locale(request.GET.get("locale"))
    return render(selectors.service_definition(code=code, locale=locale), fmt=fmt, root="service_definition")


def cache_seconds() -> int:
    """How long a GET requests answer is cached (0: never); the setting, else the environment."""
    value = getattr(settings, "OPEN311_RESPONSE_CACHE_SECONDS", None)
    return int(value if value is not None else os.environ.get("OPEN311_RESPONSE_CACHE_SECONDS", "60"))


def _cached_search(query: selectors.RequestQuery, fmt: str) -> tuple[str, bytes | None]:
    """The cache key of this GET answer and its cached body, gzip-compressed (None: not cached)."""
    seconds = cache_seconds()
    if not seconds:
        return "", None
    key = f"open311:req:{fmt}:gz:{query.cache_key()}:{selectors.requests_stamp()}"
    return key, cache.get(key)


def _accepts_gzip(request: HttpRequest) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def _body_response(request: HttpRequest, compressed: bytes, fmt: str) -> HttpResponse:
    """A cached answer as the client takes it: the stored gzip bytes when it accepts gzip (most HTTP
    clients do; a 1,000-row answer is about a tenth of its size), else decompressed."""
    content_type = XML_TYPE if fmt == "xml" else JSON_TYPE
    if _accepts_gzip(request):
        response = HttpResponse(compressed, content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(compressed), content_type=content_type)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


@georeport("GET", "POST")
def requests(request: HttpRequest, *, fmt: str, policy: ApiPolicy) -> HttpResponse:
    if request.method == "POST":
        return _post_request(request, fmt=fmt, policy=policy)
    _caller(request, policy)
    query = selectors.request_query_from(request.GET, policy=policy)
    key, body = _cached_search(query, fmt)
    etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:24]}"' if key else ""
    if etag and request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
        response["ETag"] = etag
        return response
    if body is not None:
        response = _body_response(request, body, fmt)
    else:
        response = render(selectors.request_search(query), fmt=fmt, root="service_requests")
        if key:
            compressed = gzip.compress(response.content, compresslevel=6, mtime=0)
            cache.set(key, compressed, timeout=cache_seconds())
            response = _body_response(request, compressed, fmt)
    if etag:
        response["ETag"] = etag
    return response


def _post_request(request: HttpRequest, *, fmt: str, policy: ApiPolicy) -> HttpResponse:
    data = _form(request)
    client = _caller(request, policy, data, required=True)
    result = services.request_submit(
        client=client,  # type: ignore[arg-type]
        data=data,
        idempotency_key=request.headers.get("Idempotency-Key", ""),
        policy=policy,
    )
    headers = {} if result.created else {"Idempotent-Replayed": "true"}
    return render(
        result.payload, fmt=fmt, root="service_requests", status=201 if result.created else 200, headers=headers
    )


@georeport("GET")
def request_detail(request: HttpRequest, request_id: str, *, fmt: str, policy: ApiPolicy) -> HttpResponse:
    _caller(request, policy)
    locale = selectors.parse_locale(request.GET.get("locale"))
    extensions = selectors.flag(request.GET, "extensions")
    payload = selectors.request_detail(request_id=request_id, locale=locale, extensions=extensions)
    return render(payload, fmt=fmt, root="service_requests")


@georeport("GET")
def token(request: HttpRequest, token: str, *, fmt: str, policy: ApiPolicy) -> HttpResponse:
    _caller(request, policy)
    return render(selectors.token_lookup(token), fmt=fmt, root="service_requests")


@georeport("GET", "POST")
def request_updates(request: HttpRequest, *, fmt: str, policy: ApiPolicy) -> HttpResponse:
    """mySociety's servicerequestupdates: GET the agencies' updates, POST a client's update."""
    if request.method == "POST":
        data = _form(request)
        client = _caller(request, policy, data, required=True)
        update = services.request_update_post(client=client, data=data)  # type: ignore[arg-type]
        payload = [{"update_id": f"client-{update.pk}"}]
        return render(payload, fmt=fmt, root="service_request_updates")
    _caller(request, policy)
    params = request.GET
    now = timezone.now()
    end = parse_datetime(params["end_date"], "end_date") if params.get("end_date", "").strip() else now
    start = (
        parse_datetime(params["start_date"], "start_date")
        if params.get("start_date", "").strip()
        else end - dt.timedelta(days=policy.default_window_days)
    )
    if start > end:
        raise ApiError(400, "start_date 晚於 end_date")
    query = selectors.request_query_from(_paging_only(params), policy=policy)
    payload = selectors.updates_search(
        start=start, end=end, page=query.page, page_size=query.page_size, locale=query.locale
    )
    return render(payload, fmt=fmt, root="service_request_updates")


def _paging_only(params: Any) -> QueryDict:
    kept = QueryDict(mutable=True)
    for name in ("page", "page_size", "locale"):
        if params.get(name):
            kept[name] = params[name]
    return kept


@georeport("GET", "POST", "PUT", "PATCH", "DELETE")
def not_found(request: HttpRequest, *, fmt: str, policy: ApiPolicy) -> HttpResponse:
    """Any other path under /open311/v2/: 404 in the spec's format (JSON unless it ends in .xml)."""
    raise ApiError(404, "沒有這個端點；請見 discovery.json 或 openapi.json")


def openapi(request: HttpRequest) -> HttpResponse:
    """The OpenAPI 3 document of this API (kept true by a test that checks every path)."""
    return JsonResponse(
        openapi_document(server=request.build_absolute_uri("/")[:-1]), json_dumps_params={"ensure_ascii": False}
    )
