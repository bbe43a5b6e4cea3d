"""indicators/services.py: creating periods with their links, and the one recompute's writes."""

from __future__ import annotations

import pytest

from indicators.models import Period
from indicators.periods import PeriodKeyError
from indicators.services import period_get_or_create

pytestmark = pytest.mark.django_db


def test_stored_periods_link_to_their_previous_period_in_any_creation_order():
    march = period_get_or_create(key="2024-03")
    january = period_get_or_create(key="2024-01")
    february = Period.objects.get(key="2024-02")
    march.refresh_from_db()
    assert march.previous == february and february.previous == january
    assert january.previous.key == "2023-12"


def test_creating_twice_changes_nothing_and_bad_keys_create_nothing():
    week = period_get_or_create(key="2023-w49")  # users type lower case
    assert period_get_or_create(key="2023-W49") == week and week.label == "Tuần 1 tháng 12 năm 2023"
    assert Period.objects.count() == 2  # the week and its previous week
    with pytest.raises(PeriodKeyError):
        period_get_or_create(key="2024-13")
    assert Period.objects.count() == 2
