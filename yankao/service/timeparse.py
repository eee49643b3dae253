"""Reading a date-time typed the ROC way (113/03/05 14:22) or ISO 8601 (2024-03-05T14:22:00+08:00)."""

from __future__ import annotations

import datetime as dt
import re

from yankao.core.rocdate import ROCDateError, parse_roc
from yankao.core.workdays import TAIPEI

_SPLIT = re.compile(r"^\s*(\S+?)(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")


def parse_when(text: str) -> dt.datetime:
    """An aware datetime (Asia/Taipei when no offset is given); ValueError with a Chinese message."""
    raw = (text or "").strip()
    if not raw:
        raise ValueError("請填寫日期時間")
    try:
        value = dt.datetime.fromisoformat(raw)
        return value if value.tzinfo else value.replace(tzinfo=TAIPEI)
    except ValueError:
        pass
    match = _SPLIT.match(raw)
    if not match:
        raise ValueError(f"「{raw}」不是有效的日期時間，例如 113/03/05 14:22 或 2024-03-05 14:22")
    day_text, hh, mm, ss = match.groups()
    try:
        day = parse_roc(day_text)
    except ROCDateError as exc:
        raise ValueError(str(exc)) from None
    hour, minute, second = int(hh or 0), int(mm or 0), int(ss or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"「{raw}」的時間不正確")
    return dt.datetime.combine(day, dt.time(hour, minute, second), TAIPEI)
