"""Reads of the Open311 API: the policy in force, clients by key, the published catalogue,
service requests with every filter of GeoReport v2 and its field extensions, tokens, updates.

Everything a GET returns is public: only published categories, no names, phones or emails,
free text scrubbed, and the exact place withheld where the category is marked sensitive.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Max, Q
from django.http import QueryDict
from django.utils import timezone

from yankao.core.snapshots import ProcessSnapshot
from yankao.core.workdays import DeadlineUnit
from yankao.open311.georeport import ApiError, comma_list, iso, parse_datetime, public_address, rounded, scrub_text
from yankao.open311.models import ApiClient, ApiPolicy, RequestUpdate, ServiceAttribute, Submission
from yankao.service.models import Case, CaseStep, Category
from yankao.service.models.cases import OPEN_STATUSES, Status

DEFAULT_POLICY = ApiPolicy()
# the values of `locale` (exactly as written: the OpenAPI document lists them)
LOCALES = {"zh-Hant": "zh", "zh-TW": "zh", "zh": "zh", "en": "en", "en-US": "en", "en-GB": "en"}
STATUS_EN = {
    "received": "Received",
    "assigned": "Assigned to an agency",
    "accepted": "Accepted by the agency",
    "in_progress": "In progress",
    "replied": "Answered",
    "closed": "Closed",
}


# every API request reads the policy in force and its client's key: both kept per process
# (core.snapshots). The policy, like the other rule tables, reaches other processes within
# SERVICE_RULES_CACHE_SECONDS. The keys must not wait that long (a revoked key stops working at
# once): every save or delete of a client puts a new value in the shared cache under CLIENTS_STAMP
# (after its commit), each keyed request reads that value with its rate-limit count (one round
# trip), and a process whose snapshot was loaded under another value reloads it before answering.
POLICIES = ProcessSnapshot(
    "open311-policies",
    lambda: list(ApiPolicy.objects.order_by("-effective_from")),
    ttl_setting="SERVICE_RULES_CACHE_SECONDS",
)
CLIENTS_STAMP = "open311:clients:stamp"


@dataclass(frozen=True)
class ClientsSnapshot:
    stamp: str
    by_hash: dict[str, ApiClient]  # active clients by the SHA-256 of their key


def clients_stamp() -> str:
    """The shared value naming the current state of the clients (a new one if the cache lost it)."""
    stamp = cache.get(CLIENTS_STAMP)
    if stamp is None:
        cache.add(CLIENTS_STAMP, uuid.uuid4().hex, timeout=None)
        stamp = cache.get(CLIENTS_STAMP)
    return str(stamp)


def clients_changed() -> None:
    """A client was issued, changed or revoked: every process reloads its keys at its next request."""
    cache.set(CLIENTS_STAMP, uuid.uuid4().hex, timeout=None)


def _clients_load() -> ClientsSnapshot:
    stamp = clients_stamp()  # read before the rows: a change committed meanwhile forces another load
    return ClientsSnapshot(stamp, {c.key_hash: c for c in ApiClient.objects.filter(is_active=True)})


CLIENTS = ProcessSnapshot("open311-clients", _clients_load, ttl_setting="SERVICE_RULES_CACHE_SECONDS")


def api_policy(day: dt.date | None = None) -> ApiPolicy:
    """The API policy in force on `day` (today by default; built-in defaults if none stored)."""
    day = day or timezone.localdate()
    for policy in POLICIES.get():
        if policy.effective_from <= day:
            return policy
    return DEFAULT_POLICY


def key_hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def client_for_key(raw_key: str, *, stamp: str | None = None) -> ApiClient | None:
    """The active client holding `raw_key`, or None (unknown or revoked).

    From this process's snapshot of the keys; `stamp` is the shared CLIENTS_STAMP as just read
    (None: not read), and a snapshot loaded under another value is reloaded first. A key missing
    from the snapshot is looked up in the database (issued in another process a moment ago).
    """
    if not raw_key or len(raw_key) > 200:
        return None
    hashed = key_hash(raw_key)
    snapshot = CLIENTS.get()
    if stamp is not None and snapshot.stamp != stamp:
        CLIENTS.clear()
        snapshot = CLIENTS.get()
    found = snapshot.by_hash.get(hashed)
    if found is not None:
        return found
    return ApiClient.objects.filter(key_hash=hashed, is_active=True).first()


def client_list() -> Any:
    return ApiClient.objects.order_by("-is_active", "name")


def parse_locale(value: str | None) -> str:
    if not value:
        return "zh"
    found = LOCALES.get(value.strip())
    if found is None:
        raise ApiError(400, f"locale「{value[:20]}」不支援，可用 zh-Hant 或 en")
    return found


# --- the catalogue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryInfo:
    pk: int
    code: str
    name: str
    name_en: str
    group: str
    description: str
    description_en: str
    keywords: str
    service_type: str
    published: bool
    sensitive: bool
    is_public: bool
    is_active: bool
    attributes: int = 0

    def label(self, locale: str) -> str:
        return (self.name_en or self.name) if locale == "en" else self.name


def _catalogue_load() -> dict[int, CategoryInfo]:
    rows = Category.objects.values_list(
        "pk",
        "service_code",
        "name",
        "group",
        "description",
        "is_public",
        "is_active",
        "open311__published",
        "open311__address_sensitive",
        "open311__name_en",
        "open311__description_en",
        "open311__keywords",
        "open311__service_type",
    )
    counts: dict[int, int] = {}
    for category_id in ServiceAttribute.objects.values_list("category_id", flat=True):
        counts[category_id] = counts.get(category_id, 0) + 1
    found = {}
    for pk, code, name, group, desc, is_public, active, published, sensitive, name_en, desc_en, kw, stype in rows:
        found[pk] = CategoryInfo(
            pk=pk,
            code=code,
            name=name,
            name_en=name_en or "",
            group=group,
            description=desc,
            description_en=desc_en or "",
            keywords=kw or "",
            service_type=stype or "realtime",
            published=bool(published),
            sensitive=True if sensitive is None else bool(sensitive),
            is_public=is_public,
            is_active=active,
            attributes=counts.get(pk, 0),
        )
    return found


# every POST and GET reads the catalogue and the attributes: kept per process (core.snapshots)
CATALOGUE = ProcessSnapshot("open311-catalogue", _catalogue_load, ttl_setting="SERVICE_RULES_CACHE_SECONDS")


def _attributes_load() -> dict[int, list[ServiceAttribute]]:
    found: dict[int, list[ServiceAttribute]] = {}
    for attribute in ServiceAttribute.objects.order_by("category_id", "order", "code"):
        found.setdefault(attribute.category_id, []).append(attribute)
    return found


ATTRIBUTES = ProcessSnapshot("open311-attributes", _attributes_load, ttl_setting="SERVICE_RULES_CACHE_SECONDS")


def catalogue(*, code: str | None = None) -> dict[int, CategoryInfo]:
    """Every category with its Open311 profile (a category without a profile is not published)."""
    found = CATALOGUE.get()
    if code is None:
        return dict(found)
    return {pk: info for pk, info in found.items() if info.code == code}


def published_category(code: str) -> CategoryInfo | None:
    """A published category by service code, for a definition or a POST (None if not offered)."""
    for info in catalogue(code=code).values():
        if info.published and info.is_active:
            return info
    return None


def service_list(*, locale: str) -> list[dict[str, Any]]:
    """GET services: the published, active categories a client may post to."""
    result = []
    for info in catalogue().values():
        if not (info.published and info.is_active and info.is_public):
            continue
        result.append(
            {
                "service_code": info.code,
                "service_name": info.label(locale),
                "description": (info.description_en or info.description) if locale == "en" else info.description,
                "metadata": info.attributes > 0,
                "type": info.service_type,
                "keywords": info.keywords or None,
                "group": info.group or None,
            }
        )
    return result


def _attribute_dict(attribute: ServiceAttribute, locale: str) -> dict[str, Any]:
    values = [
        {"key": str(v["key"]), "name": str(v.get("name_en") or v["name"]) if locale == "en" else str(v["name"])}
        for v in attribute.values or []
    ]
    data: dict[str, Any] = {
        "variable": attribute.variable,
        "code": attribute.code,
        "datatype": attribute.datatype,
        "required": attribute.required,
        "datatype_description": attribute.datatype_description or None,
        "order": attribute.order,
        "description": (attribute.description_en or attribute.description) if locale == "en" else attribute.description,
    }
    if attribute.datatype in (ServiceAttribute.Datatype.SINGLE, ServiceAttribute.Datatype.MULTI):
        data["values"] = values
    return data


def service_definition(*, code: str, locale: str) -> dict[str, Any]:
    """GET services/{code}: the attributes of one published service (404 if not offered)."""
    info = published_category(code)
    if info is None or not info.is_public:
        raise ApiError(404, f"service_code「{code[:40]}」不存在")
    attributes = ServiceAttribute.objects.filter(category_id=info.pk).order_by("order", "code")
    return {"service_code": info.code, "attributes": [_attribute_dict(a, locale) for a in attributes]}


def attributes_for(category_id: int) -> list[ServiceAttribute]:
    return list(ATTRIBUTES.get().get(category_id, ()))


# --- service requests -------------------------------------------------------------------------


@dataclass
class RequestQuery:
    """The filters of GET requests, parsed and checked (the spec's and the field extensions')."""

    ids: list[str] = field(default_factory=list)
    service_codes: list[str] = field(default_factory=list)
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    statuses: list[str] = field(default_factory=list)
    updated_after: dt.datetime | None = None
    updated_before: dt.datetime | None = None
    lat: float | None = None
    lng: float | None = None
    radius_m: float | None = None
    bbox: tuple[float, float, float, float] | None = None
    page: int = 1
    page_size: int = 1000
    extensions: bool = False
    locale: str = "zh"

    def cache_key(self) -> str:
        return hashlib.sha256(repr(self).encode()).hexdigest()[:32]


def _number(params: QueryDict, name: str, low: float, high: float) -> float | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ApiError(400, f"{name}「{raw[:20]}」不是數字") from None
    if not math.isfinite(value) or not (low <= value <= high):
        raise ApiError(400, f"{name} 須介於 {low:g} 與 {high:g} 之間")
    return value


def _integer(params: QueryDict, name: str, default: int, high: int) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not (1 <= int(raw) <= high):
        raise ApiError(400, f"{name} 須為 1 到 {high} 的整數")
    return int(raw)


def flag(params: QueryDict, name: str) -> bool:
    """A boolean parameter: true or false (empty means absent)."""
    raw = params.get(name, "").strip()
    if raw in ("", "false"):
        return False
    if raw == "true":
        return True
    raise ApiError(400, f"{name} 須為 true 或 false")


def _geo(params: QueryDict, query: RequestQuery, policy: ApiPolicy) -> None:
    query.lat = _number(params, "lat", -90, 90)
    query.lng = _number(params, "long", -180, 180)
    query.radius_m = _number(params, "radius", 1, policy.max_radius_m)
    if (query.lat is None) != (query.lng is None):
        raise ApiError(400, "lat 與 long 須同時提供")
    if query.radius_m is not None and query.lat is None:
        raise ApiError(400, "radius 須與 lat、long 一起使用")
    if query.lat is not None and query.radius_m is None:
        query.radius_m = min(1000.0, float(policy.max_radius_m))
    raw = params.get("bbox", "").strip()
    if raw:
        parts = comma_list(raw)
        try:
            box = tuple(float(p) for p in parts)
        except ValueError:
            box = ()
        if len(box) != 4 or not all(math.isfinite(v) for v in box):
            raise ApiError(400, "bbox 須為 min_long,min_lat,max_long,max_lat 四個數字")
        west, south, east, north = box
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise ApiError(400, "bbox 的範圍不正確（須 min_long < max_long、min_lat < max_lat）")
        query.bbox = (west, south, east, north)


def request_query_from(params: QueryDict, *, policy: ApiPolicy, now: dt.datetime | None = None) -> RequestQuery:
    """Parse the query string of GET requests; ApiError(400) names the first bad parameter."""
    query = RequestQuery(locale=parse_locale(params.get("locale")), extensions=flag(params, "extensions"))
    query.ids = comma_list(params.get("service_request_id"))[:1000]
    if query.ids:  # the spec: with service_request_id, every other filter is ignored
        return query
    query.service_codes = comma_list(params.get("service_code"))[:100]
    for status in comma_list(params.get("status")):
        if status not in ("open", "closed"):
            raise ApiError(400, f"status「{status[:20]}」不正確，可用 open 或 closed")
        query.statuses.append(status)
    for name in ("start_date", "end_date", "updated_after", "updated_before"):
        raw = params.get(name, "").strip()
        if raw:
            setattr(query, {"start_date": "start", "end_date": "end"}.get(name, name), parse_datetime(raw, name))
    if query.start and query.end and query.start > query.end:
        raise ApiError(400, "start_date 晚於 end_date")
    if query.updated_after and query.updated_before and query.updated_after > query.updated_before:
        raise ApiError(400, "updated_after 晚於 updated_before")
    _geo(params, query, policy)
    has_paging = bool(params.get("page") or params.get("page_size"))
    query.page = _integer(params, "page", 1, 100_000)
    query.page_size = _integer(
        params,
        "page_size",
        policy.default_max_requests if not has_paging else min(100, policy.max_page_size),
        policy.max_page_size,
    )
    if not (query.start or query.end or query.updated_after or query.updated_before):
        # the spec's default: a span of 90 days up to now (to the minute, so that answers can be cached)
        now = (now or timezone.now()).replace(second=0, microsecond=0)
        query.end = now + dt.timedelta(minutes=1)
        query.start = now - dt.timedelta(days=policy.default_window_days)
    elif query.start and not query.end:
        query.end = query.start + dt.timedelta(days=policy.default_window_days)
    elif query.end and not query.start and not (query.updated_after or query.updated_before):
        query.start = query.end - dt.timedelta(days=policy.default_window_days)
    return query


REQUEST_FIELDS = (
    "pk",
    "number",
    "status",
    "category_id",
    "description",
    "agency__name",
    "agency__name_en",
    "received_at",
    "updated_at",
    "closed_at",
    "deadline_at",
    "deadline_amount",
    "deadline_unit",
    "address",
    "lat",
    "lng",
    "open311_submission__media_url",
    "channel",
    "district__name",
    "district__name_en",
)


def _box_for(lat: float, lng: float, radius_m: float) -> tuple[float, float, float, float]:
    span_lat = radius_m / 111_320
    span_lng = radius_m / (111_320 * max(0.01, math.cos(math.radians(lat))))
    return lng - span_lng, lat - span_lat, lng + span_lng, lat + span_lat


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    rlat1, rlat2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((rlat2 - rlat1) / 2) ** 2
        + math.cos(rlat1) * math.cos(rlat2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    )
    return 6_371_000 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _filtered(query: RequestQuery, cats: dict[int, CategoryInfo]) -> Any:
    published = [pk for pk, info in cats.items() if info.published]
    qs = Case.objects.filter(category_id__in=published)
    if query.ids:
        return qs.filter(number__in=query.ids)
    if query.service_codes:
        wanted = {info.code: pk for pk, info in cats.items() if info.published}
        qs = qs.filter(category_id__in=[wanted[c] for c in query.service_codes if c in wanted])
    if query.statuses and set(query.statuses) != {"open", "closed"}:
        qs = qs.filter(status=Status.CLOSED) if query.statuses == ["closed"] else qs.filter(status__in=OPEN_STATUSES)
    if query.start:
        qs = qs.filter(received_at__gte=query.start)
    if query.end:
        qs = qs.filter(received_at__lte=query.end)
    if query.updated_after:
        qs = qs.filter(updated_at__gte=query.updated_after)
    if query.updated_before:
        qs = qs.filter(updated_at__lte=query.updated_before)
    box = query.bbox
    if query.lat is not None and query.lng is not None and query.radius_m:
        box = _box_for(query.lat, query.lng, query.radius_m)
    if box is not None:
        west, south, east, north = box
        qs = qs.filter(lat__gte=south, lat__lte=north, lng__gte=west, lng__lte=east)
    return qs


STATUS_LABEL = {value: str(label) for value, label in Status.choices}
UNIT_LABEL = {value: str(label) for value, label in DeadlineUnit.choices}
CLOSED = Status.CLOSED.value


def _notice(amount: Any, unit: str, locale: str) -> str | None:
    if amount is None or not unit:
        return None
    label = UNIT_LABEL.get(unit, unit)
    amount = float(amount)  # a Decimal formats as 4.00 with :g
    if locale == "en":
        return f"To be handled within {amount:g} {unit.replace('_', ' ')}"
    return f"處理期限：{amount:g} {label}"


def _request_dict(row: tuple[Any, ...], cats: dict[int, CategoryInfo], locale: str) -> dict[str, Any]:
    (_pk, number, status, category_id, description, agency, agency_en, received, updated, closed, deadline,
     amount, unit, address, lat, lng, media_url, _channel, _district, _district_en) = row  # fmt: skip
    info = cats[category_id]
    is_closed = status == CLOSED
    return {
        "service_request_id": number,
        "status": "closed" if is_closed else "open",
        "status_notes": STATUS_EN.get(status) if locale == "en" else STATUS_LABEL.get(status),
        "service_name": info.label(locale),
        "service_code": info.code,
        "description": scrub_text(description)[:4000] or None,
        "agency_responsible": ((agency_en or agency) if locale == "en" else agency) or None,
        "service_notice": _notice(amount, unit, locale),
        "requested_datetime": iso(received),
        "updated_datetime": iso(closed if is_closed and closed else updated),
        "expected_datetime": iso(deadline),
        "address": (public_address(address) if info.sensitive else address) or None,
        "address_id": None,
        "zipcode": None,
        "lat": rounded(lat, info.sensitive),
        "long": rounded(lng, info.sensitive),
        "media_url": media_url or None,
    }


def _extend(items: list[dict[str, Any]], rows: list[tuple[Any, ...]], locale: str) -> None:
    """`extensions=true`: the status history (`notes`), channel and detailed status."""
    ids = [row[0] for row in rows]
    steps: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    for case_id, kind, at, to_status in (
        CaseStep.objects.filter(case_id__in=ids).order_by("at", "id").values_list("case_id", "kind", "at", "to_status")
    ):
        steps[case_id].append(
            {"datetime": iso(at), "description": CaseStep.Kind(kind).label, "type": kind, "status": to_status or None}
        )
    attributes = dict(Submission.objects.filter(case_id__in=ids).values_list("case_id", "attributes"))
    for item, row in zip(items, rows, strict=True):
        status, channel, district, district_en = row[2], row[17], row[18], row[19]
        submitted = {
            "datetime": item["requested_datetime"],
            "description": "受理",
            "type": "submitted",
            "status": "received",
        }
        item["notes"] = [submitted, *steps[row[0]]]
        item["extended_attributes"] = {
            "channel": channel,
            "detailed_status": status,
            "detailed_status_label": STATUS_EN.get(status) if locale == "en" else Status(status).label,
            "district": (district_en or district) if locale == "en" else district,
        }
        # sorted: PostgreSQL's jsonb does not keep the order the keys were written in
        posted = sorted((attributes.get(row[0]) or {}).items())
        item["attributes"] = [{"code": code, "value": value} for code, value in posted]


def request_search(query: RequestQuery) -> list[dict[str, Any]]:
    """GET requests: newest first, paged; the geographic filters exact (a box first, then distance)."""
    cats = catalogue()
    qs = _filtered(query, cats).order_by("-received_at", "-pk")
    offset = (query.page - 1) * query.page_size
    if query.lat is not None and query.lng is not None and query.radius_m:
        lat, lng, radius = query.lat, query.lng, query.radius_m
        rows = [
            r
            for r in qs.values_list(*REQUEST_FIELDS)[:20_000]
            if r[14] is not None and distance_m(lat, lng, float(r[14]), float(r[15])) <= radius
        ][offset : offset + query.page_size]
    else:
        rows = list(qs.values_list(*REQUEST_FIELDS)[offset : offset + query.page_size])
    items = [_request_dict(row, cats, query.locale) for row in rows]
    if query.extensions:
        _extend(items, rows, query.locale)
    return items


def request_detail(*, request_id: str, locale: str, extensions: bool) -> list[dict[str, Any]]:
    """GET requests/{id}: one published request (404 if unknown or not public)."""
    cats = catalogue()
    rows = list(_filtered(RequestQuery(ids=[request_id]), cats).values_list(*REQUEST_FIELDS)[:1])
    if not rows:
        raise ApiError(404, f"service_request_id「{request_id[:40]}」不存在")
    items = [_request_dict(rows[0], cats, locale)]
    if extensions:
        _extend(items, rows, locale)
    return items


def requests_stamp() -> str:
    """Changes whenever any case, step or posted update changes (cache key of GET answers)."""
    latest = Case.objects.aggregate(m=Max("updated_at"))["m"]
    return f"{latest.timestamp() if latest else 0}"


def token_lookup(token: str) -> list[dict[str, Any]]:
    """GET tokens/{token}: the service request the token became."""
    found = Submission.objects.filter(token=token).select_related("case").first() if len(token) <= 36 else None
    if found is None:
        raise ApiError(404, f"token「{token[:40]}」不存在")
    return [{"service_request_id": found.case.number, "token": found.token}]


# --- mySociety's servicerequestupdates --------------------------------------------------------

UPDATE_STATUS = {
    CaseStep.Kind.RECEIVED: "OPEN",
    CaseStep.Kind.ASSIGNED: "OPEN",
    CaseStep.Kind.ACCEPTED: "ACTION_SCHEDULED",
    CaseStep.Kind.TRANSFERRED: "INTERNAL_REFERRAL",
    CaseStep.Kind.STARTED: "IN_PROGRESS",
    CaseStep.Kind.REPLIED: "IN_PROGRESS",
    CaseStep.Kind.CLOSED: "CLOSED",
    CaseStep.Kind.REOPENED: "OPEN",
    CaseStep.Kind.DUPLICATE: "DUPLICATE",
    CaseStep.Kind.EXTENSION_REQUESTED: "IN_PROGRESS",
    CaseStep.Kind.EXTENSION_DECIDED: "IN_PROGRESS",
    CaseStep.Kind.OVERDUE: "IN_PROGRESS",
    CaseStep.Kind.SURVEYED: "CLOSED",
}


def updates_search(
    *, start: dt.datetime, end: dt.datetime, page: int, page_size: int, locale: str
) -> list[dict[str, Any]]:
    """The agencies' updates (case steps) of published requests between `start` and `end`."""
    published = [pk for pk, info in catalogue().items() if info.published]
    qs = (
        CaseStep.objects.filter(case__category_id__in=published, at__gte=start, at__lte=end)
        .order_by("at", "id")
        .values_list("id", "case__number", "kind", "at")
    )
    offset = (page - 1) * page_size
    return [
        {
            "update_id": f"step-{pk}",
            "service_request_id": number,
            "status": UPDATE_STATUS.get(CaseStep.Kind(kind), "OPEN"),
            "updated_datetime": iso(at),
            "description": CaseStep.Kind(kind).label if locale != "en" else kind.replace("_", " "),
            "media_url": None,
        }
        for pk, number, kind, at in qs[offset : offset + page_size]
    ]


def client_updates(*, case: Case) -> Any:
    return RequestUpdate.objects.filter(case=case).select_related("client")


def case_by_request_id(request_id: str) -> Case | None:
    """A published case by its service_request_id (the case number)."""
    published = [pk for pk, info in catalogue().items() if info.published]
    return Case.objects.filter(number=request_id, category_id__in=published).first()


# --- figures for the annual report ------------------------------------------------------------


def api_requests_count(*, start: dt.datetime, end: dt.datetime, client: ApiClient | None = None) -> int:
    """Service requests received through the Open311 API in [start, end) (optionally one client's)."""
    qs = Submission.objects.filter(case__received_at__gte=start, case__received_at__lt=end)
    if client is not None:
        qs = qs.filter(client=client)
    return qs.count()


def api_requests_by_client(*, start: dt.datetime, end: dt.datetime) -> list[tuple[str, int]]:
    """(client name, requests) received through the API in [start, end), most first."""
    counts: dict[str, int] = {}
    for name in Submission.objects.filter(case__received_at__gte=start, case__received_at__lt=end).values_list(
        "client__name", flat=True
    ):
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def published_q() -> Q:
    return Q(category_id__in=[pk for pk, info in catalogue().items() if info.published])
