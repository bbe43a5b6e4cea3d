"""The API refuses a scorecard for a unit outside its validity, naming the unit and its dates."""

from __future__ import annotations

from indicators.models import Scorecard
from indicators.services import period_get_or_create

CARDS = "/api/v1/scorecards/"


def test_api_refuses_a_scorecard_outside_validity(api, officer, binh_thanh, qd766):
    period_get_or_create(key="2026-11")
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


def test_rankings_say_which_cohort_a_rank_is_out_of(api, administrator, dong_thap_2025, qd766):
    from decimal import Decimal

    from indicators.models import Entry
    from indicators.services import scorecards_recompute
    from units.models import AdministrativeUnit
    from units.services import provincial_body_create

    period = period_get_or_create(key="2026-10")
    body = provincial_body_create(province=dong_thap_2025, name="Sở Nội vụ")
    commune = AdministrativeUnit.objects.get(edition="2025", code="30169")
    group = qd766.groups.order_by("order").first()
    for unit in (body, commune):
        card = Scorecard.objects.create(unit=unit, period=period, scheme=qd766)
        Entry.objects.create(scorecard=card, group=group, points=Decimal("12"))
    scorecards_recompute(scheme=qd766, period=period)
    response = api(administrator).get(
        "/api/v1/rankings/", {"scheme": "qd766", "period": "2026-10", "parent": dong_thap_2025.pk}
    )
    rows = {row["unit"]["code"]: row for row in response.json()["rows"]}
    assert (rows[body.code]["rank"], rows[body.code]["rank_of"], rows[body.code]["cohort"]) == (1, 1, "sở, ban, ngành")
    assert (rows["30169"]["rank"], rows["30169"]["rank_of"], rows["30169"]["cohort"]) == (1, 1, "xã, phường")
