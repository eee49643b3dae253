"""Forms of the basic infrastructure subsidy cases (基本設施補助)."""

from __future__ import annotations

from typing import Any

from django import forms

from yankao.org.models import Agency
from yankao.programmes.models import CoordinationMeeting

from ._common import ROCMonthField, money_field, pct_input


class SubsidyCaseForm(forms.Form):
    year = forms.IntegerField(
        label="年度（民國）",
        min_value=90,
        max_value=200,
        error_messages={"invalid": "請輸入民國年度，例如 113", "min_value": "年度不正確", "max_value": "年度不正確"},
    )
    code = forms.CharField(label="案號", max_length=30)
    name = forms.CharField(label="案件名稱", max_length=200)
    agency = forms.ModelChoiceField(label="執行機關", queryset=Agency.objects.filter(is_active=True))
    amount = money_field("補助經費（元）", required=True)


class SubsidyTrackForm(forms.Form):
    month = ROCMonthField(label="月份")
    progress_pct = pct_input("執行進度（%）")
    spent = money_field("累計執行數（元）", required=True)
    problem = forms.CharField(
        label="遭遇問題（填寫即列為待檢討）", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class SubsidyMeetingForm(forms.Form):
    """提報協調會報: a meeting not yet held or without minutes."""

    issue = forms.CharField(
        label="議題（留白則以最近一次遭遇問題為議題）", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = forms.ModelChoiceField(
            label="協調會報",
            queryset=CoordinationMeeting.objects.filter(minutes="").order_by("held_on"),
            error_messages={"required": "請選擇協調會報", "invalid_choice": "請選擇尚未登錄紀錄的協調會報"},
        )
        self.order_fields(["meeting", "issue"])
