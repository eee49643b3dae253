from __future__ import annotations

from typing import Any

from django import forms

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency


class CycleForm(forms.Form):
    year = forms.IntegerField(label="年度（民國）", min_value=90, max_value=200)
    agency = forms.ModelChoiceField(label="機關", queryset=Agency.objects.none(), required=False)
    scale: forms.ModelChoiceField = forms.ModelChoiceField(
        label="風險尺度", queryset=Agency.objects.none(), required=False, empty_label="預設（3×3）"
    )

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        from yankao.registers.risks.models import RiskScale

        super().__init__(*args, **kwargs)
        self.fields["scale"].queryset = RiskScale.objects.all()  # type: ignore[attr-defined]
        if agencies is None:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
            self.fields["agency"].required = True


class ObjectiveForm(forms.Form):
    text = forms.CharField(label="施政目標", max_length=300)


class RiskForm(forms.Form):
    code = forms.CharField(label="風險編號", max_length=10)
    title = forms.CharField(label="風險項目", max_length=200)
    scenario = forms.CharField(label="風險情境", widget=forms.Textarea(attrs={"rows": 3}))
    existing_controls = forms.CharField(label="現有風險對策", widget=forms.Textarea(attrs={"rows": 3}))
    likelihood = forms.IntegerField(label="發生機率")
    impact = forms.IntegerField(label="影響程度")


class CountermeasureForm(forms.Form):
    description = forms.CharField(label="新增風險對策", widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.CharField(label="負責單位", max_length=100)
    due_on = ROCDateField(label="完成期限")


class ResidualForm(forms.Form):
    likelihood = forms.IntegerField(label="殘餘發生機率")
    impact = forms.IntegerField(label="殘餘影響程度")


class ApproveForm(forms.Form):
    approved_on = ROCDateField(label="核定日")
