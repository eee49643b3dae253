from __future__ import annotations

from django import forms

from yankao.core.forms import ROCDateField
from yankao.registers.events.models import Event, EventSeries


class EventForm(forms.Form):
    series = forms.ModelChoiceField(label="系列", queryset=EventSeries.objects.all())
    kind = forms.ChoiceField(label="形式", choices=Event.Kind.choices)
    title = forms.CharField(label="名稱", max_length=200)
    held_on = ROCDateField(label="日期")
    venue = forms.CharField(label="地點", max_length=100, required=False)
    speakers = forms.CharField(label="講者（每行一位）", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    topics = forms.CharField(label="主題（每行一項）", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    partners = forms.CharField(
        label="合作／與會單位（每行一個）", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    participants = forms.IntegerField(label="參加人數", min_value=0, required=False)

    def service_kwargs(self) -> dict[str, object]:
        data = dict(self.cleaned_data)
        for key in ("speakers", "topics", "partners"):
            data[key] = data[key].splitlines()
        return data
