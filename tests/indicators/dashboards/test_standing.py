"""A unit's own standing: rank with its movement, class, points to the next class, where it loses most, last
period's comparison, on the officer's landing page and the unit's page; "Xếp hạng" brings an officer there."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.dashboards.standing import unit_standing
from indicators.imports.services import scores_import
from indicators.services import period_get_or_create
from units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def totals_file(tmp_path, lap_vo, month: str, own_total: str, others: list[str]):
    """A totals-only table of Lấp Vò's 13 communes: Bình Thành gets `own_total`, the others `others` in order."""
    names = [u.name for u in AdministrativeUnit.objects.filter(parent=lap_vo).exclude(code="30193").order_by("code")]
    lines = ["STT\tĐơn vị\tĐiểm tổng", f"1\tBình Thành\t{own_total}"]
    lines += [f"{n + 2}\t{name}\t{total}" for n, (name, total) in enumerate(zip(names, others, strict=True))]
    path = tmp_path / f"{month}.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def two_months(tmp_path, lap_vo, qd766, binh_thanh):
    others = ["95", "94", "93", "92", "91", "90", "70", "69", "68", "67", "66", "65"]
    for month, own in (("2023-12", "89,5"), ("2024-01", "92,5")):  # 7th of 13, then 5th
        path = totals_file(
            tmp_path, lap_vo, month, own, others if month == "2023-12" else [*others[:2], "93", "92,6", *others[4:]]
        )
        scores_import(path=path, scheme=qd766, period=period_get_or_create(key=month), parent=lap_vo)
    return binh_thanh


def test_the_standing_says_rank_movement_class_and_what_is_missing(two_months, officer):
    standing = unit_standing(user=officer, unit=two_months)
    assert standing.card.period.key == "2024-01"
    assert standing.rank_text == f"{standing.card.rank:02d}/13 ▲ {standing.card.delta_rank} bậc"
    assert standing.card.delta_rank > 0
    assert standing.card.classification.label == "Xuất sắc"
    assert standing.previous.period.key == "2023-12"
    assert standing.previous.converted_total == Decimal("89.5")
    assert standing.row.next_band is None  # already the highest class


def test_the_officers_home_and_ranking_link_show_their_own_unit(client, two_months, officer):
    client.force_login(officer)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == f"/don-vi/{two_months.pk}/"
    home = client.get("/nhap-diem/").content.decode()
    standing = unit_standing(user=officer, unit=two_months)
    assert standing.rank_text in home and "Xuất sắc" in home
    assert f'href="/don-vi/{two_months.pk}/"' in home
    assert "Kỳ trước (Tháng 12 năm 2023): 89,50 điểm" in home
    page = client.get(f"/don-vi/{two_months.pk}/").content.decode()
    assert standing.rank_text in page


def test_a_unit_without_figures_says_so(card, officer, binh_thanh):
    standing = unit_standing(user=officer, unit=binh_thanh)
    assert standing.card is None and standing.rank_text == ""
