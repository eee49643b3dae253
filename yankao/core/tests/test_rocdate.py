"""ROC dates (民國), amounts in 元/萬元/億元, and the ROC date form field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django import forms

from yankao.core.forms import ROCDateField
from yankao.core.money import format_amount, in_unit
from yankao.core.rocdate import ROCDateError, format_roc, format_roc_datetime, parse_roc

D = dt.date


@pytest.mark.parametrize(
    "text",
    ["113/12/11", "113-12-11", "113.12.11", "民國113年12月11日", "113年12月11日", " 113 / 12 / 11 ", "2024-12-11"],
)
def test_parse_roc_reads_every_accepted_form(text: str) -> None:
    assert parse_roc(text) == D(2024, 12, 11)


def test_parse_roc_reads_two_digit_years() -> None:
    assert parse_roc("99/1/5") == D(2010, 1, 5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "請輸入日期，例如 113/12/11。"),
        ("abc", "「abc」不是有效的日期格式，請以民國年輸入，例如 113/12/11。"),
        ("113/13/40", "「113/13/40」的月份 13 不正確，月份應為 1 至 12。"),
        ("113/02/30", "「113/02/30」的日期不存在（2 月沒有 30 日）。"),
        ("0/01/01", "「0/01/01」的民國年份不正確。"),
    ],
)
def test_parse_roc_explains_bad_input(text: str, message: str) -> None:
    with pytest.raises(ROCDateError) as exc:
        parse_roc(text)
    assert str(exc.value) == message


def test_format_roc() -> None:
    assert format_roc(D(2024, 12, 11)) == "113/12/11"
    assert format_roc(D(2024, 12, 11), long=True) == "民國113年12月11日"
    assert format_roc(D(2010, 1, 5)) == "099/01/05"
    assert format_roc(None) == ""
    utc_evening = dt.datetime(2024, 12, 11, 16, 30, tzinfo=dt.UTC)  # 00:30 on the 12th in Taipei
    assert format_roc(utc_evening) == "113/12/12"
    assert format_roc_datetime(utc_evening) == "113/12/12 00:30"
    assert format_roc_datetime(dt.datetime(2024, 12, 11, 9, 5, tzinfo=ZoneInfo("Asia/Taipei"))) == "113/12/11 09:05"


@pytest.mark.parametrize(
    ("amount", "unit", "kwargs", "expected"),
    [
        (2_616_400, "萬元", {}, "261.64 萬元"),
        (4_285_000_000, None, {}, "42.85 億元"),
        (55_200_000_000, "億元", {"trim": True}, "552 億元"),
        (55_200_000_000, "億元", {}, "552.00 億元"),
        (1_234_567, "元", {}, "1,234,567 元"),
        (9_999, None, {}, "9,999 元"),
        (12_250, "萬元", {}, "1.23 萬元"),  # half-up, not banker's 1.22
        (Decimal("-25000"), None, {}, "-2.50 萬元"),
        (None, None, {}, ""),
    ],
)
def test_format_amount(amount: Decimal | int | None, unit: str | None, kwargs: dict[str, bool], expected: str) -> None:
    assert format_amount(amount, unit, **kwargs) == expected  # type: ignore[arg-type]


def test_in_unit_rounds_half_up() -> None:
    assert in_unit(12_345, "萬元") == Decimal("1.23")
    assert in_unit(12_350, "萬元") == Decimal("1.24")
    assert in_unit(Decimal("1234.5"), "元") == Decimal("1235")


# --- the form field ----------------------------------------------------------------------------


class MeetingForm(forms.Form):
    held_on = ROCDateField(label="開會日期")
    due_on = ROCDateField(label="期限", required=False)


@pytest.mark.parametrize("text", ["113/12/11", "民國113年12月11日", "2024-12-11"])
def test_field_accepts_roc_and_iso(text: str) -> None:
    form = MeetingForm(data={"held_on": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"held_on": D(2024, 12, 11), "due_on": None}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("113/13/40", "「113/13/40」的月份 13 不正確，月份應為 1 至 12。"),
        ("abc", "「abc」不是有效的日期格式，請以民國年輸入，例如 113/12/11。"),
        ("113/02/30", "「113/02/30」的日期不存在（2 月沒有 30 日）。"),
        ("", "請輸入日期，例如 113/12/11。"),
        ("   ", "請輸入日期，例如 113/12/11。"),
    ],
)
def test_field_reports_bad_input_in_chinese(text: str, message: str) -> None:
    form = MeetingForm(data={"held_on": text})
    assert not form.is_valid()
    assert form.errors["held_on"] == [message]


def test_widget_shows_the_value_as_roc() -> None:
    form = MeetingForm(initial={"held_on": D(2024, 12, 11)})
    html = str(form["held_on"])
    assert 'value="113/12/11"' in html
    assert 'placeholder="例如 113/12/11"' in html


def test_widget_shows_what_was_typed_when_it_is_invalid() -> None:
    form = MeetingForm(data={"held_on": "113/13/40"})
    assert 'value="113/13/40"' in str(form["held_on"])


def test_field_has_changed_compares_dates() -> None:
    form = MeetingForm(data={"held_on": "113/12/11"}, initial={"held_on": D(2024, 12, 11)})
    assert form.has_changed() is False
    form = MeetingForm(data={"held_on": "113/12/12"}, initial={"held_on": D(2024, 12, 11)})
    assert form.changed_data == ["held_on"]
