"""The league table page: drill-down, Vietnamese numbers, a fixed number of queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.imports.services import scores_import
from indicators.models import Entry, Scorecard
from indicators.services import period_get_or_create, scorecards_recompute
from units.constants import UnitKind
from units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_league_table_lists_the_communes_in_rank_order(admin_client, lap_vo, qd766, seed_file):
    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2024-01"),
        parent=lap_vo,
    )
    page = admin_client.get("/", {"scheme": "qd766", "period": "2024-01", "parent": lap_vo.pk}).content.decode()
    assert "Kết quả tháng 01 năm 2024 – Huyện Lấp Vò" in page
    assert page.index("Xã Vĩnh Thạnh") < page.index("Xã Mỹ An Hưng B") < page.index("Xã Bình Thành")
    assert "90,13" in page and "7,2/12" in page and "01/13" in page
    assert "Xuất sắc" in page and "Trung bình" in page


def _province_with_communes(code: str, size: int, qd766, period) -> AdministrativeUnit:
    """A 2025-style province with `size` communes, each scored per group (so group scores exist) and ranked."""
    province = AdministrativeUnit.objects.create(code=code, name=f"Thử nghiệm {code}", kind=UnitKind.PROVINCE)
    groups = list(qd766.groups.order_by("order"))
    for number in range(size):
        commune = AdministrativeUnit.objects.create(
            code=f"{code}{number:03d}", name=f"Xã Thử {code}-{number}", kind=UnitKind.COMMUNE, parent=province
        )
        card = Scorecard.objects.create(unit=commune, period=period, scheme=qd766)
        Entry.objects.bulk_create(
            Entry(scorecard=card, group=group, points=group.max_points * (number % 7 + 3) / 10) for group in groups
        )
    scorecards_recompute(scheme=qd766, period=period, parent=province)
    return province


def test_league_table_queries_do_not_grow_with_units(admin_client, qd766):
    """The page of 5 communes and the page of 40 run the same queries (no query per row), and few of them."""
    period = period_get_or_create(key="2024-01")
    counts = []
    for code, size in (("91", 5), ("92", 40)):
        province = _province_with_communes(code, size, qd766, period)
        admin_client.get("/", {"scheme": "qd766", "period": "2024-01", "parent": province.pk})  # warm caches
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get("/", {"scheme": "qd766", "period": "2024-01", "parent": province.pk})
        assert response.status_code == 200 and response.content.decode().count("Xã Thử") >= size
        counts.append(len(queries))
    assert counts[0] == counts[1] and counts[0] <= 12, counts


def test_empty_database_explains_how_to_get_data(admin_client):
    page = admin_client.get("/").content.decode()
    assert "Chưa có phiếu điểm nào" in page and "load_demo" in page


def test_unknown_parent_is_404(admin_client, qd766):
    assert admin_client.get("/", {"parent": 999999}).status_code == 404


def test_dashboards_need_a_login(client, lap_vo):
    response = client.get("/", {"parent": lap_vo.pk})
    assert response.status_code == 302 and "next=" in response["Location"]
    assert client.get(f"/don-vi/{lap_vo.pk}/").status_code == 302


def test_staff_see_their_district_and_officers_only_their_commune(
    client, lap_vo, qd766, seed_file, district_staff, officer, binh_thanh, tan_my
):
    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2024-01"),
        parent=lap_vo,
    )
    client.force_login(district_staff)
    assert client.get("/", {"scheme": "qd766", "period": "2024-01", "parent": lap_vo.pk}).status_code == 200
    assert client.get("/", {"parent": lap_vo.parent_id}).status_code == 404  # the province is above them
    page = client.get("/").content.decode()  # defaults to the highest unit they may see
    assert "Kết quả tháng 01 năm 2024 – Huyện Lấp Vò" in page
    client.force_login(officer)
    assert client.get("/", {"parent": lap_vo.pk}).status_code == 404
    assert client.get(f"/don-vi/{binh_thanh.pk}/").status_code == 200
    assert client.get(f"/don-vi/{tan_my.pk}/").status_code == 404
    assert client.get("/", {"parent": lap_vo.pk, "format": "xlsx"}).status_code == 404


def test_links_carry_ids_without_thousand_separators(admin_client, qd766):
    """Vietnamese number formatting must not reach ids in links: 12345, never 12.345."""
    from indicators.models import Scorecard
    from units.models import AdministrativeUnit

    province = AdministrativeUnit.objects.create(pk=12345, code="99", name="Thử", kind="tinh", edition="2025")
    commune = AdministrativeUnit.objects.create(
        pk=12346, code="99001", name="Một", kind="xa", parent=province, edition="2025"
    )
    period = period_get_or_create(key="2024-01")
    Scorecard.objects.create(unit=commune, period=period, scheme=qd766, published_total="80")
    from indicators.services import scorecards_recompute

    scorecards_recompute(scheme=qd766, period=period)
    page = admin_client.get("/", {"scheme": "qd766", "period": "2024-01"}).content.decode()
    assert 'name="parent" value="12345"' in page
    assert "/don-vi/12346/" in page and "12.34" not in page


def test_default_period_is_the_latest_month_with_figures(admin_client, lap_vo, qd766, seed_file):
    """An open month (scorecards created, nothing entered) is not the default: there is nothing to rank yet."""
    from indicators.models import Scorecard

    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2024-01"),
        parent=lap_vo,
    )
    open_month = period_get_or_create(key="2024-03")
    for unit in lap_vo.children.all():
        Scorecard.objects.create(unit=unit, period=open_month, scheme=qd766)
    page = admin_client.get("/", {"scheme": "qd766"}).content.decode()
    assert "Kết quả tháng 01 năm 2024 – Huyện Lấp Vò" in page


def test_league_table_says_how_many_cards_are_handed_in_and_marks_drafts(admin_client, lap_vo, qd766, seed_file):
    from indicators.constants import ScorecardStatus
    from indicators.models import Scorecard

    period = period_get_or_create(key="2024-01")
    scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    Scorecard.objects.filter(unit__name="Vĩnh Thạnh").update(status=ScorecardStatus.APPROVED)
    Scorecard.objects.filter(unit__name="Tân Mỹ").update(status=ScorecardStatus.SUBMITTED)
    page = admin_client.get("/", {"scheme": "qd766", "period": "2024-01", "parent": lap_vo.pk}).content.decode()
    assert "Số liệu: 13 phiếu điểm, 1 đã nộp chờ duyệt, 1 đã duyệt, 11 chưa nộp" in page
    assert "thứ hạng có phiếu chưa nộp là tạm thời" in page
    vinh_thanh = page[page.index("Xã Vĩnh Thạnh") : page.index("</tr>", page.index("Xã Vĩnh Thạnh"))]
    binh_thanh = page[page.index("Xã Bình Thành") : page.index("</tr>", page.index("Xã Bình Thành"))]
    assert "chưa nộp" not in vinh_thanh and "chưa nộp" in binh_thanh


def test_the_sorted_column_shows_its_direction_and_the_link_reverses_it(admin_client, lap_vo, qd766, seed_file):
    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2024-01"),
        parent=lap_vo,
    )
    query = {"scheme": "qd766", "period": "2024-01", "parent": lap_vo.pk}

    def headings(**extra) -> list[str]:
        page = admin_client.get("/", query | extra).content.decode()
        return re.findall(r'<th[^>]*aria-sort="(\w+)"[^>]*><a href="([^"]+)"[^>]*>([^<]+)<span', page)

    [(direction, href, label)] = headings()
    assert (direction, label) == ("ascending", "Hạng")  # ranked by default, best first
    assert href.endswith("sort=-rank")
    [(direction, href, label)] = headings(sort="-total")
    assert (direction, label) == ("descending", "Điểm tổng")
    assert href.endswith("sort=total")  # a click reverses the order
    [(direction, _href, label)] = headings(sort="total")
    assert (direction, label) == ("ascending", "Điểm tổng")
    [(direction, _href, label)] = headings(sort="-group:CKMB")
    assert (direction, label) == ("descending", "Công khai, minh bạch")
