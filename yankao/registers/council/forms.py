from __future__ import annotations

from django import forms

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency
from yankao.registers.council.models import ProposalCategory


class SessionForm(forms.Form):
    term = forms.IntegerField(label="屆", min_value=1, max_value=99)
    number = forms.IntegerField(label="次", min_value=1, max_value=99)
    starts_on = ROCDateField(label="開議日")
    ends_on = ROCDateField(label="閉會日")
    report_due = ROCDateField(label="彙編提報期限")


class ImportForm(forms.Form):
    file = forms.FileField(label="議會提案清單（CSV 或 XLSX）")


class ReplyForm(forms.Form):
    replied_on = ROCDateField(label="函復日")
    text = forms.CharField(label="函復內容", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)


class DateForm(forms.Form):
    day = ROCDateField(label="日期")


class ProposalEditForm(forms.Form):
    """更正提案: the commission corrects a proposal registered wrongly."""

    title = forms.CharField(label="案由", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    councillors = forms.CharField(label="提案議員", max_length=200, help_text="多位議員以頓號分隔")
    category = forms.ModelChoiceField(label="類別", queryset=ProposalCategory.objects.filter(is_active=True))
    agency = forms.ModelChoiceField(label="主辦機關", queryset=Agency.objects.filter(is_active=True))
    received_on = ROCDateField(label="收文日")
