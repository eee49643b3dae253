"""`yankao stats service`: the statistics JSON or CSV for a period."""

from __future__ import annotations

import csv
import io
import json

from yankao.service.selectors import period_between, service_statistics
from yankao.service.selectors.stats import flatten


def stats_command_payload(*, start: str, end: str, fmt: str) -> str:
    """The text the command prints; ValueError (Chinese) for a bad period or format."""
    figures = service_statistics(period_between(start, end))
    if fmt == "json":
        return json.dumps(figures, ensure_ascii=False, indent=2)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["key", "value"])
        writer.writerows(flatten(figures))
        return out.getvalue()
    raise ValueError(f"不支援的格式「{fmt}」，請用 json 或 csv")
