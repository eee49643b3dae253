"""Forms of programme control: they parse and label input; the services hold the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency, User
from yankao.programmes.models import DelayReason, Programme, ReportAttachment, ReportMilestone

from ._common import money_field as _money
from .evaluation import EvaluationPlanForm, IncludeForm, IssueResultsForm, PlanRulesForm, SessionForm
from .kpis import ConfirmForm, KpiIndicatorForm, KpiValueForm, ReplyForm, SuggestionForm
from .planning import (
    AdminPlanCycleForm,
    BalanceForm,
    CallForm,
    CompileForm,
    CouncilForm,
    ProposalForm,
    ReviewForm,
    SectionForm,
    TrainingForm,
)
from .plans import ProgrammeStatusForm, WorkPlanForm
from .subsidies import SubsidyCaseForm, SubsidyMeetingForm, SubsidyTrackForm

__all__ = [
    "AdminPlanCycleForm",
    "AgendaItemForm",
    "AttachmentForm",
    "BalanceForm",
    "CallForm",
    "CommentForm",
    "CompileForm",
    "ConfirmForm",
    "CouncilForm",
    "DecisionForm",
    "EvaluationPlanForm",
    "ImportForm",
    "IncludeForm",
    "IssueResultsForm",
    "KpiIndicatorForm",
    "KpiValueForm",
    "MeetingForm",
    "MinutesForm",
    "PlanRulesForm",
    "ProgrammeForm",
    "ProgrammeStatusForm",
    "ProposalForm",
    "ReplyForm",
    "ReportForm",
    "ReviewForm",
    "ScoreForm",
    "SectionForm",
    "SelfAssessForm",
    "SessionForm",
    "SubsidyCaseForm",
    "SubsidyMeetingForm",
    "SubsidyTrackForm",
    "SuggestionForm",
    "TextForm",
    "TrainingForm",
    "WorkPlanForm",
]


class ProgrammeForm(forms.Form):
    code = forms.CharField(label="計畫編號", max_length=30)
    name = forms.CharField(label="計畫名稱", max_length=200)
    year = forms.IntegerField(label="列管年度（民國）", min_value=90, max_value=200)
    lead_agency = forms.ModelChoiceField(label="主辦機關", queryset=Agency.objects.filter(is_active=True))
    control_level = forms.ChoiceField(
        label="列管層級", choices=[("", "依選項列管門檻自動判定"), *Programme.Level.choices], required=False
    )
    project_manager = forms.ModelChoiceField(
        label="專案管理人員", queryset=User.objects.filter(kind=User.Kind.STAFF), required=False
    )
    start_date = ROCDateField(label="計畫起日")
    end_date = ROCDateField(label="計畫迄日")
    total_public = _money("總經費：公務預算（元）")
    total_fund = _money("總經費：基金預算（元）")
    total_central = _money("總經費：中央補助（元）")
    year_public = _money("年度經費：公務預算（元）")
    year_fund = _money("年度經費：基金預算（元）")
    year_central = _money("年度經費：中央補助（元）")
    description = forms.CharField(label="計畫內容", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ReportForm(forms.Form):
    actual_pct = forms.DecimalField(
        label="實際累計進度（%）",
        max_digits=6,
        decimal_places=2,
        error_messages={"invalid": "請輸入數字，例如 35.5", "required": "請輸入實際累計進度"},
    )
    budget_allocated = _money("累計分配數（元）", required=True)
    budget_spent = _money("累計執行數（元）", required=True)
    work_summary = forms.CharField(label="本月執行情形", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    delay_reason = forms.ModelChoiceField(
        label="落後或倒退原因", queryset=DelayReason.objects.filter(is_active=True), required=False
    )
    delay_note = forms.CharField(label="原因說明", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    countermeasure = forms.CharField(label="因應對策", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, milestones: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.milestones = list(milestones)
        for m in self.milestones:
            self.fields[f"ms_{m.pk}"] = forms.ChoiceField(
                label=f"查核點 {m.seq}：{m.name}", choices=ReportMilestone.State.choices, required=False
            )
            self.fields[f"ms_{m.pk}_done"] = ROCDateField(label=f"查核點 {m.seq} 完成日", required=False)

    def milestone_states(self) -> dict[int, tuple[str, Any]]:
        states = {}
        for m in self.milestones:
            state = self.cleaned_data.get(f"ms_{m.pk}")
            if state:
                states[m.pk] = (state, self.cleaned_data.get(f"ms_{m.pk}_done"))
        return states

    def milestone_fields(self) -> list[tuple[Any, Any]]:
        return [(self[f"ms_{m.pk}"], self[f"ms_{m.pk}_done"]) for m in self.milestones]


class CommentForm(forms.Form):
    comment = forms.CharField(label="意見", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label="類別", choices=ReportAttachment.Kind.choices)
    file = forms.FileField(label="檔案")
    caption = forms.CharField(label="說明", max_length=200, required=False)


class ImportForm(forms.Form):
    KINDS = [
        ("programmes", "列管計畫"),
        ("milestones", "查核點與預定進度"),
        ("progress", "每月執行進度"),
        ("kpis", "關鍵績效指標"),
    ]
    kind = forms.ChoiceField(label="匯入類別", choices=KINDS)
    file = forms.FileField(label="檔案（XLSX 或 CSV）")


class MeetingForm(forms.Form):
    title = forms.CharField(label="會議名稱", max_length=200, initial="公共工程督導暨協調會報")
    held_on = ROCDateField(label="開會日期")
    chair = forms.CharField(label="主持人", max_length=100)
    place = forms.CharField(label="地點", max_length=200, required=False)


class AgendaItemForm(forms.Form):
    issue = forms.CharField(label="議題", widget=forms.Textarea(attrs={"rows": 2}))
    agency = forms.ModelChoiceField(label="權責機關", queryset=Agency.objects.filter(is_active=True))


class MinutesForm(forms.Form):
    minutes = forms.CharField(label="會議紀錄", widget=forms.Textarea(attrs={"rows": 6}))
    issued_on = ROCDateField(label="紀錄發文日", required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(label="決議內容", widget=forms.Textarea(attrs={"rows": 3}))
    agency = forms.ModelChoiceField(label="辦理機關", queryset=Agency.objects.filter(is_active=True))
    due_date = ROCDateField(label="辦理期限")

    def __init__(self, *args: Any, meeting: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if meeting is not None:
            self.fields["agenda_item"] = forms.ModelChoiceField(
                label="所屬議題", queryset=meeting.agenda.all(), required=False, empty_label="（不指定）"
            )


class TextForm(forms.Form):
    text = forms.CharField(label="內容", widget=forms.Textarea(attrs={"rows": 3}))


class ScoreForm(forms.Form):
    comment = forms.CharField(label="考評意見", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, criteria: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"c_{c.code}"] = forms.DecimalField(
                label=f"{c.name}（權重 {c.weight}%）",
                min_value=Decimal(0),
                max_value=Decimal(100),
                max_digits=5,
                decimal_places=2,
                error_messages={
                    "invalid": "請輸入 0 到 100 的分數",
                    "min_value": "分數不得低於 0",
                    "max_value": "分數不得高於 100",
                },
            )

    def scores(self) -> dict[str, Decimal]:
        return {c.code: self.cleaned_data[f"c_{c.code}"] for c in self.criteria}


class SelfAssessForm(forms.Form):
    text = forms.CharField(label="自評說明", widget=forms.Textarea(attrs={"rows": 4}))
    self_score = forms.DecimalField(label="自評分數", min_value=0, max_value=100, decimal_places=2, required=False)
