from __future__ import annotations

from django import forms

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency
from yankao.registers.quality.models import PhoneTestRound, ServiceAwardEntry


class PlanForm(forms.Form):
    year = forms.IntegerField(label="年度（民國）", min_value=90, max_value=200)
    title = forms.CharField(label="計畫名稱", max_length=200)
    calls_per_round = forms.IntegerField(label="每次測試通數", min_value=1, max_value=10000)
    contractor = forms.CharField(label="受託廠商", max_length=100, required=False)
    agencies = forms.ModelMultipleChoiceField(label="受測機關", queryset=Agency.objects.filter(is_active=True))


class RoundForm(forms.Form):
    half = forms.TypedChoiceField(label="梯次", choices=PhoneTestRound.Half.choices, coerce=int)
    starts_on = ROCDateField(label="測試起日")
    ends_on = ROCDateField(label="測試迄日")


class ImportForm(forms.Form):
    file = forms.FileField(label="測試結果檔（CSV 或 XLSX）")


class DateForm(forms.Form):
    day = ROCDateField(label="函送日")


class AwardForm(forms.Form):
    year = forms.IntegerField(label="年度（民國）", min_value=90, max_value=200)
    edition = forms.CharField(label="屆別", max_length=30)
    agency = forms.ModelChoiceField(label="機關", queryset=Agency.objects.filter(is_active=True))
    title = forms.CharField(label="參獎案名", max_length=200)
    award_category = forms.CharField(label="獎項類別", max_length=30)


class AwardResultForm(forms.Form):
    result = forms.ChoiceField(label="結果", choices=ServiceAwardEntry.Result.choices)
    announced_on = ROCDateField(label="公布日", required=False)
    ceremony_on = ROCDateField(label="頒獎日", required=False)
