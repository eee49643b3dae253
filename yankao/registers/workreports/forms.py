from __future__ import annotations

from django import forms

from yankao.core.forms import ROCDateField


class SectionForm(forms.Form):
    text = forms.CharField(label="內容", widget=forms.Textarea(attrs={"rows": 8}))
    submitted_on = ROCDateField(label="提報日")


class DateForm(forms.Form):
    day = ROCDateField(label="日期")
    sent_to = forms.CharField(label="函送對象", max_length=100, required=False)
