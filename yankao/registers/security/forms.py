"""Office forms of the information-security programme. Each one is a thin parse step in front of
one service; the services hold the rules (plan limits, team numbers, targets)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency
from yankao.registers.security.models import Auditor, AuditPlan, Briefing, MaturityTarget, RedTeamExercise


def roc_year_to_gregorian(value: int) -> int:
    """A year typed the ROC way (113) or the Gregorian way (2024)."""
    return value + 1911 if value < 1000 else value


class RocYearField(forms.IntegerField):
    """年度（民國）: 113 or 2024; cleaned to the Gregorian year."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "年度（民國）")
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2200)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "size": 4})

    def clean(self, value: Any) -> int | None:
        year = super().clean(value)
        if year is None:
            return None
        year = roc_year_to_gregorian(year)
        if not 1912 <= year <= 2200:
            raise ValidationError("年度須為民國 1 至 289 年")
        return year


def active_agencies() -> Any:
    return Agency.objects.filter(is_active=True).order_by("sort_order", "code")


class RemediationForm(forms.Form):
    remediation = forms.CharField(label="改善措施", widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    closed_on = ROCDateField(label="結案日")


class PlanForm(forms.Form):
    year = RocYearField()
    title = forms.CharField(label="計畫名稱", max_length=200)
    planned_audits = forms.IntegerField(label="規劃稽核場次", min_value=1, max_value=10000)
    remainder_due = ROCDateField(label="未完成場次預定完成日", required=False)


class AuditorForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    kind = forms.ChoiceField(label="類別", choices=Auditor.Kind.choices)
    affiliation = forms.CharField(label="服務單位", max_length=100)


class ScheduleForm(forms.Form):
    agency = forms.ModelChoiceField(label="受稽核機關", queryset=Agency.objects.none())
    scheduled_on = ROCDateField(label="排定日")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agencies()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get("scheduled_on")
        if isinstance(day, dt.date):
            plan = AuditPlan.objects.filter(year=day.year).first()
            if plan is None:
                self.add_error("scheduled_on", f"{day.year - 1911} 年度尚未建立稽核計畫，請先建立計畫")
            data["plan"] = plan
        return data


class CompleteForm(forms.Form):
    """稽核完成: the date, who audited, and the findings (one a line) with their remediation deadline."""

    audited_on = ROCDateField(label="稽核日")
    auditors = forms.ModelMultipleChoiceField(
        label="稽核團員", queryset=Auditor.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    findings = forms.CharField(label="發現事項（每行一項）", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    due_on = ROCDateField(label="改善期限", required=False, help_text="有發現事項時必填")

    def __init__(self, *args: Any, plan: AuditPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["auditors"].queryset = plan.auditors.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lines = [line.strip() for line in (data.get("findings") or "").splitlines() if line.strip()]
        if lines and not data.get("due_on") and "due_on" not in self.errors:
            self.add_error("due_on", "有發現事項時請填改善期限")
        data["finding_lines"] = lines
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "audited_on": data["audited_on"],
            "auditors": list(data["auditors"]),
            "findings": [(line, data["due_on"]) for line in data["finding_lines"]],
        }


class BriefingForm(forms.Form):
    topic = forms.ChoiceField(label="類別", choices=Briefing.Topic.choices)
    title = forms.CharField(label="名稱", max_length=200)
    held_on = ROCDateField(label="日期")
    participants = forms.IntegerField(label="參加人數", min_value=0, max_value=100000, initial=0)


class ExerciseForm(forms.Form):
    year = RocYearField()
    title = forms.CharField(label="名稱", max_length=200)
    teams = forms.IntegerField(label="紅隊數", min_value=1, max_value=100)


class SystemForm(forms.Form):
    """第一階段初測 of one system; the exercise is the one of the test date's year."""

    agency = forms.ModelChoiceField(label="機關", queryset=Agency.objects.none())
    name = forms.CharField(label="系統名稱", max_length=200)
    team_no = forms.IntegerField(label="紅隊編號", min_value=1, max_value=100)
    tested_on = ROCDateField(label="初測日")
    weaknesses = forms.IntegerField(label="弱點數", min_value=0, max_value=10000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agencies()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get("tested_on")
        if isinstance(day, dt.date):
            exercise = RedTeamExercise.objects.filter(year=day.year).order_by("pk").first()
            if exercise is None:
                self.add_error("tested_on", f"{day.year - 1911} 年度尚未建立紅藍隊演練，請先建立演練")
            data["exercise"] = exercise
        return data


class RetestForm(forms.Form):
    retested_on = ROCDateField(label="複測日")
    fixed = forms.IntegerField(label="已修補弱點數", min_value=0, max_value=10000)


class MaturityForm(forms.Form):
    year = RocYearField()
    agency = forms.ModelChoiceField(label="機關", queryset=Agency.objects.none())
    agency_class = forms.ChoiceField(label="資安責任等級", choices=())
    level = forms.TypedChoiceField(
        label="自評等級", coerce=int, choices=[(n, f"Level {n}") for n in range(6)], initial=1
    )
    assessed_on = ROCDateField(label="自評日")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agencies()  # type: ignore[attr-defined]
        classes = sorted(set(MaturityTarget.objects.values_list("agency_class", flat=True)))
        self.fields["agency_class"].choices = [(c, f"{c} 級") for c in classes]  # type: ignore[attr-defined]
