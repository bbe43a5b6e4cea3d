"""Named personas over the real units of Huyện Lấp Vò, so permission tests read like the rules they check.

officer: Xã Bình Thành (30193); other_officer: Xã Tân Mỹ (30175), same district; district_staff: Huyện Lấp Vò
(875), without the right to reopen; district_reopener: the same district with it; province_staff: Tỉnh Đồng
Tháp (87); administrator: the administrator role (not a superuser). `card` is Bình Thành's qd766 scorecard for
2024-05 with a deadline in a week; `complete_values` fills every indicator that applies to a commune.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.constants import Role
from accounts.models import Membership
from indicators.models import Indicator, Scheme, Scorecard
from indicators.services import period_get_or_create
from indicators.values import EntryValue
from units.models import AdministrativeUnit

PASSWORD = "mat-khau-thu-766"


def persona(username: str, role: str, code: str | None, *, may_reopen: bool = False):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    unit = AdministrativeUnit.objects.get(edition="legacy", code=code) if code else None
    Membership.objects.create(user=user, unit=unit, role=role, may_reopen=may_reopen)
    return user


@pytest.fixture
def binh_thanh(lap_vo) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(edition="legacy", code="30193")


@pytest.fixture
def tan_my(lap_vo) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(edition="legacy", code="30175")


@pytest.fixture
def officer(lap_vo):
    return persona("canbo.binhthanh", Role.COMMUNE_OFFICER, "30193")


@pytest.fixture
def other_officer(lap_vo):
    return persona("canbo.tanmy", Role.COMMUNE_OFFICER, "30175")


@pytest.fixture
def district_staff(lap_vo):
    return persona("huyen.lapvo", Role.DISTRICT_STAFF, "875")


@pytest.fixture
def district_reopener(lap_vo):
    return persona("huyen.lapvo.molai", Role.DISTRICT_STAFF, "875", may_reopen=True)


@pytest.fixture
def province_staff(lap_vo):
    return persona("tinh.dongthap", Role.PROVINCE_STAFF, "87")


@pytest.fixture
def administrator(lap_vo):
    return persona("quantri", Role.ADMINISTRATOR, None)


@pytest.fixture
def scheme(qd766) -> Scheme:
    """The national scheme (tests/conftest.py reinstalls it after a browser test's flush)."""
    return qd766


@pytest.fixture
def card(binh_thanh, scheme) -> Scorecard:
    period = period_get_or_create(key="2024-05")
    period.entry_deadline = timezone.localdate() + timedelta(days=7)
    period.save()
    return Scorecard.objects.create(unit=binh_thanh, period=period, scheme=scheme)


@pytest.fixture
def other_card(tan_my, card) -> Scorecard:
    return Scorecard.objects.create(unit=tan_my, period=card.period, scheme=card.scheme)


def commune_indicators(scheme: Scheme) -> list[Indicator]:
    return [
        i
        for i in Indicator.objects.filter(group__scheme=scheme).order_by("group__order", "order")
        if i.applies_to_level(3)
    ]


@pytest.fixture
def complete_values(scheme) -> dict:
    """Every commune indicator as 9 of 10 (90 %), keyed like scorecard_save takes values."""
    return {(i.pk, None): EntryValue(numerator=Decimal(9), denominator=Decimal(10)) for i in commune_indicators(scheme)}
