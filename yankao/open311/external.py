"""Other systems' dispatch items (e.g. Taipei 1999's 派工項目) mapped onto the case catalogue.

Known items map by the defaults of migration 0002; an item never met before gets its own
catalogue entry (not offered to citizens, published in Open311 with its address treated as
sensitive) and a mapping marked for the commission's review.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from yankao.open311 import permissions
from yankao.open311.models import ExternalCategory, ServiceProfile
from yankao.service.models import Category


def external_category_list(*, source: str | None = None) -> Any:
    qs = ExternalCategory.objects.select_related("category").order_by("-needs_review", "source", "name")
    return qs.filter(source=source) if source else qs


def external_mapping(source: str) -> dict[str, Category]:
    return {e.name: e.category for e in ExternalCategory.objects.filter(source=source).select_related("category")}


def _next_code(prefix: str) -> str:
    taken = set(Category.objects.filter(service_code__startswith=prefix).values_list("service_code", flat=True))
    number = 1
    while f"{prefix}{number:03d}" in taken:
        number += 1
    return f"{prefix}{number:03d}"


def external_category_add(*, source: str, name: str, code_prefix: str, group: str) -> ExternalCategory:
    """An unknown item: a new catalogue entry (kind dispatch, not offered to citizens) for review."""
    clean = name.strip()[:60]
    if not clean:
        raise ValidationError("派工項目名稱空白")
    with transaction.atomic():
        category = Category.objects.filter(name=clean).first()
        if category is None:
            category = Category(
                service_code=_next_code(code_prefix),
                name=clean,
                group=group,
                kind=Category.Kind.DISPATCH,
                description=f"由匯入建立（{source}），待研考會檢視",
                deadline_rule_code="dispatch",
                is_public=False,
                sort_order=900,
            )
            category.save()
            ServiceProfile(category=category, published=True, address_sensitive=True).save()
        item = ExternalCategory(source=source, name=name.strip()[:120], category=category, needs_review=True)
        item.save()
    return item


def external_category_set(*, actor: Any, pk: int, category: str) -> ExternalCategory:
    """The commission points an item at a catalogue entry (by service code); no longer for review."""
    if not permissions.can_review_external_categories(actor):
        raise PermissionDenied("只有研考會可以修改外部派工項目對照")
    item = ExternalCategory.objects.filter(pk=pk).first()
    if item is None:
        raise ValidationError("找不到此對照項目")
    target = Category.objects.filter(service_code=(category or "").strip()).first()
    if target is None:
        raise ValidationError(f"沒有服務代碼「{category}」的案件類別")
    item.category, item.needs_review = target, False
    item.save()
    return item
