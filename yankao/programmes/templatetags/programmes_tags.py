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


@register.simple_tag
def behind_rows(rows: list[Any]) -> str:
    """The rows of the behind table, built in Python: the monthly analysis can list hundreds of
    programmes and the template engine would spend most of the page's time on them."""
    from django.urls import reverse

    if not rows:
        return format_html('<tr><td colspan="9">{}</td></tr>', "本月沒有落後的計畫")
    prefix = reverse("programmes:programme_detail", args=[0])[: -len("0/")]
    return format_html_join(
        "\n",
        '<tr><td><a href="{}{}/">{} {}</a></td><td>{}</td><td class="num">{}%</td><td class="num">{}%</td>'
        '<td class="num">{}</td><td class="status-{}">{}</td><td class="num">{}</td><td>{}{}</td><td>{}</td></tr>',
        (
            (
                prefix,
                r.programme_id,
                r.code,
                r.name,
                r.agency,
                r.planned_pct,
                r.actual_pct,
                r.behind_pp,
                r.delay_level,
                r.level_label,
                r.streak,
                r.reason,
                f"：{r.delay_note}" if r.delay_note else "",
                r.countermeasure,
            )
            for r in rows
        ),
    )
