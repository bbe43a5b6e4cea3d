"""The league table page: drill-down, Vietnamese numbers, a fixed number of queries."""

from __future__ import annotations

import pytest

from indicators.periods import period_get_or_create
from indicators.services import scores_import

pytestmark = pytest.mark.django_db


def test_league_table_lists_the_communes_in_rank_order(client, lap_vo, qd766, seed_file):
    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period_get_or_create("2024-01"), parent=lap_vo
    )
    page = client.get("/", {"scheme": "qd766", "period": "2024-01", "parent": lap_vo.pk}).content.decode()
    assert "Kết quả tháng 01 năm 2024 – Huyện Lấp Vò" in page
    assert page.index("Xã Vĩnh Thạnh") < page.index("Xã Mỹ An Hưng B") < page.index("Xã Bình Thành")
    assert "90,13" in page and "7,2/12" in page and "01/13" in page
    assert "Xuất sắc" in page and "Trung bình" in page


def test_league_table_queries_do_not_grow_with_units(client, lap_vo, qd766, seed_file, django_assert_max_num_queries):
    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period_get_or_create("2024-01"), parent=lap_vo
    )
    with django_assert_max_num_queries(10):
        response = client.get("/", {"scheme": "qd766", "period": "2024-01", "parent": lap_vo.pk})
    assert response.status_code == 200


def test_empty_database_explains_how_to_get_data(client):
    page = client.get("/").content.decode()
    assert "Chưa có phiếu điểm nào" in page and "load_demo" in page


def test_unknown_parent_is_404(client, qd766):
    assert client.get("/", {"parent": 999999}).status_code == 404
