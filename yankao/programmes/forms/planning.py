"""Forms of the pre-review (先期作業), its training, and the administration plan (施政綱要 / 施政計畫)."""

from __future__ import annotations

from typing import Any

from django import forms

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency
from yankao.programmes.models import ProposalReview

from ._common import RowsForm, money_field

YEAR_ERRORS = {"invalid": "請輸入民國年度，例如 114", "min_value": "年度不正確", "max_value": "年度不正確"}


def _year(label: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=90, max_value=200, error_messages=YEAR_ERRORS)


class CallForm(RowsForm):
    """函頒先期作業實施計畫 with its timetable (作業時程), one step per row, in date order."""

    budget_year = _year("預算年度（民國）")
    title = forms.CharField(label="名稱", max_length=200)
    issued_on = ROCDateField(label="函頒日期")
    proposal_due = ROCDateField(label="提案期限")

    prefix_name = "s"
    row_legend = "時程 {n}"
    row_fields = [
        ("name", lambda: forms.CharField(label="作業項目", max_length=100, required=False)),
        ("due_on", lambda: ROCDateField(label="日期", required=False)),
    ]


class ReviewForm(forms.Form):
    stage = forms.ChoiceField(label="審議階段", choices=ProposalReview.Stage.choices)
    reviewed_on = ROCDateField(label="審議日期")
    public = money_field("核列公務預算（元）", required=True)
    fund = money_field("核列基金預算（元）", required=True)
    note = forms.CharField(label="審議意見", max_length=300, required=False)


class BalanceForm(forms.Form):
    balanced_on = ROCDateField(label="預算平衡完成日")


class TrainingForm(RowsForm):
    """研習班, held in batches (梯次): the date and the attendees of each."""

    title = forms.CharField(label="研習名稱", max_length=200)

    prefix_name = "t"
    row_legend = "第 {n} 梯次"
    row_fields = [
        ("held_on", lambda: ROCDateField(label="日期", required=False)),
        (
            "attendees",
            lambda: forms.IntegerField(
                label="參加人數",
                required=False,
                min_value=0,
                error_messages={"invalid": "參加人數請輸入整數", "min_value": "參加人數不得為負數"},
            ),
        ),
    ]


class AdminPlanCycleForm(forms.Form):
    budget_year = _year("施政年度（民國）")
    outline = forms.CharField(label="施政綱要", widget=forms.Textarea(attrs={"rows": 6}))
    outline_issued_on = ROCDateField(label="綱要函頒日")
    section_due = ROCDateField(label="機關提送期限")


class CompileForm(forms.Form):
    compiled_on = ROCDateField(label="彙編完成日")


class CouncilForm(forms.Form):
    sent_on = ROCDateField(label="函送市議會日期")


class ProposalForm(forms.Form):
    """機關提案 with requested funding by source; the commission may file one for an agency."""

    name = forms.CharField(label="計畫名稱", max_length=200, error_messages={"required": "請輸入計畫名稱"})
    requested_public = money_field("需求：公務預算（元）", required=True)
    requested_fund = money_field("需求：基金預算（元）", required=True)
    requested_central = money_field("需求：中央補助（元）", required=True)

    def __init__(self, *args: Any, for_any_agency: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if for_any_agency:
            self.fields["agency"] = forms.ModelChoiceField(
                label="提案機關",
                queryset=Agency.objects.filter(is_active=True),
                error_messages={"required": "請選擇提案機關"},
            )
            self.order_fields(["agency"])


class SectionForm(forms.Form):
    content = forms.CharField(
        label="本機關施政計畫",
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "請輸入施政計畫內容"},
    )
