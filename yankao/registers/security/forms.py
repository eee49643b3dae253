from __future__ import annotations

from django import forms

from yankao.core.forms import ROCDateField


class RemediationForm(forms.Form):
    remediation = forms.CharField(label="改善措施", widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    closed_on = ROCDateField(label="結案日")
