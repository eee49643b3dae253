"""Form pieces shared by every app."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError

from yankao.core.rocdate import ROCDateError, format_roc, parse_roc


class ROCDateInput(forms.TextInput):
    """A text box that shows a date the ROC way (113/12/11)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"placeholder": "例如 113/12/11", "inputmode": "numeric", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return format_roc(value)
        return super().format_value(value)


class ROCDateField(forms.Field):
    """A date typed as 113/12/11, 民國113年12月11日 or ISO 2024-12-11; errors in Chinese."""

    widget = ROCDateInput
    default_error_messages: ClassVar[dict[str, Any]] = {"required": "請輸入日期，例如 113/12/11。"}

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return parse_roc(str(value))
        except ROCDateError as exc:
            raise ValidationError(str(exc), code="invalid") from None
