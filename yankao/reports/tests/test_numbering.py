from __future__ import annotations

from decimal import Decimal

import pytest

from yankao.reports.numbering import (
    Rounding,
    formal_numeral,
    format_value,
    number_outline,
    outline_number,
    round_value,
    zh_numeral,
)


@pytest.mark.parametrize(
    "n,plain,formal",
    [(1, "一", "壹"), (3, "三", "參"), (7, "七", "柒"), (10, "十", "拾"), (11, "十一", "拾壹"), (20, "二十", "貳拾"),
     (21, "二十一", "貳拾壹"), (105, "一百〇五", "壹佰零伍"), (110, "一百一十", "壹佰壹拾")],
)  # fmt: skip
def test_numerals(n, plain, formal):
    assert zh_numeral(n) == plain
    assert formal_numeral(n) == formal


@pytest.mark.parametrize(
    "level,index,label",
    [(0, 1, "壹、"), (0, 7, "柒、"), (1, 2, "二、"), (2, 1, "(一)"), (2, 12, "(十二)"), (3, 3, "3."), (4, 10, "(10)")],
)
def test_outline_number(level, index, label):
    assert outline_number(level, index) == label


def test_number_outline_restarts_under_each_parent():
    levels = [0, 1, 1, 2, 2, 3, 4, 4, 1, 2, 0, 1]
    assert number_outline(levels) == [
        "壹、", "一、", "二、", "(一)", "(二)", "1.", "(1)", "(2)", "三、", "(一)", "貳、", "一、",
    ]  # fmt: skip


def test_number_outline_refuses_a_skipped_level():
    with pytest.raises(ValueError, match="跳級"):
        number_outline([0, 2])
    with pytest.raises(ValueError, match="層次"):
        outline_number(5, 1)


@pytest.mark.parametrize(
    "value,rounding,text",
    [
        (283580, Rounding.COUNT, "283,580"),
        (Decimal("77430.6667"), Rounding.AVERAGE, "77,431"),
        (Decimal("10314.5"), Rounding.AVERAGE, "10,315"),  # half-up, not banker's
        (Decimal("32.3"), Rounding.PCT2, "32.30"),
        (Decimal("98.505"), Rounding.PCT2, "98.51"),
        (Decimal("94.45"), Rounding.PCT1, "94.5"),
        (Decimal("86.67"), Rounding.PCT0, "87"),
        (Decimal("88.00"), Rounding.SCORE, "88"),
        (Decimal("87.71"), Rounding.SCORE, "87.71"),
        (Decimal("4285000000") / 100_000_000, Rounding.YI2, "42.85"),
        (Decimal("552.3"), Rounding.YI0, "552"),
        (Decimal("261.64"), Rounding.WAN2, "261.64"),
        (1_500_000, Rounding.WAN0, "150"),
        (40_000, Rounding.ZH_WAN, "四萬"),
        (3400, Rounding.COUNT, "3,400"),
    ],
)
def test_format_value_writes_figures_as_the_reference(value, rounding, text):
    assert format_value(value, rounding) == text


def test_round_value_keeps_a_number():
    assert round_value(Decimal("32.3"), Rounding.PCT2) == Decimal("32.30")
    assert round_value(1_500_000, Rounding.WAN0) == Decimal(150)
