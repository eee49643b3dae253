"""Outline numbering as Taiwanese government documents write it, and the rounding rules of the
reference report for figures.

Levels: 壹、 → 一、 → (一) → 1. → (1)  (公文書 層次: 壹、一、(一)、1.、(1)).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import models

_DIGITS = "〇一二三四五六七八九"
_FORMAL = "零壹貳參肆伍陸柒捌玖"


def _spell(n: int, digits: str, ten: str, hundred: str) -> str:
    if n <= 0 or n >= 1000:
        raise ValueError(f"項次須介於 1 與 999 之間：{n}")
    out = ""
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    if h:
        out += digits[h] + hundred
        if rest and t == 0:
            out += digits[0]
    if t:
        out += ("" if (t == 1 and not h) else digits[t]) + ten
    if u:
        out += digits[u]
    return out


def zh_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百〇五."""
    return _spell(n, _DIGITS, "十", "百")


def formal_numeral(n: int) -> str:
    """大寫: 1 → 壹, 3 → 參, 10 → 拾, 11 → 拾壹, 21 → 貳拾壹."""
    return _spell(n, _FORMAL, "拾", "佰")


MAX_LEVEL = 4


def outline_number(level: int, index: int) -> str:
    """The label of the `index`-th (1-based) item at outline `level` (0 = 壹、 … 4 = (1))."""
    if level == 0:
        return f"{formal_numeral(index)}、"
    if level == 1:
        return f"{zh_numeral(index)}、"
    if level == 2:
        return f"({zh_numeral(index)})"
    if level == 3:
        return f"{index}."
    if level == 4:
        return f"({index})"
    raise ValueError(f"大綱層次須介於 0 與 {MAX_LEVEL} 之間：{level}")


def number_outline(levels: list[int]) -> list[str]:
    """Labels for a document-order list of item levels; a deeper level restarts at 1 under each parent."""
    counters = [0] * (MAX_LEVEL + 1)
    labels = []
    previous = -1
    for level in levels:
        if level > previous + 1:
            raise ValueError(f"大綱層次不可跳級：由第 {previous} 層直接到第 {level} 層")
        counters[level] += 1
        for deeper in range(level + 1, MAX_LEVEL + 1):
            counters[deeper] = 0
        labels.append(outline_number(level, counters[level]))
        previous = level
    return labels


class Rounding(models.TextChoices):
    """How a figure is written, as the reference writes it (half-up)."""

    COUNT = "count", "計數（整數）"
    AVERAGE = "average", "平均（四捨五入至個位）"
    PCT0 = "pct0", "百分比（整數）"
    PCT1 = "pct1", "百分比（1 位小數）"
    PCT2 = "pct2", "百分比（2 位小數）"
    SCORE = "score", "分數（至多 2 位小數）"
    YI2 = "yi2", "億元（2 位小數）"
    YI0 = "yi0", "億元（整數）"
    WAN2 = "wan2", "萬元（2 位小數）"
    WAN0 = "wan0", "萬（整數，如 150 萬人次）"
    ZH_WAN = "zh_wan", "中文萬（如 四萬）"


_PLACES = {
    Rounding.COUNT: 0,
    Rounding.AVERAGE: 0,
    Rounding.PCT0: 0,
    Rounding.PCT1: 1,
    Rounding.PCT2: 2,
    Rounding.SCORE: 2,
    Rounding.YI2: 2,
    Rounding.YI0: 0,
    Rounding.WAN2: 2,
}


def round_value(value: Decimal | int | float, rounding: str) -> Decimal:
    """The value as it is quoted (half-up), still a number: 77431.4 → 77431, 1500000 (wan0) → 150."""
    number = Decimal(str(value))
    if rounding in (Rounding.WAN0, Rounding.ZH_WAN):
        return (number / 10_000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    places = _PLACES[Rounding(rounding)]
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_value(value: Decimal | int | float, rounding: str) -> str:
    """283580 → 283,580; 32.3 (pct2) → 32.30; 88 (score) → 88; 87.71 → 87.71; 40000 (zh_wan) → 四萬."""
    rounded = round_value(value, rounding)
    if rounding == Rounding.ZH_WAN:
        return zh_numeral(int(rounded)) + "萬"
    if rounding == Rounding.SCORE:
        text = f"{rounded:,.2f}".rstrip("0").rstrip(".")
        return text
    places = -rounded.as_tuple().exponent if rounded.as_tuple().exponent < 0 else 0  # type: ignore[operator]
    return f"{rounded:,.{places}f}"
