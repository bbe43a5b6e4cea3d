"""Soft warnings on entered values: they fire exactly where the rule says, whatever the numbers."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.entry.checks import RATE_JUMP, rate_of, value_warnings
from indicators.values import EntryValue

counts = st.integers(min_value=0, max_value=10_000).map(Decimal)


def rate(num: Decimal, den: Decimal) -> EntryValue:
    return EntryValue(numerator=num, denominator=den)


@given(num=counts, den=counts, prev_num=counts, prev_den=counts)
def test_a_rate_jump_warns_exactly_beyond_forty_points(num, den, prev_num, prev_den):
    warnings = value_warnings(value=rate(num, den), previous=rate(prev_num, prev_den))
    now, before = rate_of(rate(num, den)), rate_of(rate(prev_num, prev_den))
    jumped = now is not None and before is not None and abs(now - before) > RATE_JUMP
    assert any("kỳ trước" in w for w in warnings) == jumped


@given(num=counts, den=counts)
def test_numerator_above_denominator_and_one_of_one_warn(num, den):
    warnings = value_warnings(value=rate(num, den), previous=None)
    assert any("lớn hơn mẫu số" in w for w in warnings) == (den > 0 and num > den)
    assert any("trên mẫu số 1" in w for w in warnings) == (num == den == 1)


def test_points_moving_by_more_than_forty_percent_of_the_maximum_warn():
    assert value_warnings(value=EntryValue(points=Decimal(6)), previous=EntryValue(points=Decimal(3)), maximum=6)
    assert not value_warnings(value=EntryValue(points=Decimal(5)), previous=EntryValue(points=Decimal(3)), maximum=6)
    assert not value_warnings(value=EntryValue(not_applicable=True), previous=None)
