from __future__ import annotations

from django import forms

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency
from yankao.registers.overseas.models import TripRecommendation


class SubmitForm(forms.Form):
    title = forms.CharField(label="報告名稱", max_length=300)
    destination = forms.CharField(label="前往國家／城市", max_length=100)
    departed_on = ROCDateField(label="出國日")
    returned_on = ROCDateField(label="返國日")
    travellers = forms.CharField(label="出國人員", max_length=300)
    summary = forms.CharField(label="摘要", widget=forms.Textarea(attrs={"rows": 3}))
    full_text = forms.CharField(label="報告全文", widget=forms.Textarea(attrs={"rows": 8}))
    submitted_on = ROCDateField(label="提交日")


class ReviewForm(forms.Form):
    publish = forms.TypedChoiceField(
        label="審查結果", choices=[("1", "審查通過並公開"), ("0", "退回修正")], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label="審查意見", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reviewed_on = ROCDateField(label="審查日")


class SendForm(forms.Form):
    agency = forms.ModelChoiceField(label="受函機關", queryset=Agency.objects.filter(is_active=True))
    text = forms.CharField(label="建議事項", widget=forms.Textarea(attrs={"rows": 3}))
    sent_on = ROCDateField(label="函送日")


class RespondForm(forms.Form):
    status = forms.ChoiceField(
        label="參採情形", choices=[c for c in TripRecommendation.Status.choices if c[0] != "sent"]
    )
    reason = forms.CharField(label="理由（不參採必填）", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    responded_on = ROCDateField(label="回復日")
