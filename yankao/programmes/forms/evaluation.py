"""Forms of the year-end and enterprise evaluation plans (考核實施計畫)."""

from __future__ import annotations

from typing import Any

from django import forms

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency
from yankao.programmes.models import Evaluation, Programme, Scheme

from ._common import RowsForm, pct_input, rows_in


class EvaluationPlanForm(forms.Form):
    scheme = forms.ChoiceField(label="考核類別", choices=Scheme.choices)
    year = forms.IntegerField(
        label="受考核年度（民國）",
        min_value=90,
        max_value=200,
        error_messages={"invalid": "請輸入民國年度，例如 113", "min_value": "年度不正確", "max_value": "年度不正確"},
    )
    title = forms.CharField(label="名稱", max_length=200)
    issued_on = ROCDateField(label="函頒日期")
    self_assessment_due = ROCDateField(label="自評期限", required=False)


def _text(label: str, max_length: int) -> Any:
    return lambda: forms.CharField(label=label, max_length=max_length, required=False)


class PlanRulesForm(RowsForm):
    """考核項目與權重, then 等第級距 (highest grade first): two groups of rows in one form, so that
    the service checks and saves them together."""

    prefix_name = "c"
    row_legend = "考核項目 {n}"
    row_fields = [
        ("code", _text("代碼", 10)),
        ("name", _text("項目名稱", 100)),
        ("weight", lambda: pct_input("權重（%）", required=False)),
    ]

    def __init__(self, *args: Any, bands: list[dict[str, Any]] = (), band_rows: int = 4, **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.band_count = max(band_rows, len(bands), rows_in(self.data, "b"))
        for n in range(1, self.band_count + 1):
            self.fields[f"b{n}_grade"] = forms.CharField(label="等第", max_length=4, required=False)
            self.fields[f"b{n}_min_score"] = pct_input("最低分數", required=False)
        for n, band in enumerate(bands, start=1):
            self.initial[f"b{n}_grade"], self.initial[f"b{n}_min_score"] = band["grade"], band["min_score"]

    def band_groups(self) -> list[tuple[str, list[Any]]]:
        return [(f"等第 {n}", [self[f"b{n}_grade"], self[f"b{n}_min_score"]]) for n in range(1, self.band_count + 1)]

    def row_groups(self) -> list[tuple[str, list[Any]]]:
        return super().row_groups() + self.band_groups()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        bands = []
        for n in range(1, self.band_count + 1):
            grade, score = cleaned.get(f"b{n}_grade", ""), cleaned.get(f"b{n}_min_score")
            if not grade and score is None:
                continue
            if not grade or score is None:
                self.add_error(None, f"等第 {n}：請填寫等第與最低分數，或整列留白")
                continue
            bands.append({"grade": grade, "min_score": score})
        cleaned["bands"] = bands
        return cleaned


class IncludeForm(forms.Form):
    """納入考核: a programme of the plan's year, or a city enterprise."""

    def __init__(self, *args: Any, plan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = Evaluation.objects.filter(plan=plan)
        if plan.scheme == Scheme.PROGRAMME:
            self.fields["programme"] = forms.ModelChoiceField(
                label="列管計畫",
                queryset=Programme.objects.filter(year=plan.year)
                .exclude(pk__in=taken.filter(programme__isnull=False).values("programme_id"))
                .order_by("code"),
                error_messages={"required": "請選擇列管計畫", "invalid_choice": "請選擇本年度尚未納入的列管計畫"},
            )
        else:
            self.fields["enterprise"] = forms.ModelChoiceField(
                label="市營事業機構",
                queryset=Agency.objects.filter(kind=Agency.Kind.ENTERPRISE).exclude(
                    pk__in=taken.filter(enterprise__isnull=False).values("enterprise_id")
                ),
                error_messages={"required": "請選擇事業機構", "invalid_choice": "請選擇尚未納入的事業機構"},
            )


class SessionForm(forms.Form):
    held_on = ROCDateField(label="考評日期")
    note = forms.CharField(label="說明", max_length=200, required=False)


class IssueResultsForm(forms.Form):
    issued_on = ROCDateField(label="函送日期")
