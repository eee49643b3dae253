"""Form pieces the programme forms share: money fields, ROC months, and forms made of repeated rows."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, ClassVar

from django import forms

from yankao.programmes.months import parse_month

MONEY_ATTRS = {"inputmode": "numeric"}


def money_field(label: str, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal(0),
        max_digits=16,
        decimal_places=0,
        required=required,
        initial=Decimal(0),
        widget=forms.NumberInput(attrs=MONEY_ATTRS),
        error_messages={
            "invalid": "請輸入整數金額（元）",
            "min_value": "金額不得為負數",
            "required": f"請輸入{label}",
            "max_decimal_places": "金額請以元為單位，不含小數",
        },
    )


def pct_input(label: str, required: bool = True, **kwargs: Any) -> forms.DecimalField:
    """A percentage or score 0–100 with two decimals, errors in Chinese."""
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=6,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
        error_messages={
            "invalid": "請輸入數字，例如 35.5",
            "required": f"請輸入{label}",
            "max_decimal_places": "最多兩位小數",
            "max_digits": "數字過大",
        },
        **kwargs,
    )


class ROCMonthField(forms.Field):
    """A month typed as 113/05, 113年5月 or 2024-05; the first day of that month."""

    widget = forms.TextInput(attrs={"placeholder": "例如 113/05", "inputmode": "numeric"})
    default_error_messages: ClassVar[dict[str, Any]] = {"required": "請輸入月份，例如 113/05。"}

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value.replace(day=1)
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return parse_month(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return f"{value.year - 1911}/{value.month:02d}"
        return value


def rows_in(data: Any, prefix: str, limit: int = 50) -> int:
    """How many rows of `prefix` the posted data holds (so that a page showing more rows still reads them)."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)_")
    numbers = [int(m.group(1)) for key in (data or {}) if (m := pattern.match(key))]
    return min(max(numbers, default=0), limit)


class RowsForm(forms.Form):
    """Repeated rows of the same fields (criteria, grade bands, timetable steps, training batches):
    row n's field `name` is `<prefix><n>_<name>`; a row left entirely blank is skipped; a row filled
    in part is an error. `row_fields` gives (name, field factory) per column."""

    prefix_name: ClassVar[str] = "row"
    row_legend: ClassVar[str] = "第 {n} 列"
    row_fields: ClassVar[list[tuple[str, Any]]] = []

    def __init__(self, *args: Any, rows: int = 4, initial_rows: list[dict[str, Any]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        kwargs["initial"] = dict(kwargs.get("initial") or {})
        super().__init__(*args, **kwargs)
        self.row_count = max(rows, len(initial_rows), rows_in(self.data, self.prefix_name))
        for n in range(1, self.row_count + 1):
            for name, factory in self.row_fields:
                self.fields[self._key(n, name)] = factory()
        for n, values in enumerate(initial_rows, start=1):
            for name, value in values.items():
                self.initial[self._key(n, name)] = value

    def _key(self, n: int, name: str) -> str:
        return f"{self.prefix_name}{n}_{name}"

    def row_groups(self) -> list[tuple[str, list[Any]]]:
        return [
            (self.row_legend.format(n=n), [self[self._key(n, name)] for name, _ in self.row_fields])
            for n in range(1, self.row_count + 1)
        ]

    def plain_fields(self) -> list[Any]:
        grouped = {f.name for _, fields in self.row_groups() for f in fields}
        return [f for f in self if f.name not in grouped]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        rows = []
        for n in range(1, self.row_count + 1):
            keys = [self._key(n, name) for name, _ in self.row_fields]
            raw = [str(self.data.get(self.add_prefix(k), "")).strip() for k in keys]
            if not any(raw):
                continue
            if any(k in self.errors for k in keys):
                continue
            values = [cleaned.get(k) for k in keys]
            if any(v in (None, "") for v in values):
                self.add_error(None, self.row_legend.format(n=n) + "：請填寫完整或整列留白")
                continue
            rows.append(dict(zip([name for name, _ in self.row_fields], values, strict=True)))
        cleaned["rows"] = rows
        return cleaned
