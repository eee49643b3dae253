"""Server-side SVG charts: no JavaScript, no CDN, readable by screen readers.

Each chart is an <svg role="img"> with <title> and <desc>, and the caller shows the same
numbers in a table next to it (WCAG 1.1.1: the chart is never the only carrier of a figure).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

# colour-blind-safe palette (Okabe–Ito), each ≥ 3:1 against white for graphical objects
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def bar_chart(
    items: Sequence[tuple[str, float]], *, title: str, unit: str = "", width: int = 640, bar_height: int = 26
) -> SafeString:
    """Horizontal bars, one per (label, value); labels may be long Chinese names."""
    label_w, pad = 170, 8
    height = pad * 2 + bar_height * max(1, len(items))
    peak = max((v for _, v in items), default=0) or 1
    plot_w = width - label_w - 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        "<desc>" + escape("；".join(f"{label}：{_fmt(v)}{unit}" for label, v in items)) + "</desc>",
    ]
    for i, (label, value) in enumerate(items):
        y = pad + i * bar_height
        w = max(1.0, plot_w * (value / peak)) if value else 0
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_height * 0.68:.1f}" text-anchor="end" font-size="13">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{bar_height - 6}" fill="{PALETTE[0]}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + bar_height * 0.68:.1f}" font-size="13">{_fmt(value)}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped


def line_chart(
    labels: Sequence[str],
    series: dict[str, Sequence[float | None]],
    *,
    title: str,
    unit: str = "",
    width: int = 640,
    height: int = 280,
) -> SafeString:
    """Lines over shared x labels (e.g. months); None leaves a gap."""
    left, right, top, bottom = 56, 16, 16, 56
    values = [v for vs in series.values() for v in vs if v is not None]
    peak = max(values, default=0) or 1
    low = min(0.0, min(values, default=0))
    span = (peak - low) or 1
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(labels) - 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + i * step, top + plot_h * (1 - (v - low) / span)

    desc = "；".join(
        f"{name}：" + "、".join(f"{labels[i]} {_fmt(v)}{unit}" for i, v in enumerate(vs) if v is not None)
        for name, vs in series.items()
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#444"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#444"/>',
    ]
    for frac in (0, 0.5, 1):
        v = low + span * frac
        _, y = xy(0, v)
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12">{_fmt(v)}</text>')
    for i, label in enumerate(labels):
        x, _ = xy(i, low)
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 18}" text-anchor="middle" font-size="12">{escape(label)}</text>'
        )
    for n, (name, vs) in enumerate(series.items()):
        colour = PALETTE[n % len(PALETTE)]
        points = " ".join(f"{x:.1f},{y:.1f}" for i, v in enumerate(vs) if v is not None for x, y in [xy(i, v)])
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" points="{points}"/>')
        for i, point in enumerate(vs):
            if point is not None:
                cx, cy = xy(i, point)
                parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="{colour}"/>')
        lx = left + n * 150
        parts.append(
            f'<rect x="{lx}" y="{height - 22}" width="14" height="14" fill="{colour}"/>'
            f'<text x="{lx + 20}" y="{height - 10}" font-size="13">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped
