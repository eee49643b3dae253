"""Bar charts as PNG, for DOCX (python-docx embeds raster pictures only).

No SVG renderer is installed (cairosvg, rsvg, svglib are not dependencies; Pillow does not read
SVG), so the PNG is drawn with Pillow from the same numbers and the same geometry as
`yankao.core.charts.bar_chart` — the same chart, not a rasterised copy of its SVG. Drawings of
their own (the risk map) have no PNG: DOCX carries their table only.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from pathlib import Path

from yankao.core.charts import PALETTE
from yankao.core.documents import CJK_FONT

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
FONT_FILE = "NotoSansCJK-Regular.ttc"


def _fmt(value: float) -> str:  # as core.charts writes the numbers
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


@functools.cache
def _font_face() -> tuple[str, int] | None:
    """(file, index) of the CJK TC face in the Noto Sans CJK collection, found once per process."""
    from PIL import ImageFont

    for base in FONT_DIRS:
        for path in sorted(Path(base).rglob(FONT_FILE)) if Path(base).is_dir() else []:
            for index in range(12):
                try:
                    face = ImageFont.truetype(str(path), 13, index=index)
                except OSError:
                    break
                if face.getname()[0] == CJK_FONT:
                    return str(path), index
    return None


def bar_chart_png(
    items: Sequence[tuple[str, float]], *, unit: str = "", width: int = 640, bar_height: int = 26, scale: int = 2
) -> bytes | None:
    """Horizontal bars, one per (label, value), as `bar_chart` draws them; None without a CJK font."""
    from PIL import Image, ImageDraw, ImageFont

    face = _font_face()
    if face is None:
        return None
    font = ImageFont.truetype(face[0], 13 * scale, index=face[1])
    label_w, pad = 170, 8
    height = pad * 2 + bar_height * max(1, len(items))
    peak = max((v for _, v in items), default=0) or 1
    plot_w = width - label_w - 90
    image = Image.new("RGB", (width * scale, height * scale), "white")
    pen = ImageDraw.Draw(image)
    for i, (label, value) in enumerate(items):
        y = pad + i * bar_height
        w = max(1.0, plot_w * (value / peak)) if value else 0
        middle = (y + bar_height / 2) * scale
        pen.text(((label_w - 6) * scale, middle), label, font=font, fill="black", anchor="rm")
        if w:
            box = (label_w * scale, (y + 3) * scale, (label_w + w) * scale, (y + bar_height - 3) * scale)
            pen.rectangle(box, fill=PALETTE[0])
        pen.text(((label_w + w + 6) * scale, middle), f"{_fmt(value)}{unit}", font=font, fill="black", anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
