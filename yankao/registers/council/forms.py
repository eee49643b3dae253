from __future__ import annotations

from django import forms

from yankao.core.forms import ROCDateField


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
