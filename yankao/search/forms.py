from __future__ import annotations

from typing import Any

from django import forms

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency
from yankao.search.models import Page, Source


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
    agency = forms.ModelChoiceField(
        label="機關", queryset=Agency.objects.none(), required=False, empty_label="（不指定機關）"
    )
    sitemap_url = forms.URLField(label="網站地圖（sitemap）", max_length=500, required=False, assume_scheme="https")
    feed_url = forms.URLField(label="RSS 網址", max_length=500, required=False, assume_scheme="https")
    include_patterns = forms.CharField(
        label="納入規則（每行一個正規表示式）", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    exclude_patterns = forms.CharField(
        label="排除規則（每行一個正規表示式）", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    agency_rules = forms.CharField(
        label="機關對應規則（每行「正規表示式 => 機關名稱」）",
        help_text="多機關入口網站：網址符合規則的頁面歸屬該機關，例如「/pwb/ => 工務局」；其餘頁面歸屬上面的機關。",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    interval_hours = forms.IntegerField(label="更新間隔（小時）", min_value=1, initial=24)
    delay_seconds = forms.FloatField(label="請求間隔（秒）", min_value=0, initial=1.0)
    max_pages = forms.IntegerField(label="每次最多頁數", min_value=1, max_value=100_000, initial=2000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.order_by("name")  # type: ignore[attr-defined]

    def clean_max_pages(self) -> int:
        value = self.cleaned_data.get("max_pages")
        return 2000 if value is None else int(value)


class SourceEditForm(SourceForm):
    """Editing a source, and 停用/啟用 it. yankao's own records have no website: for them only
    the name and 啟用 are shown (they are re-indexed hourly)."""

    is_active = forms.BooleanField(label="啟用（取消勾選即停用，不再自動更新）", required=False)
    RECORDS_FIELDS = ("name", "is_active")

    def __init__(self, *args: Any, source: Source, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(source, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        if source.kind == Source.Kind.RECORDS:
            for name in list(self.fields):
                if name not in self.RECORDS_FIELDS:
                    del self.fields[name]
