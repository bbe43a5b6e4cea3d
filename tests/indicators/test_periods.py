"""indicators/periods.py: keys, Vietnamese labels, previous and next keys (pure: no database)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.periods import PeriodKeyError, period_label, period_next_key, period_parse, period_previous_key


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("2024-01", "Tháng 01 năm 2024"),
        ("2023-W49", "Tuần 1 tháng 12 năm 2023"),
        ("2023-W48", "Tuần 4 tháng 11 năm 2023"),
        ("2024-Q1", "Quý I năm 2024"),
        ("2024-H1", "6 tháng đầu năm 2024"),
        ("2024-H2", "6 tháng cuối năm 2024"),
        ("2024", "Năm 2024"),
    ],
)
def test_labels(key, label):
    assert period_label(key) == label


def test_week_49_of_2023_starts_on_the_seed_cut_off_date():
    assert period_parse("2023-W49").start == date(2023, 12, 4)


@pytest.mark.parametrize(
    ("key", "previous"),
    [
        ("2024-01", "2023-12"),
        ("2024-W01", "2023-W52"),
        ("2021-W01", "2020-W53"),
        ("2024-Q1", "2023-Q4"),
        ("2024-H1", "2023-H2"),
        ("2024", "2023"),
        ("2024-07", "2024-06"),
    ],
)
def test_previous_key(key, previous):
    assert period_previous_key(key) == previous


@pytest.mark.parametrize("key", ["2024-13", "2024-W60", "24-01", "tháng 1", "2024-Q5", ""])
def test_bad_keys_say_which_forms_are_accepted(key):
    with pytest.raises(PeriodKeyError, match="2024-01 \\(tháng\\)"):
        period_parse(key)


period_keys = st.one_of(
    st.builds(lambda y, w: f"{y}-W{w:02d}", st.integers(2000, 2099), st.integers(1, 52)),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2000, 2099), st.integers(1, 12)),
    st.builds(lambda y, q: f"{y}-Q{q}", st.integers(2000, 2099), st.integers(1, 4)),
    st.builds(lambda y, h: f"{y}-H{h}", st.integers(2000, 2099), st.integers(1, 2)),
    st.builds(str, st.integers(2000, 2099)),
)


@given(period_keys)
def test_next_and_previous_are_inverse_and_adjacent(key):
    """Without a database: the next period starts the day after this one ends, and its previous is this one."""
    following = period_next_key(key)
    assert period_previous_key(following) == key
    assert period_parse(following).start == period_parse(key).end + timedelta(days=1)
    assert period_parse(following).kind == period_parse(key).kind
