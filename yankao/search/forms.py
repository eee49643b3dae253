from __future__ import annotations

from typing import Any

from django import forms

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency
from yankao.search.models import Page


class SearchForm(forms.Form):
    q = forms.CharField(label="搜尋", max_length=200, required=False)
    agency = forms.ModelChoiceField(
        label="機關", queryset=Agency.objects.none(), required=False, empty_label="全部機關"
    )
    type = forms.ChoiceField(label="類型", choices=[("", "全部類型"), *Page.Type.choices], required=False)
    date_from = ROCDateField(label="日期起", required=False)
    date_to = ROCDateField(label="日期迄", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.order_by("name")  # type: ignore[attr-defined]


class SourceForm(forms.Form):
    base_url = forms.URLField(label="網站網址", max_length=500, assume_scheme="https")
    name = forms.CharField(label="名稱", max_length=100, required=False)
    agency = forms.ModelChoiceField(label="機關", queryset=Agency.objects.none(), required=False)
    sitemap_url = forms.URLField(label="網站地圖（sitemap）", max_length=500, required=False, assume_scheme="https")
    feed_url = forms.URLField(label="RSS 網址", max_length=500, required=False, assume_scheme="https")
    include_patterns = forms.CharField(
        label="納入規則（每行一個正規表示式）", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    exclude_patterns = forms.CharField(
        label="排除規則（每行一個正規表示式）", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    interval_hours = forms.IntegerField(label="更新間隔（小時）", min_value=1, initial=24)
    delay_seconds = forms.FloatField(label="請求間隔（秒）", min_value=0, initial=1.0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.order_by("name")  # type: ignore[attr-defined]
