"""The national scheme in force is chosen by the period's date; a provincial variant is never the default."""

from __future__ import annotations

import pytest

from indicators.models import Scheme
from indicators.selectors import scheme_for_period
from indicators.services import period_get_or_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("2024-01", "qd766"),
        ("2025-12", "qd766"),
        ("2025", "qd766"),
        ("2026-01", "dvcqg-2026"),
        ("2026-Q3", "dvcqg-2026"),
    ],
)
def test_scheme_by_period_date(qd766, key, code):
    assert scheme_for_period(period=period_get_or_create(key=key)).code == code


def test_no_national_scheme_before_766(qd766):
    with pytest.raises(Scheme.DoesNotExist, match="Không có bộ chỉ số quốc gia"):
        scheme_for_period(period=period_get_or_create(key="2021-01"))
