from __future__ import annotations

from typing import Any

from django import forms

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency
from yankao.reports.models import DocumentKind
from yankao.reports.numbering import MAX_LEVEL, Rounding


class ReportOpenForm(forms.Form):
    kind = forms.ModelChoiceField(DocumentKind.objects.filter(is_active=True), label="文件種類", empty_label=None)
    year = forms.IntegerField(label="年度（民國）", min_value=80, max_value=200)
    period = forms.CharField(label="期別", required=False, max_length=20, help_text="年度報告留空；月報如 05")
    deadline = ROCDateField(label="撰寫期限", required=False, help_text="留空則依文件種類的工作天數計算")


class ItemTextForm(forms.Form):
    text = forms.CharField(
        label="執行成果與效益",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="每行一段；數字請以 {數據代碼} 引用，例如 {service.cases.petitions}",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReturnForm(forms.Form):
    comment = forms.CharField(label="審查意見", widget=forms.Textarea(attrs={"rows": 3}))


class ItemOutlineForm(forms.Form):
    title = forms.CharField(label="重要施政項目", max_length=200)
    owner = forms.ModelChoiceField(Agency.objects.filter(is_active=True), label="撰寫機關")
    level = forms.TypedChoiceField(
        label="層次",
        coerce=int,
        choices=[(n, label) for n, label in enumerate(["壹、", "一、", "(一)", "1.", "(1)"][: MAX_LEVEL + 1])],
    )


class FileForm(forms.Form):
    file = forms.FileField(label="檔案")


class ManualFigureForm(forms.Form):
    figure_id = forms.CharField(label="數據代碼", max_length=80)
    value = forms.CharField(label="數值", max_length=40)
    source = forms.CharField(label="資料來源", max_length=300)
    label = forms.CharField(label="名稱（已登錄數據免填）", max_length=120, required=False)
    unit = forms.CharField(label="單位", max_length=20, required=False)
    rounding = forms.ChoiceField(label="進位規則", choices=Rounding.choices, initial=Rounding.COUNT)
    section = forms.CharField(label="所屬項目", max_length=200, required=False)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
