"""Reading the rules of administration that cases are given (catalogue, routes, deadlines, limits)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from yankao.core.snapshots import ProcessSnapshot
from yankao.org.models import Agency, District
from yankao.service.models import Category, CategoryRoute, DeadlineRule, ServicePolicy
from yankao.service.models.rules import DISTRICT_OFFICE

DEFAULT_POLICY = ServicePolicy()


# --- the rulebook: every intake reads these rules, so each process keeps them in memory -------------
#
# The catalogue (its categories and routes), the deadline rules, the service policies and the agencies' codes change a
# few times a year and are read by every case filed (several queries per case). A process keeps one
# snapshot of them; a change saved in this process drops it at once (signals, see apps.py), and other
# processes (web workers, task workers) reload theirs after SERVICE_RULES_CACHE_SECONDS at most.


@dataclass
class _Rulebook:
    policies: list[ServicePolicy]  # newest first
    routes: dict[int, dict[str, str]]  # category id → district name ("" = default) → agency code
    agency_by_code: dict[str, int]  # active agencies of this city
    district_office: dict[int, int]  # district id → its active district office
    deadline_rules: dict[str, list[DeadlineRule]]  # code → versions, newest first
    categories: dict[str, Category]  # the catalogue (retired categories too) by service code and name


def _rulebook_load() -> _Rulebook:
    city = settings.YANKAO_CITY_CODE
    routes: dict[int, dict[str, str]] = {}
    for category_id, district_name, agency_code in CategoryRoute.objects.values_list(
        "category_id", "district_name", "agency_code"
    ):
        routes.setdefault(category_id, {})[district_name] = agency_code
    agency_by_code: dict[str, int] = {}
    for code, pk in Agency.objects.filter(city__code=city, is_active=True).values_list("code", "pk"):
        agency_by_code.setdefault(code, pk)
    district_office: dict[int, int] = {}
    for district_id, pk in Agency.objects.filter(
        is_active=True, kind=Agency.Kind.DISTRICT_OFFICE, district__isnull=False
    ).values_list("district_id", "pk"):
        district_office.setdefault(district_id, pk)
    deadline_rules: dict[str, list[DeadlineRule]] = {}
    for rule in DeadlineRule.objects.order_by("code", "-effective_from"):
        deadline_rules.setdefault(rule.code, []).append(rule)
    return _Rulebook(
        policies=list(ServicePolicy.objects.order_by("-effective_from")),
        routes=routes,
        agency_by_code=agency_by_code,
        district_office=district_office,
        deadline_rules=deadline_rules,
        categories={key: c for c in Category.objects.all() for key in (c.service_code, c.name)},
    )


RULEBOOK = ProcessSnapshot(
    "service-rulebook", _rulebook_load, ttl_setting="SERVICE_RULES_CACHE_SECONDS", key=lambda: settings.YANKAO_CITY_CODE
)


def rulebook() -> _Rulebook:
    """This process's snapshot of the intake rules, reloaded when stale or after a change."""
    return RULEBOOK.get()


def policy_on(day: dt.date) -> ServicePolicy:
    """The service policy in force on `day` (the built-in defaults if none is stored)."""
    for policy in rulebook().policies:
        if policy.effective_from <= day:
            return policy
    return DEFAULT_POLICY


def category_resolve(value: Category | str | int) -> Category:
    """A category by instance, primary key, service code or name; Chinese error if unknown or retired."""
    if isinstance(value, Category):
        category = value
    else:
        text = str(value).strip()
        # by code or name from the rulebook; by primary key, or one added elsewhere a moment ago, from the database
        found = rulebook().categories.get(text) if not text.isdigit() else None
        if found is not None:
            return _active(found)
        qs = Category.objects.all()
        found = (qs.filter(pk=int(text)).first() if text.isdigit() else None) or (
            qs.filter(service_code=text).first() or qs.filter(name=text).first()
        )
        if found is None:
            raise ValidationError(f"未知的案件類別「{text}」", code="unknown_category")
        category = found
    return _active(category)


def _active(category: Category) -> Category:
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
    book = rulebook()
    routes = book.routes.get(category.pk, {})
    code = routes.get(district.name) if district is not None else None
    code = code or routes.get("")
    if not code:
        return None
    if code == DISTRICT_OFFICE:
        return book.district_office.get(district.pk) if district is not None else None
    return book.agency_by_code.get(code)


def route_for(category: Category, district: District | None) -> Agency | None:
    """The routed agency as a record (see `route_agency_id`)."""
    agency_id = route_agency_id(category, district)
    return Agency.objects.get(pk=agency_id) if agency_id else None


def deadline_rule_for(code: str, day: dt.date) -> DeadlineRule | None:
    """The version of rule `code` in force on `day`."""
    for rule in rulebook().deadline_rules.get(code, ()):
        if rule.effective_from <= day:
            return rule
    return None
