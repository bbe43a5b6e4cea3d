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


def test_units_list_filters_by_the_day_they_exist(api, administrator, dong_thap_2025):
    units = "/api/v1/units/"
    after = api(administrator).get(units, {"code": "30169", "valid_on": "2026-11-30"}).json()
    before = api(administrator).get(units, {"code": "30169", "valid_on": "2024-11-30"}).json()
    rows = lambda page: page["results"] if isinstance(page, dict) else page  # noqa: E731 - paginated or not
    assert [(u["edition"], u["full_name"]) for u in rows(after)] == [("2025", "Xã Lấp Vò")]
    assert [(u["edition"], u["full_name"]) for u in rows(before)] == [("legacy", "Thị trấn Lấp Vò")]
    assert api(administrator).get(units, {"valid_on": "không phải ngày"}).status_code == 400
