"""Forms of the mid-term plan KPIs (中程施政計畫關鍵績效指標) and the month close (關帳)."""

from __future__ import annotations

from django import forms

from yankao.org.models import Agency
from yankao.programmes.models import KpiIndicator

YEAR_ERRORS = {"invalid": "請輸入民國年度，例如 113", "min_value": "年度不正確", "max_value": "年度不正確"}
NUMBER_ERRORS = {
    "invalid": "請輸入數字，例如 85.5",
    "max_digits": "數字過大",
    "max_decimal_places": "最多四位小數",
    "max_whole_digits": "數字過大",
}


def _value(label: str, required: bool) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=18,
        decimal_places=4,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
        error_messages=NUMBER_ERRORS | {"required": f"請輸入{label}"},
    )


class KpiIndicatorForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="機關",
        queryset=Agency.objects.filter(is_active=True),
        error_messages={"required": "請選擇機關", "invalid_choice": "請選擇機關"},
    )
    code = forms.CharField(label="指標代碼", max_length=30, error_messages={"required": "請輸入指標代碼"})
    name = forms.CharField(label="指標名稱", max_length=200, error_messages={"required": "請輸入指標名稱"})
    unit = forms.CharField(label="衡量單位", max_length=20, error_messages={"required": "請輸入衡量單位"})
    direction = forms.ChoiceField(label="方向", choices=KpiIndicator.Direction.choices)
    plan_period = forms.CharField(
        label="中程計畫期間（例如 111-114）",
        max_length=20,
        required=False,
        help_text="起訖民國年度；填寫後只能登錄期間內的年度",
    )


class KpiValueForm(forms.Form):
    """A year's target and actual; a blank target keeps the one already set for that year."""

    year = forms.IntegerField(label="年度（民國）", min_value=90, max_value=200, error_messages=YEAR_ERRORS)
    target = _value("目標值（留白則沿用該年度已設定的目標值）", required=False)
    actual = _value("實際值", required=False)
    note = forms.CharField(label="說明", max_length=200, required=False)


class SuggestionForm(forms.Form):
    """函送改善建議 for a year in which the indicator is flagged."""

    year = forms.IntegerField(label="年度（民國）", min_value=90, max_value=200, error_messages=YEAR_ERRORS)
    suggestion = forms.CharField(
        label="改善建議", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "請輸入改善建議"}
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label="機關回復", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "請輸入回復內容"}
    )


class ConfirmForm(forms.Form):
    """A write without fields (結案, 關帳): the button is the confirmation; errors come from the service."""
