"""indicators/periods.py: keys, Vietnamese labels, previous periods and the stored links."""

from __future__ import annotations

from datetime import date

import pytest

from indicators.models import Period
from indicators.periods import PeriodKeyError, period_get_or_create, period_label, period_parse, period_previous_key


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


@pytest.mark.django_db
def test_stored_periods_link_to_their_previous_period_in_any_creation_order():
    march = period_get_or_create("2024-03")
    january = period_get_or_create("2024-01")
    february = Period.objects.get(key="2024-02")
    march.refresh_from_db()
    assert march.previous == february and february.previous == january
    assert january.previous.key == "2023-12"
