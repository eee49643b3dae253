from __future__ import annotations

from django import forms

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency


class ImportForm(forms.Form):
    file = forms.FileField(label="公文時效月統計（CSV 或 XLSX）")


class VisitForm(forms.Form):
    year = forms.IntegerField(label="年度（民國）", min_value=90, max_value=200)
    agency = forms.ModelChoiceField(label="受查訪機關", queryset=Agency.objects.filter(is_active=True))
    scheduled_on = ROCDateField(label="排定日")


class VisitRecordForm(forms.Form):
    visited_on = ROCDateField(label="查訪日")
    findings = forms.CharField(label="查訪發現", widget=forms.Textarea(attrs={"rows": 4}))
    recommendations = forms.CharField(label="建議事項", widget=forms.Textarea(attrs={"rows": 4}), required=False)


class ImprovementForm(forms.Form):
    improvement = forms.CharField(label="改善情形", widget=forms.Textarea(attrs={"rows": 4}))
    improved_on = ROCDateField(label="改善完成日")


class ReportSentForm(forms.Form):
    year = forms.IntegerField(label="年度（民國）", min_value=90, max_value=200)
    sent_on = ROCDateField(label="報告函送日")
