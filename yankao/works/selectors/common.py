"""Helpers the selectors share: year bounds in Asia/Taipei and percentages as the report writes them."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """[1 Jan, 1 Jan next year) of the Gregorian `year`, as aware datetimes in the local zone."""
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def pct(part: int, whole: int, places: int = 0) -> Decimal | None:
    """part/whole as a percentage, half-up (13/15 → 87, 13/56 → 23); None when whole is 0."""
    if not whole:
        return None
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(quantum, rounding=ROUND_HALF_UP)


def gregorian(year: int) -> int:
    """Accept a ROC year (113) or a Gregorian one (2024)."""
    return year + 1911 if year < 1000 else year
