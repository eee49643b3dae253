"""Forms of the participation app: they parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency, District
from yankao.participation.models import (
    BudgetProcess,
    ParticipationProject,
    ProjectSite,
    ProjectType,
    Proposal,
    ProposalResponse,
    RejectionReason,
)


def agency_choices() -> Any:
    return Agency.objects.filter(city__code=settings.YANKAO_CITY_CODE, is_active=True).exclude(
        kind=Agency.Kind.COMMISSION
    )


def district_choices() -> Any:
    return District.objects.filter(city__code=settings.YANKAO_CITY_CODE).order_by("code")


class ProposalForm(forms.Form):
    title = forms.CharField(label="提議標題", max_length=100)
    content = forms.CharField(label="提議內容", widget=forms.Textarea(attrs={"rows": 6}))
    expected_benefit = forms.CharField(label="預期效益", widget=forms.Textarea(attrs={"rows": 3}))
    agencies = forms.ModelMultipleChoiceField(
        label="建議主管機關（最多 3 個）",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agency_choices()  # type: ignore[attr-defined]


class MobileForm(forms.Form):
    mobile = forms.CharField(
        label="手機號碼", max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
    )


class EmailForm(forms.Form):
    email = forms.EmailField(label="電子郵件", widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class CodeForm(forms.Form):
    code = forms.CharField(
        label="驗證碼（6 位數字）",
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class ResidenceForm(forms.Form):
    district = forms.ModelChoiceField(label="居住行政區", queryset=District.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = district_choices()  # type: ignore[attr-defined]


class CommentForm(forms.Form):
    body = forms.CharField(label="留言", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ScreenForm(forms.Form):
    decision = forms.ChoiceField(
        label="檢核結果", choices=[("pass", "通過"), ("fail", "不通過")], widget=forms.RadioSelect
    )
    responsible_agency = forms.ModelChoiceField(
        label="主管機關（通過時）", queryset=Agency.objects.none(), required=False
    )
    reason = forms.ModelChoiceField(
        label="未通過理由", queryset=RejectionReason.objects.filter(is_active=True), required=False
    )
    duplicate_of = forms.ModelChoiceField(
        label="重複之提議", queryset=Proposal.objects.filter(state__in=Proposal.PUBLIC_STATES), required=False
    )
    note = forms.CharField(label="說明", max_length=500, required=False)
    late_reason = forms.CharField(label="逾期檢核理由（逾期時必填）", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_agency"].queryset = agency_choices()  # type: ignore[attr-defined]


class ResponseForm(forms.Form):
    decision = forms.ChoiceField(label="回應結果", choices=ProposalResponse.Decision.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 4}))
    planned_actions = forms.CharField(label="後續辦理方式", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ExtendForm(forms.Form):
    reason = forms.CharField(label="延長理由（將公告）", max_length=500)


class ProgrammeForm(forms.Form):
    programme_code = forms.CharField(label="列管計畫編號", max_length=40)


class ProgrammeCreateForm(forms.Form):
    code = forms.CharField(label="列管計畫編號", max_length=40)
    name = forms.CharField(label="計畫名稱", max_length=200)
    start_date = ROCDateField(label="計畫開始日")
    end_date = ROCDateField(label="計畫結束日")
    total_budget = forms.IntegerField(label="計畫總經費（元，公務預算）", min_value=0, initial=0)
    year_budget = forms.IntegerField(label="本年度經費（元，公務預算）", min_value=0, initial=0)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=300)


class BudgetProcessForm(forms.Form):
    title = forms.CharField(label="名稱", max_length=100)
    description = forms.CharField(label="說明", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    year = forms.IntegerField(label="年度（西元）", min_value=2000, max_value=2100)
    total_budget = forms.IntegerField(label="預算總額（元）", min_value=1)
    voting_style = forms.ChoiceField(label="投票方式", choices=BudgetProcess.Style.choices)
    max_choices = forms.IntegerField(label="可圈選案數", min_value=1, initial=3)
    district = forms.ModelChoiceField(
        label="限行政區居民（空白為全市）", queryset=District.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = district_choices()  # type: ignore[attr-defined]


class IdeaForm(forms.Form):
    title = forms.CharField(label="提案名稱", max_length=100)
    description = forms.CharField(label="提案說明", widget=forms.Textarea(attrs={"rows": 4}))


class ReviewForm(forms.Form):
    feasible = forms.TypedChoiceField(
        label="評估結果", choices=[("1", "可行"), ("0", "不可行")], coerce=lambda v: v == "1", widget=forms.RadioSelect
    )
    cost_estimate = forms.IntegerField(label="經費估算（元）", min_value=1, required=False)
    note = forms.CharField(label="評估意見", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProgressForm(forms.Form):
    percent = forms.IntegerField(label="進度（%）", min_value=0, max_value=100)
    note = forms.CharField(label="說明", max_length=500)


class ConsultationForm(forms.Form):
    title = forms.CharField(label="政策草案名稱", max_length=150)
    draft = forms.CharField(label="草案內容", widget=forms.Textarea(attrs={"rows": 8}))
    opens_on = ROCDateField(label="開始日")
    closes_on = ROCDateField(label="截止日")


class SummaryForm(forms.Form):
    summary = forms.CharField(label="意見採納說明", widget=forms.Textarea(attrs={"rows": 5}))


class ProjectForm(forms.Form):
    year = forms.IntegerField(label="年度（西元）", min_value=2000, max_value=2100)
    title = forms.CharField(label="計畫名稱", max_length=150)
    project_type = forms.ModelChoiceField(label="類型", queryset=ProjectType.objects.filter(is_active=True))
    theme = forms.CharField(label="議題", max_length=200)
    method = forms.CharField(label="參與方式", max_length=200)
    total_budget = forms.IntegerField(label="計畫總經費（元）", min_value=1)
    requested_amount = forms.IntegerField(label="申請補助（元）", min_value=0)


class ProjectReviewForm(forms.Form):
    approve = forms.TypedChoiceField(
        label="審查結果",
        choices=[("1", "核定補助"), ("0", "不予補助")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    approved_amount = forms.IntegerField(label="核定補助（元）", min_value=0, required=False)
    note = forms.CharField(label="審查意見", max_length=500, required=False)


class FundForm(forms.Form):
    paid_amount = forms.IntegerField(label="撥付金額（元）", min_value=1)


class ReportForm(forms.Form):
    participants = forms.IntegerField(label="參與人次", min_value=0)
    summary = forms.CharField(label="成果摘要", widget=forms.Textarea(attrs={"rows": 4}))


class SiteForm(forms.Form):
    district = forms.ModelChoiceField(label="行政區", queryset=District.objects.none())
    name = forms.CharField(label="地點名稱", max_length=100)
    kind = forms.ChoiceField(label="類別", choices=ProjectSite.Kind.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = district_choices()  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV 或 XLSX 檔案")


class RulesForm(forms.Form):
    effective_from = ROCDateField(label="生效日")
    screening_working_days = forms.IntegerField(label="檢核期限（工作天）", min_value=1)
    endorsement_days = forms.IntegerField(label="附議期間（日）", min_value=1)
    endorsement_threshold = forms.IntegerField(label="成案門檻（附議數）", min_value=1)
    response_months = forms.IntegerField(label="回應期限（月）", min_value=1)
    extension_months = forms.IntegerField(label="延長回應（月）", min_value=1)
    max_extensions = forms.IntegerField(label="可延長次數", min_value=0)
    note = forms.CharField(label="說明", max_length=200, required=False)


PROJECT_STATUS_CHOICES = ParticipationProject.Status.choices
