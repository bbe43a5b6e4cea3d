"""Across the reform: a 2025 unit's page shows its legacy predecessors apart, and trend charts space by date."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from indicators.dashboards.charts import line_chart
from indicators.imports.services import scores_import
from indicators.models import Entry, Scorecard
from indicators.services import period_get_or_create, scorecards_recompute
from units.constants import Edition
from units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _x_of_points(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]


def test_trend_points_are_spaced_by_their_dates():
    labels = ["2024-11", "2024-12", "2026-11"]
    dates = [date(2024, 11, 1), date(2024, 12, 1), date(2026, 11, 1)]
    values = [Decimal("80"), Decimal("82"), Decimal("85")]
    xs = _x_of_points(line_chart(labels, {"Điểm tổng": values}, dates=dates))
    assert xs[2] - xs[1] > 20 * (xs[1] - xs[0])  # two years, not one step
    even = _x_of_points(line_chart(labels, {"Điểm tổng": values}))
    assert abs((even[2] - even[1]) - (even[1] - even[0])) < 0.2  # without dates: evenly spaced, as before


@pytest.mark.parametrize("rank_of", [2, 7, 13, 102])
def test_rank_axis_has_whole_numbers_only(rank_of):
    svg = line_chart(["a", "b"], {"Thứ hạng": [1, rank_of]}, inverted=True, y_max=rank_of, whole_numbers=True)
    ticks = re.findall(r'text-anchor="end">([^<]+)</text>', svg)
    assert ticks and all(tick.isdigit() for tick in ticks), ticks
    assert ticks[0] == "1"


def _score(unit: AdministrativeUnit, key: str, scheme, points: str) -> None:
    period = period_get_or_create(key=key)
    card = Scorecard.objects.create(unit=unit, period=period, scheme=scheme)
    group = scheme.groups.order_by("order").first()
    Entry.objects.create(scorecard=card, group=group, points=Decimal(points))
    scorecards_recompute(scheme=scheme, period=period)


def test_a_2025_commune_shows_its_legacy_communes_labelled_before_the_reform(
    admin_client, dong_thap_2025, lap_vo, qd766, seed_file
):
    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2024-01"),
        parent=lap_vo,
    )
    commune = AdministrativeUnit.objects.get(edition=Edition.Y2025, code="30169")  # Xã Lấp Vò
    _score(commune, "2025-07", qd766, "15")
    page = admin_client.get(f"/don-vi/{commune.pk}/", {"scheme": "qd766"}).content.decode()
    section = page[page.index('id="truoc-sap-xep"') :]
    assert "Trước sắp xếp (đến 30/6/2025)" in section
    for name in ("Thị trấn Lấp Vò", "Xã Vĩnh Thạnh", "Xã Bình Thành", "Xã Bình Thạnh Trung"):
        assert name in section
    assert "90,13" in section  # Vĩnh Thạnh's January 2024 total from seed 000, shown as its own, not a change
    assert "không so sánh trực tiếp" in section
    own = Scorecard.objects.get(unit=commune)
    assert own.delta_points is None  # July 2025 has no like-for-like previous period


def test_a_legacy_unit_links_forward_and_a_province_back(admin_client, dong_thap_2025, lap_vo, qd766):
    binh_thanh = AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="30193")
    page = admin_client.get(f"/don-vi/{binh_thanh.pk}/").content.decode()
    assert "Sau sắp xếp (từ 01/7/2025), Xã Bình Thành thuộc" in page and "Xã Lấp Vò" in page
    legacy_province = AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="87")
    page = admin_client.get(f"/don-vi/{dong_thap_2025.pk}/").content.decode()
    assert f'href="/don-vi/{legacy_province.pk}/' in page and "(mã 87)" in page


def test_an_officer_sees_predecessors_but_links_only_within_their_scope(client, dong_thap_2025, lap_vo):
    from django.contrib.auth import get_user_model

    from accounts.constants import Role
    from accounts.models import Membership

    commune = AdministrativeUnit.objects.get(edition=Edition.Y2025, code="30169")
    user = get_user_model().objects.create_user(username="canbo.xalapvo", password="x-766-mat-khau")
    Membership.objects.create(user=user, unit=commune, role=Role.COMMUNE_OFFICER)
    client.force_login(user)
    page = client.get(f"/don-vi/{commune.pk}/").content.decode()
    assert "Xã Bình Thành" in page
    binh_thanh = AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="30193")
    assert f'href="/don-vi/{binh_thanh.pk}/' not in page
    assert client.get(f"/don-vi/{binh_thanh.pk}/").status_code == 404
