"""The risk map (風險圖像) as server-side SVG: one grid, likelihood up the side, impact along the
bottom, each cell coloured by its level band and listing the codes of the risks in it."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

CELL_W, CELL_H, LEFT, BOTTOM, TOP = 120, 84, 64, 56, 8


def risk_map_svg(grid: Sequence[Sequence[Any]], *, title: str, stage: str) -> SafeString:
    """`grid`: rows (highest likelihood first) of cells with likelihood, impact, band, codes."""
    size = len(grid)
    width, height = LEFT + CELL_W * size + 8, TOP + CELL_H * size + BOTTOM
    desc = "；".join(
        f"發生機率{c.likelihood}、影響程度{c.impact}（{c.band.label}）：{'、'.join(c.codes) or '無'}"
        for row in grid
        for c in row
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart risk-map" data-stage="{escape(stage)}" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
    ]
    for r, row in enumerate(grid):
        y = TOP + r * CELL_H
        parts.append(
            f'<text x="{LEFT - 10}" y="{y + CELL_H / 2 + 5:.0f}" text-anchor="end" font-size="14">{row[0].likelihood}</text>'
        )
        for c, cell in enumerate(row):
            x = LEFT + c * CELL_W
            parts.append(
                f'<g class="risk-cell" data-likelihood="{cell.likelihood}" data-impact="{cell.impact}" '
                f'data-band="{escape(cell.band.code)}" data-codes="{escape(" ".join(cell.codes))}">'
                f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="{escape(cell.band.colour)}" '
                f'stroke="#333" stroke-width="1"/>'
            )
            for i, line in enumerate(_lines(cell.codes)):
                parts.append(
                    f'<text x="{x + CELL_W / 2:.0f}" y="{y + 22 + i * 18}" text-anchor="middle" font-size="14" '
                    f'font-weight="bold" fill="{escape(cell.band.text_colour)}">{escape(line)}</text>'
                )
            parts.append("</g>")
    for c in range(size):
        parts.append(
            f'<text x="{LEFT + c * CELL_W + CELL_W / 2:.0f}" y="{TOP + size * CELL_H + 20}" text-anchor="middle" '
            f'font-size="14">{c + 1}</text>'
        )
    parts.append(
        f'<text x="{LEFT + size * CELL_W / 2:.0f}" y="{height - 10}" text-anchor="middle" font-size="14">影響程度</text>'
        f'<text x="16" y="{TOP + size * CELL_H / 2:.0f}" text-anchor="middle" font-size="14" '
        f'transform="rotate(-90 16 {TOP + size * CELL_H / 2:.0f})">發生機率</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped


def _lines(codes: list[str], per_line: int = 3) -> list[str]:
    lines = ["、".join(codes[i : i + per_line]) for i in range(0, len(codes), per_line)]
    return lines[:4] if len(lines) <= 4 else [*lines[:3], f"…等 {len(codes)} 項"]
