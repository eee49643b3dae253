from __future__ import annotations

from django import forms

from yankao.core.forms import ROCDateField
from yankao.registers.research.models import Recommendation


class MilestoneForm(forms.Form):
    held_on = ROCDateField(label="審查日")
    reviewers = forms.CharField(label="審查委員", max_length=300)
    conclusion = forms.CharField(label="審查結論", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    report = forms.FileField(label="報告檔案", required=False)


class RespondForm(forms.Form):
    status = forms.ChoiceField(
        label="參採情形", choices=[c for c in Recommendation.Status.choices if c[0] != "pending"]
    )
    reason = forms.CharField(label="說明（不參採須填理由）", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    responded_on = ROCDateField(label="回復日")
