"""Amounts as Taiwanese government documents write them: 元, 萬元, 億元.

The reference report writes 261.64 萬元, 42.85 億元, 552 億元: amounts in 萬元/億元 to two
decimals (trailing zeros kept unless `trim`), 元 as whole numbers with thousands separators.
Rounding is half-up, as in accounting (not banker's rounding).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Unit = Literal["元", "萬元", "億元"]
_DIVISOR: dict[str, Decimal] = {"元": Decimal(1), "萬元": Decimal(10_000), "億元": Decimal(100_000_000)}


def in_unit(amount: Decimal | int | float, unit: Unit, places: int = 2) -> Decimal:
    value = Decimal(str(amount)) / _DIVISOR[unit]
    quantum = Decimal(1) if unit == "元" else Decimal(1).scaleb(-places)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def format_amount(
    amount: Decimal | int | float | None, unit: Unit | None = None, *, places: int = 2, trim: bool = False
) -> str:
    """Format `amount` (in 元) in `unit`; with no unit, the largest that reads naturally."""
    if amount is None:
        return ""
    value = Decimal(str(amount))
    if unit is None:
        unit = "億元" if abs(value) >= 100_000_000 else "萬元" if abs(value) >= 10_000 else "元"
    scaled = in_unit(value, unit, places)
    text = f"{scaled:,}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} {unit}"
