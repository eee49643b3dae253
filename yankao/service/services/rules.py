"""Reading the rules of administration that cases are given (catalogue, routes, deadlines, limits)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError

from yankao.org.models import Agency, District
from yankao.service.models import Category, CategoryRoute, DeadlineRule, ServicePolicy
from yankao.service.models.rules import DISTRICT_OFFICE

DEFAULT_POLICY = ServicePolicy()


def policy_on(day: dt.date) -> ServicePolicy:
    """The service policy in force on `day` (the built-in defaults if none is stored)."""
    found = ServicePolicy.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    return found or DEFAULT_POLICY


def category_resolve(value: Category | str | int) -> Category:
    """A category by instance, primary key, service code or name; Chinese error if unknown or retired."""
    if isinstance(value, Category):
        category = value
    else:
        text = str(value).strip()
        qs = Category.objects.all()
        found = (qs.filter(pk=int(text)).first() if text.isdigit() else None) or (
            qs.filter(service_code=text).first() or qs.filter(name=text).first()
        )
        if found is None:
            raise ValidationError(f"未知的案件類別「{text}」", code="unknown_category")
        category = found
    if not category.is_active:
        raise ValidationError(f"案件類別「{category.name}」已停用", code="inactive_category")
    return category


def district_resolve(value: District | str | None) -> District | None:
    if value is None or isinstance(value, District):
        return value
    text = value.strip().replace("台", "臺")
    if not text:
        return None
    qs = District.objects.filter(city__code=settings.YANKAO_CITY_CODE)
    found = qs.filter(name=text).first() or qs.filter(name=f"{text}區").first() or qs.filter(code=text).first()
    if found is None:
        raise ValidationError(f"未知的行政區「{text}」", code="unknown_district")
    return found


def agency_resolve(value: Agency | str | None) -> Agency | None:
    """An agency by instance, code or (short) name of this city."""
    if value is None or isinstance(value, Agency):
        return value
    text = value.strip()
    if not text:
        return None
    qs = Agency.objects.filter(city__code=settings.YANKAO_CITY_CODE, is_active=True)
    found = qs.filter(code=text).first() or qs.filter(name=text).first() or qs.filter(short_name=text).first()
    if found is None:
        raise ValidationError(f"未知的機關「{text}」", code="unknown_agency")
    return found


def route_agency_id(category: Category, district: District | None) -> int | None:
    """分案: the responsible agency's id from the catalogue; the district's own route wins over the default.

    None when the catalogue names no agency (the centre assigns by hand) or when the route is the
    district office but the case has no district yet. Reads plain values (no model instances),
    since every intake runs it.
    """
    routes = dict(CategoryRoute.objects.filter(category=category).values_list("district_name", "agency_code"))
    code = routes.get(district.name) if district is not None else None
    code = code or routes.get("")
    if not code:
        return None
    agencies = Agency.objects.filter(is_active=True)
    if code == DISTRICT_OFFICE:
        if district is None:
            return None
        agencies = agencies.filter(kind=Agency.Kind.DISTRICT_OFFICE, district=district)
    else:
        agencies = agencies.filter(city__code=settings.YANKAO_CITY_CODE, code=code)
    return agencies.values_list("pk", flat=True).first()


def route_for(category: Category, district: District | None) -> Agency | None:
    """The routed agency as a record (see `route_agency_id`)."""
    agency_id = route_agency_id(category, district)
    return Agency.objects.get(pk=agency_id) if agency_id else None


def deadline_rule_for(code: str, day: dt.date) -> DeadlineRule | None:
    """The version of rule `code` in force on `day`."""
    return DeadlineRule.objects.filter(code=code, effective_from__lte=day).order_by("-effective_from").first()
