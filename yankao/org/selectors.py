"""Reads with rules: what each user may see of the organisation."""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

import shapely
from django.db.models import Model, QuerySet
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

from yankao.org.models import Agency, District, User
from yankao.org.permissions import is_staff_member, sees_all_agencies


def scope_to_agency[M: Model](qs: QuerySet[M], user: Any, *, field: str = "agency") -> QuerySet[M]:
    """Limit `qs` to the rows of the user's own agency, all rows for the commission, none for others."""
    if not is_staff_member(user):
        return qs.none()
    if sees_all_agencies(user):
        return qs
    return qs.filter(**{f"{field}_id": user.agency_id})


def agency_list(*, city_code: str | None = None, kind: str | None = None) -> QuerySet[Agency]:
    qs = Agency.objects.filter(is_active=True).select_related("parent", "district")
    if city_code:
        qs = qs.filter(city__code=city_code)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def commission_agency(city_code: str) -> Agency | None:
    return Agency.objects.filter(city__code=city_code, kind=Agency.Kind.COMMISSION).first()


def district_list(*, city_code: str) -> QuerySet[District]:
    return District.objects.filter(city__code=city_code).order_by("code")


def staff_list_for(user: Any) -> QuerySet[User]:
    qs = User.objects.filter(kind=User.Kind.STAFF).select_related("agency", "unit").prefetch_related("role_grants")
    return scope_to_agency(qs, user).order_by("agency__sort_order", "username")


# ---------------------------------------------------------------------------
# Locating a district (行政區) from a point or from address text.
#
# The boundaries and names of a city's districts are read from the database once per process
# and kept here; `org_load_city` clears this cache, so reloading a city file is picked up.
# Editing a District by other means (the admin) needs `district_index_clear()` or a restart.


@dataclass(frozen=True)
class _DistrictIndex:
    districts: tuple[District, ...]
    shapes: tuple[BaseGeometry, ...]  # prepared; shapes[i] is the boundary of with_shape[i]
    with_shape: tuple[District, ...]
    tree: STRtree
    names: tuple[tuple[str, District], ...]  # (normalised full name, district), longest first


_INDEXES: dict[str, _DistrictIndex] = {}
_INDEX_LOCK = threading.Lock()


def district_index_clear() -> None:
    """Forget the cached district boundaries and names of every city (after a reload)."""
    with _INDEX_LOCK:
        _INDEXES.clear()


def _build_index(city_code: str) -> _DistrictIndex:
    districts = tuple(District.objects.filter(city__code=city_code).select_related("city").order_by("code"))
    with_shape = tuple(d for d in districts if d.boundary)
    shapes = tuple(shape(d.boundary) for d in with_shape)
    for geom in shapes:
        shapely.prepare(geom)
    names = sorted(((_normalise(d.name), d) for d in districts), key=lambda pair: -len(pair[0]))
    return _DistrictIndex(districts, shapes, with_shape, STRtree(shapes), tuple(names))


def _index_for(city_code: str) -> _DistrictIndex:
    index = _INDEXES.get(city_code)
    if index is None:
        index = _build_index(city_code)
        with _INDEX_LOCK:
            _INDEXES[city_code] = index
    return index


def district_for_point(*, city_code: str, lat: float, lng: float) -> District | None:
    """The district of `city_code` whose boundary covers (lat, lng) in WGS84, or None.

    A point exactly on a shared border goes to the district with the lower code.
    """
    index = _index_for(city_code)
    point = Point(lng, lat)
    for i in sorted(index.tree.query(point)):
        if index.shapes[i].covers(point):
            return index.with_shape[i]
    return None


# The 22 counties and cities of Taiwan, to tell an address in another city from a bare district.
_OTHER_CITIES = (
    *("臺北市", "新北市", "桃園市", "臺中市", "臺南市", "高雄市", "基隆市", "新竹市", "嘉義市", "新竹縣", "苗栗縣"),
    *("彰化縣", "南投縣", "雲林縣", "嘉義縣", "屏東縣", "宜蘭縣", "花蓮縣", "臺東縣", "澎湖縣", "金門縣", "連江縣"),
)
_LEADING = re.compile(r"^(?:\d{3,6})?(?:中華民國)?(?:臺灣省?)?")


def _normalise(text: str) -> str:
    """Full-width → half-width, no spaces, 台 → 臺 (both are in use)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("台", "臺")


def district_for_address(*, city_code: str, address: str) -> District | None:
    """The district of `city_code` named in free address text, or None.

    Rules: a leading postcode, 中華民國 and 臺灣 are skipped; if the text then names another city
    or county, the answer is None. Otherwise the full district name (with 區) that occurs first
    wins, the longer name on a tie. A bare stem without 區 ("鳳山光復路") is not matched: many
    stems are also road names (三民路, 新興路, 永安街), so it cannot be told apart.
    """
    index = _index_for(city_code)
    if not index.districts:
        return None
    text = _LEADING.sub("", _normalise(address))
    city_name = _normalise(index.districts[0].city.name)
    if text.startswith(city_name):
        text = text[len(city_name) :]
    elif any(text.startswith(other) for other in _OTHER_CITIES):
        return None
    best: tuple[int, int, District] | None = None
    for name, district in index.names:
        at = text.find(name)
        if at >= 0 and (best is None or (at, -len(name)) < (best[0], best[1])):
            best = (at, -len(name), district)
    return best[2] if best else None
