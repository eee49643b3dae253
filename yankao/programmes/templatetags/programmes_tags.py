"""Template helpers of the programmes app: export links that keep the page's filters; percentages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

EXPORT_LABELS = [("xlsx", "Excel（XLSX）"), ("ods", "ODS"), ("csv", "CSV")]
DOCUMENT_LABELS = [("pdf", "PDF"), ("odt", "ODT"), ("docx", "DOCX")]


def _links(request: Any, labels: list[tuple[str, str]], caption: str) -> str:
    params = request.GET.copy()
    items = []
    for fmt, label in labels:
        params["format"] = fmt
        items.append((f"?{params.urlencode()}", label))
    links = format_html_join("", '<li><a href="{}" download>{}</a></li>', items)
    return format_html(
        '<nav class="export-links" aria-label="{}"><span>{}：</span><ul>{}</ul></nav>', caption, caption, links
    )


@register.simple_tag(takes_context=True)
def export_links(context: Any) -> str:
    return _links(context["request"], EXPORT_LABELS, "匯出")


@register.simple_tag(takes_context=True)
def document_links(context: Any) -> str:
    return _links(context["request"], DOCUMENT_LABELS, "下載文件")


@register.filter
def pct(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return f"{Decimal(str(value)):,.2f}%"


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None
