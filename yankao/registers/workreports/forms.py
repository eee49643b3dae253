from __future__ import annotations

from django import forms

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency
from yankao.registers.workreports.models import Compilation


class SectionForm(forms.Form):
    text = forms.CharField(label="內容", widget=forms.Textarea(attrs={"rows": 8}))
    submitted_on = ROCDateField(label="提報日")


class DateForm(forms.Form):
    day = ROCDateField(label="日期")
    sent_to = forms.CharField(label="函送對象", max_length=100, required=False)


class CompilationForm(forms.Form):
    year = forms.IntegerField(label="年度（民國）", min_value=90, max_value=200)
    kind = forms.ChoiceField(label="類別", choices=Compilation.Kind.choices)
    title = forms.CharField(label="名稱", max_length=200)
    due_on = ROCDateField(label="各機關繳交期限")
    agencies = forms.ModelMultipleChoiceField(
        label="應提報機關", queryset=Agency.objects.filter(is_active=True), help_text="按住 Ctrl 或 Command 可複選"
    )
