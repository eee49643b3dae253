"""Public reads of the service catalogue (for the citizen site and the cross-agency search)."""

from __future__ import annotations

from django.db.models import QuerySet

from yankao.service.models import Category


def category_public_list() -> QuerySet[Category]:
    """1999 service categories a citizen may choose: public, with no personal data in them."""
    return Category.objects.filter(is_active=True, is_public=True).order_by("sort_order", "pk")
