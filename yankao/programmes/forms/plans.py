"""A controlled programme's work plan (作業計畫: milestones and the planned cumulative % per month)
and its control status (列管狀態). The forms parse; `programme_set_plan` / `programme_set_status`
hold the rules (order, rising %, 0–100, dates within the period)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from yankao.core.forms import ROCDateField
from yankao.programmes.models import Programme
from yankao.programmes.months import add_months, month_start

from ._common import RowsForm, pct_input

BLANK_MILESTONE_ROWS = 2


def programme_months(programme: Programme) -> list[dt.date]:
    """The first day of every month of the programme's period."""
    months, month = [], month_start(programme.start_date)
    while month <= programme.end_date:
        months.append(month)
        month = add_months(month, 1)
    return months


def _month_key(month: dt.date) -> str:
    return f"pm_{month:%Y_%m}"


class WorkPlanForm(RowsForm):
    """The milestones, one per row (順序, 名稱, 預定完成日, 預定累計進度; a blank row is skipped,
    two blank rows to add), then one planned cumulative % per month of the period (blank: none)."""

    prefix_name = "m"
    row_legend = "查核點 {n}"
    row_fields = [
        (
            "seq",
            lambda: forms.IntegerField(
                label="順序",
                min_value=1,
                max_value=999,
                required=False,
                error_messages={"invalid": "請輸入整數順序，例如 1", "min_value": "順序須為 1 以上"},
            ),
        ),
        ("name", lambda: forms.CharField(label="查核點名稱", max_length=200, required=False)),
        ("due_date", lambda: ROCDateField(label="預定完成日", required=False)),
        ("planned_pct", lambda: pct_input("預定累計進度（%）", required=False)),
    ]

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        milestones = list(programme.milestones.order_by("seq"))
        kwargs.setdefault(
            "initial_rows",
            [{"seq": m.seq, "name": m.name, "due_date": m.due_date, "planned_pct": m.planned_pct} for m in milestones],
        )
        kwargs.setdefault("rows", len(milestones) + BLANK_MILESTONE_ROWS)
        super().__init__(*args, **kwargs)
        self.months = programme_months(programme)
        held = {p.month: p.planned_pct for p in programme.plan_months.all()}
        for month in self.months:
            key = _month_key(month)
            self.fields[key] = pct_input(f"{month.year - 1911}年{month.month}月預定累計進度（%）", required=False)
            if month in held:
                self.initial[key] = held[month]

    def row_groups(self) -> list[tuple[str, list[Any]]]:
        months = [self[_month_key(m)] for m in self.months]
        return [*super().row_groups(), *([("各月預定累計進度（%）", months)] if months else [])]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        plan: dict[dt.date, Decimal] = {}
        for month in self.months:
            value = cleaned.get(_month_key(month))
            if value is not None:
                plan[month] = value
        cleaned["plan_months"] = plan
        return cleaned


class ProgrammeStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="列管狀態",
        choices=Programme.Status.choices,
        error_messages={"required": "請選擇列管狀態", "invalid_choice": "列管狀態「%(value)s」不正確"},
    )
