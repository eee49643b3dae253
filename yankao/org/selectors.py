"""Reads with rules: what each user may see of the organisation."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

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
