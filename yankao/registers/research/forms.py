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


class ProjectForm(forms.Form):
    year = forms.IntegerField(label="年度（民國）", min_value=90, max_value=200)
    title = forms.CharField(label="研究主題", max_length=300)
    contractor = forms.CharField(label="受託單位", max_length=200)
    amount = forms.DecimalField(label="契約金額（元）", min_value=0, max_digits=12, decimal_places=0)
    signed_on = ROCDateField(label="簽約日")
    kickoff = ROCDateField(label="期初審查預定日", required=False)
    midterm = ROCDateField(label="期中報告審查預定日")
    final = ROCDateField(label="期末報告審查預定日")

    def service_kwargs(self) -> dict[str, object]:
        data = dict(self.cleaned_data)
        data["year"] = data["year"] + 1911
        data["milestones"] = {k: data.pop(k) for k in ("kickoff", "midterm", "final") if data.get(k)}
        data.pop("kickoff", None)
        return data
