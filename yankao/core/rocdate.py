"""The ROC (民國) calendar: year = Gregorian year − 1911.

Shown as 民國113年12月11日 (long) or 113/12/11 (short); entered as either, or as ISO 2024-12-11.
"""

from __future__ import annotations

import datetime as dt
import re

ROC_OFFSET = 1911

_SHORT = re.compile(r"^\s*(?:民國)?\s*(\d{1,3})\s*[/.\-年]\s*(\d{1,2})\s*[/.\-月]\s*(\d{1,2})\s*日?\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class ROCDateError(ValueError):
    """A date that cannot be read; the message is for the person who typed it."""


def roc_year(year: int) -> int:
    return year - ROC_OFFSET


def format_roc(value: dt.date | dt.datetime | None, *, long: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    year = roc_year(value.year)
    if long:
        return f"民國{year}年{value.month}月{value.day}日"
    return (
        f"{year:03d}/{value.month:02d}/{value.day:02d}" if year < 100 else f"{year}/{value.month:02d}/{value.day:02d}"
    )


def format_roc_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    from django.utils import timezone

    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_roc(local)} {local:%H:%M}"


def parse_roc(text: str) -> dt.date:
    """Read 113/12/11, 113-12-11, 113.12.11, 民國113年12月11日 or ISO 2024-12-11."""
    if text is None or not str(text).strip():
        raise ROCDateError("請輸入日期，例如 113/12/11。")
    text = str(text).strip()
    iso = _ISO.match(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    else:
        match = _SHORT.match(text)
        if not match:
            raise ROCDateError(f"「{text}」不是有效的日期格式，請以民國年輸入，例如 113/12/11。")
        roc, month, day = (int(part) for part in match.groups())
        if roc < 1:
            raise ROCDateError(f"「{text}」的民國年份不正確。")
        year = roc + ROC_OFFSET
    if not 1 <= month <= 12:
        raise ROCDateError(f"「{text}」的月份 {month} 不正確，月份應為 1 至 12。")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ROCDateError(f"「{text}」的日期不存在（{month} 月沒有 {day} 日）。") from None
