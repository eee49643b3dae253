"""Small helpers the services share."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def fail_if(errors: list[str]) -> None:
    if errors:
        raise ValidationError(errors)


def to_decimal(value: Any, label: str, errors: list[str]) -> Decimal:
    if isinstance(value, Decimal):
        return value
    try:
        result = Decimal(str(value).replace(",", "").strip() or "0")
    except (InvalidOperation, ValueError):
        errors.append(f"{label}「{value}」不是有效的數字")
        return Decimal(0)
    if not result.is_finite():
        errors.append(f"{label}「{value}」不是有效的數字")
        return Decimal(0)
    return result
