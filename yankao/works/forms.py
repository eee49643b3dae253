"""Forms of the works app: they parse input; the services hold the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency
from yankao.works.models import (
    CitizenReport,
    Defect,
    DefectCode,
    FollowUpAction,
    InspectionMember,
    Party,
    Project,
)

PERCENT: dict[str, Any] = {"min_value": 0, "max_value": 100, "decimal_places": 2, "max_digits": 5}
PERCENT_MESSAGES = {
    "min_value": "須介於 0 至 100 之間。",
    "max_value": "須介於 0 至 100 之間。",
    "invalid": "請輸入數字。",
    "required": "此欄必填。",
}
REQUIRED = {"required": "此欄必填。"}


class PhotoInput(forms.FileInput):
    """Several images at once; on a phone `accept=image/*` offers the camera or the gallery."""

    allow_multiple_selected = True

    def __init__(self) -> None:
        super().__init__({"accept": "image/*"})


class PhotoField(forms.FileField):
    """A list of uploaded files (empty when none); the services check that each is an image."""

    widget = PhotoInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = [d for d in (data if isinstance(data, (list, tuple)) else [data]) if d]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        single = super().clean
        return [single(f, initial) for f in files]


class ProjectForm(forms.Form):
    tender_number = forms.CharField(label="標案案號", max_length=60, error_messages=REQUIRED)
    name = forms.CharField(label="工程名稱", max_length=200, error_messages=REQUIRED)
    agency = forms.ModelChoiceField(label="主辦機關", queryset=Agency.objects.none(), error_messages=REQUIRED)
    contract_amount = forms.DecimalField(label="契約金額（元）", min_value=0, max_digits=14, decimal_places=0)
    budget_amount = forms.DecimalField(
        label="預算金額（元）", min_value=1, max_digits=14, decimal_places=0, required=False
    )
    supervisor = forms.CharField(label="監造單位", max_length=120, required=False)
    contractor = forms.CharField(label="承攬廠商", max_length=120, required=False)
    pm_consultant = forms.CharField(label="專案管理廠商", max_length=120, required=False)
    location = forms.CharField(label="工址", max_length=200, required=False)
    award_date = ROCDateField(label="決標日")
    start_date = ROCDateField(label="開工日", required=False)
    planned_completion = ROCDateField(label="預定完工日", required=False)
    programme_code = forms.CharField(label="列管計畫編號", max_length=40, required=False)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="狀態", choices=Project.Status.choices)
    actual_completion = ROCDateField(label="實際完工日", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProgressForm(forms.Form):
    month = forms.CharField(label="月份（民國年/月）", help_text="例如 113/05", max_length=7, error_messages=REQUIRED)
    planned_pct = forms.DecimalField(label="預定進度（%）", error_messages=PERCENT_MESSAGES, **PERCENT)
    actual_pct = forms.DecimalField(label="實際進度（%）", error_messages=PERCENT_MESSAGES, **PERCENT)


class ImportForm(forms.Form):
    file = forms.FileField(label="標案管理系統匯出檔（CSV 或 XLSX）", error_messages={"required": "請選擇檔案。"})


class CheckForm(forms.Form):
    project = forms.IntegerField(widget=forms.HiddenInput)
    month = forms.CharField(widget=forms.HiddenInput)
    checked_on = ROCDateField(label="查證日")
    finding = forms.CharField(label="查證意見", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class LetterForm(forms.Form):
    letter_number = forms.CharField(label="函文文號", max_length=60, error_messages=REQUIRED)
    sent_on = ROCDateField(label="發函日")


class CountermeasureForm(forms.Form):
    countermeasure = forms.CharField(
        label="因應措施", widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED
    )
    answered_on = ROCDateField(label="回復日")


class ResolveForm(forms.Form):
    resolved_on = ROCDateField(label="回復正常日")


class InspectionStartForm(forms.Form):
    project = forms.ModelChoiceField(label="工程", queryset=Project.objects.none(), error_messages=REQUIRED)
    inspected_on = ROCDateField(label="查核日期")
    unannounced = forms.BooleanField(label="不預先通知", required=False, initial=True)

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects  # type: ignore[attr-defined]


class InspectionForm(forms.Form):
    inspected_on = ROCDateField(label="查核日期")
    progress_planned_pct = forms.DecimalField(
        label="預定進度（%）", required=False, error_messages=PERCENT_MESSAGES, **PERCENT
    )
    progress_actual_pct = forms.DecimalField(
        label="實際進度（%）", required=False, error_messages=PERCENT_MESSAGES, **PERCENT
    )
    summary = forms.CharField(label="查核意見", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class MemberForm(forms.Form):
    name = forms.CharField(label="委員姓名", max_length=60, required=False)
    role = forms.ChoiceField(label="職務", choices=InspectionMember.Role.choices, initial=InspectionMember.Role.MEMBER)
    score = forms.DecimalField(
        label="評分",
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        max_digits=5,
        error_messages={
            "min_value": "評分須介於 0 至 100 分。",
            "max_value": "評分須介於 0 至 100 分。",
            "invalid": "請輸入數字。",
        },
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )


MemberFormSet = forms.formset_factory(MemberForm, extra=0, min_num=5, max_num=12)


class DefectForm(forms.Form):
    code = forms.ModelChoiceField(
        label="缺失代碼", queryset=DefectCode.objects.filter(is_active=True), error_messages=REQUIRED
    )
    party = forms.ChoiceField(label="責任歸屬", choices=[("", "依代碼預設"), *Party.choices], required=False)
    severity = forms.ChoiceField(label="嚴重程度", choices=Defect.Severity.choices, initial=Defect.Severity.MINOR)
    description = forms.CharField(label="缺失說明", widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED)
    improve_by = ROCDateField(label="改善期限", required=False, help_text="空白則依規定日數")
    photos = PhotoField(label="照片（可用相機拍攝）", required=False)


class PhotoForm(forms.Form):
    photos = PhotoField(label="現場照片（可用相機拍攝）", required=True, error_messages={"required": "請選擇照片。"})
    caption = forms.CharField(label="照片說明", max_length=200, required=False)


class DefectAnswerForm(forms.Form):
    reply = forms.CharField(label="改善情形", widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED)


class ReinspectionForm(forms.Form):
    inspected_on = ROCDateField(label="複查日期")
    closes = forms.MultipleChoiceField(
        label="確認改善完成的缺失", widget=forms.CheckboxSelectMultiple, error_messages={"required": "請選擇缺失。"}
    )
    summary = forms.CharField(label="複查意見", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, defects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closes"].choices = [(d.pk, f"{d.code.code} {d.description}") for d in defects]  # type: ignore[attr-defined]


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(label="處置", choices=FollowUpAction.Kind.choices)
    taken_on = ROCDateField(label="日期")
    amount = forms.DecimalField(label="金額（元）", min_value=0, max_digits=12, decimal_places=0, required=False)
    note = forms.CharField(label="說明", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CitizenReportForm(forms.Form):
    subject = forms.CharField(label="主旨", max_length=200, error_messages=REQUIRED)
    project_text = forms.CharField(label="工程名稱（如知道）", max_length=200, required=False)
    location = forms.CharField(label="地點", max_length=200, required=False, help_text="路名、門牌或附近地標")
    content = forms.CharField(label="內容", widget=forms.Textarea(attrs={"rows": 5}), error_messages=REQUIRED)
    photos = PhotoField(label="照片", required=False)


class StaffReportForm(CitizenReportForm):
    channel = forms.ChoiceField(
        label="通報管道",
        choices=[(CitizenReport.Channel.HOTLINE, "1999 話務中心"), (CitizenReport.Channel.PCC, "工程會全民督工")],
    )
    service_case_number = forms.CharField(label="1999 案件編號", max_length=40, required=False)
    reporter_name = forms.CharField(label="通報人", max_length=60, required=False)
    reporter_phone = forms.CharField(label="聯絡電話", max_length=30, required=False)
    reporter_email = forms.EmailField(
        label="電子郵件", required=False, error_messages={"invalid": "電子郵件格式不正確。"}
    )
    field_order = ["channel", "service_case_number", "reporter_name", "reporter_phone", "reporter_email"]


class AssignForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="處理機關", queryset=Agency.objects.filter(is_active=True), error_messages=REQUIRED
    )
    project = forms.ModelChoiceField(label="工程（如已知）", queryset=Project.objects.all(), required=False)


class NoteForm(forms.Form):
    text = forms.CharField(label="處理情形", widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED)


class CloseForm(forms.Form):
    reply = forms.CharField(label="回復通報人", widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED)


class LinkInspectionForm(forms.Form):
    inspection = forms.ModelChoiceField(label="辦理的查核", queryset=Project.objects.none(), error_messages=REQUIRED)

    def __init__(self, *args: Any, inspections: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = inspections  # type: ignore[attr-defined]


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label="您對處理結果是否滿意？",
        choices=CitizenReport.Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "請選擇滿意或不滿意。"},
    )


class TrainingForm(forms.Form):
    held_on = ROCDateField(label="日期")
    title = forms.CharField(label="課程名稱", max_length=200, error_messages=REQUIRED)
    co_organiser = forms.CharField(label="合辦單位", max_length=100, required=False)
    attendees = forms.IntegerField(label="參訓人數", min_value=0, required=False)
    hours = forms.DecimalField(label="時數", min_value=0, max_digits=4, decimal_places=1, required=False)
