"""Public reads of the service catalogue (for the citizen site and the cross-agency search)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from yankao.service.models import Category, Faq


def category_public_list() -> QuerySet[Category]:
    """1999 service categories a citizen may choose: public, with no personal data in them."""
    return Category.objects.filter(is_active=True, is_public=True).order_by("sort_order", "pk")


def faq_public_list() -> QuerySet[Faq]:
    """常見問答 as published (the public page and the cross-agency search)."""
    return (
        Faq.objects.filter(is_published=True)
        .select_related("category", "agency")
        .order_by("category__sort_order", "category__pk", "sort_order", "pk")
    )


def faq_list_for(agencies: QuerySet[Any]) -> QuerySet[Faq]:
    """Every question and answer of these agencies, published or not (their upkeep page)."""
    return (
        Faq.objects.filter(agency__in=agencies)
        .select_related("category", "agency")
        .order_by("agency__name", "sort_order", "pk")
    )
