"""Template filters available in every template (registered as builtins in settings)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template

from yankao.core.money import format_amount
from yankao.core.rocdate import format_roc, format_roc_datetime

register = template.Library()


@register.filter
def roc(value: Any) -> str:
    """113/12/11"""
    if isinstance(value, dt.datetime):
        return format_roc_datetime(value)
    return format_roc(value)


@register.filter
def roc_long(value: Any) -> str:
    """民國113年12月11日"""
    return format_roc(value, long=True)


@register.filter
def amount(value: Any, unit: str = "") -> str:
    if value in (None, ""):
        return ""
    return format_amount(Decimal(str(value)), unit or None)  # type: ignore[arg-type]


@register.filter
def mask(value: Any, keep: int = 1) -> str:
    """Mask personal data in lists: 王小明 → 王○○, 0912345678 → 0912***678."""
    from yankao.core.privacy import mask_value

    return mask_value(value, keep=int(keep))
