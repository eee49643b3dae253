"""A small SVG map of a case's district with its point (no tiles, no CDN, readable by screen readers)."""

from __future__ import annotations

import math
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def case_map_svg(*, district: Any, lat: Any, lng: Any, width: int = 320) -> SafeString | None:
    """The district's outline, and a marker at (lat, lng) when the case has a point."""
    geometry = getattr(district, "boundary", None) or {}
    rings = _rings(geometry.get("geometry", geometry) if "geometry" in geometry else geometry)
    if not rings:
        return None
    xs = [p[0] for ring in rings for p in ring]
    ys = [p[1] for ring in rings for p in ring]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    kx = math.cos(math.radians((min_y + max_y) / 2))
    span_x, span_y = (max_x - min_x) * kx or 1e-6, (max_y - min_y) or 1e-6
    pad = 8
    scale = (width - 2 * pad) / max(span_x, span_y)
    height = int(span_y * scale + 2 * pad)

    def xy(x: float, y: float) -> tuple[float, float]:
        return pad + (x - min_x) * kx * scale, pad + (max_y - y) * scale

    paths = []
    for ring in rings:
        points = " ".join(f"{px:.1f},{py:.1f}" for px, py in (xy(x, y) for x, y in ring[:: max(1, len(ring) // 400)]))
        paths.append(f'<polygon points="{points}" fill="#e8f0f8" stroke="#0b4f8a" stroke-width="1.5"/>')
    label = f"{district.name}範圍圖"
    marker = ""
    if lat is not None and lng is not None:
        mx, my = xy(float(lng), float(lat))
        marker = f'<circle cx="{mx:.1f}" cy="{my:.1f}" r="6" fill="#D55E00" stroke="#fff" stroke-width="2"/>'
        label += f"，標示案件位置（緯度 {float(lat):.5f}，經度 {float(lng):.5f}）"
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="case-map" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px" aria-label="{escape(label)}"><title>{escape(label)}</title>'
        + "".join(paths)
        + marker
        + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - only numbers and escaped text are interpolated
