"""Forms of the Open311 back office and the open-data page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from yankao.core.forms import ROCDateField


class ClientForm(forms.Form):
    name = forms.CharField(label="應用程式名稱", max_length=100)
    contact = forms.CharField(label="聯絡單位或人", max_length=200, required=False)
    per_minute = forms.IntegerField(
        label="每分鐘請求上限", min_value=1, max_value=1_000_000, required=False, help_text="空白：依 API 設定的預設值"
    )


class PeriodForm(forms.Form):
    """The period of an open-data download (民國或西元日期)."""

    start = ROCDateField(label="起日")
    end = ROCDateField(label="迄日")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            if start > end:
                self.add_error("end", "迄日不可早於起日")
            elif (end - start).days > 366 * 12:
                self.add_error("end", "一次最多下載 12 年")
        return data


class ExternalCategoryForm(forms.Form):
    """Point an external item at another catalogue entry, or confirm it (待檢視 → 已檢視)."""

    item = forms.IntegerField(widget=forms.HiddenInput)
    category = forms.CharField(label="對應類別（服務代碼）", max_length=20)
