"""Odd query strings get a 4xx, never a server error (found by fuzzing: huge ids overflowed SQLite)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/scorecards/?parent={HUGE}",
        f"/api/v1/units/?parent={HUGE}",
        f"/api/v1/units/{HUGE}/",
        f"/api/v1/units/{HUGE}/tree/",
        f"/api/v1/scorecards/{HUGE}/",
        "/api/v1/periods/?key=%00",
        "/api/v1/units/?q=%00",
        "/api/v1/scorecards/?sort=group:%00",
        f"/api/v1/scorecards/?page={HUGE}",
        f"/api/v1/rankings/?scheme=qd766&period=2024-05&parent={HUGE}",
    ],
)
def test_odd_queries_are_client_errors(api, administrator, card, url):
    assert 400 <= api(administrator).get(url).status_code < 500
