"""The API refuses a scorecard for a unit outside its validity, naming the unit and its dates."""

from __future__ import annotations

from indicators.models import Scorecard
from indicators.periods import period_get_or_create

CARDS = "/api/v1/scorecards/"


def test_api_refuses_a_scorecard_outside_validity(api, officer, binh_thanh, qd766):
    period_get_or_create("2026-11")
    response = api(officer).post(CARDS, {"unit": binh_thanh.pk, "period": "2026-11", "scheme": "qd766"}, format="json")
    assert response.status_code == 400
    assert "Xã Bình Thành" in response.json()["unit"][0] and "30/06/2025" in response.json()["unit"][0]
    assert not Scorecard.objects.filter(unit=binh_thanh).exists()
