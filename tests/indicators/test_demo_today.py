"""The demo lives today: a 2025 province scored up to the current month, and nothing outside validity."""

from __future__ import annotations

from datetime import date

import pytest

from indicators.constants import ScorecardStatus
from indicators.demo_today import (
    LATE_LAST_MONTH,
    PROVINCIAL_BODIES,
    demo_outside_validity_remove,
    demo_today_load,
    month_keys,
    week_keys,
)
from indicators.models import Period, Scorecard
from indicators.periods import period_get_or_create
from units.constants import Edition, UnitKind
from units.selectors import unit_descendants

TODAY = date(2026, 12, 1)


def test_month_and_week_keys_follow_today():
    assert month_keys(first="2025-07", today=TODAY)[0] == "2025-07"
    assert month_keys(first="2025-07", today=TODAY)[-1] == "2026-12"
    assert len(month_keys(first="2025-07", today=TODAY)) == 18
    assert week_keys(today=TODAY, count=2) == ["2026-W47", "2026-W48"]  # whole weeks before Monday 30/11/2026


def test_the_demo_opens_the_current_month_for_2025_communes(dong_thap, qd766):
    summary = demo_today_load(today=TODAY)
    province = summary.province
    assert province.edition == Edition.Y2025 and summary.bodies == len(PROVINCIAL_BODIES)
    current = Scorecard.objects.filter(period__key="2026-12", unit__parent=province)
    communes = current.filter(unit__level=3)
    assert communes.count() == 102 and set(current.values_list("status", flat=True)) == {ScorecardStatus.DRAFT}
    assert current.filter(unit__kind=UnitKind.PROVINCIAL_BODY).count() == len(PROVINCIAL_BODIES)
    last = Scorecard.objects.filter(period__key="2026-11", unit__parent=province)
    assert last.filter(status=ScorecardStatus.DRAFT).count() == LATE_LAST_MONTH
    assert last.exclude(status=ScorecardStatus.DRAFT).filter(status=ScorecardStatus.SUBMITTED).count() == (
        last.count() - LATE_LAST_MONTH
    )
    assert Period.objects.get(key="2026-12").entry_deadline == date(2026, 12, 4)  # "Còn 3 ngày"
    # No scorecard outside its unit's validity, on either side of the reform.
    assert not Scorecard.objects.filter(unit__edition=Edition.LEGACY, period__end__gt=date(2025, 6, 30)).exists()
    assert not Scorecard.objects.filter(unit__edition=Edition.Y2025, period__end__lt=date(2025, 7, 1)).exists()
    # Ranked in two cohorts: the bodies among themselves, the communes among themselves.
    october = Scorecard.objects.filter(period__key="2026-10", unit__parent=province)
    assert set(october.filter(unit__kind=UnitKind.PROVINCIAL_BODY).values_list("rank_of", flat=True)) == {15}
    assert set(october.filter(unit__level=3).values_list("rank_of", flat=True)) == {102}
    assert demo_today_load(today=TODAY).skipped  # running it again changes nothing


def test_stale_legacy_demo_scorecards_after_the_reform_are_removed(lap_vo, binh_thanh, qd766):
    """Demos before the reform was modelled opened December 2026 for Lấp Vò's communes."""
    kept = Scorecard.objects.create(unit=binh_thanh, period=period_get_or_create("2024-12"), scheme=qd766)
    Scorecard.objects.create(unit=binh_thanh, period=period_get_or_create("2026-12"), scheme=qd766)
    assert demo_outside_validity_remove(units=list(unit_descendants(unit=lap_vo))) == 1
    assert list(Scorecard.objects.filter(unit=binh_thanh)) == [kept]


@pytest.mark.parametrize("today", [date(2025, 7, 10), date(2025, 8, 20)])
def test_the_first_months_of_the_reform(dong_thap, qd766, today):
    demo_today_load(today=today)
    months = sorted(set(Scorecard.objects.filter(period__kind="month").values_list("period__key", flat=True)))
    assert months == month_keys(first="2025-07", today=today)
