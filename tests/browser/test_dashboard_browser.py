"""Provincial staff in a real browser: the league table, drill-down and back, sorting, the unit page, export."""

from __future__ import annotations

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from indicators.imports.services import scores_import
from indicators.services import period_get_or_create
from tests.browser.pages import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DISTRICTS = """STT\tĐơn vị\tĐiểm tổng
1\tHuyện Lai Vung\t86,40
2\tHuyện Lấp Vò\t82,07
3\tThành phố Sa Đéc\t79,10
"""


@pytest.fixture
def january(lap_vo, qd766, seed_file, tmp_path):
    """Seed 000's communes, and three districts of Đồng Tháp with their totals, for January 2024."""
    period = period_get_or_create(key="2024-01")
    scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    districts = tmp_path / "districts.tsv"
    districts.write_text(DISTRICTS, encoding="utf-8")
    scores_import(path=districts, scheme=qd766, period=period, parent=lap_vo.parent)
    return period


def test_league_table_drill_down_sort_unit_page_and_export(new_page, province_staff, january, screenshots, tmp_path):
    page = new_page(width=1500, height=1000)
    login(page, province_staff.username)
    page.goto("/?scheme=qd766&period=2024-01")
    expect(page.locator("h1")).to_have_text("Kết quả tháng 01 năm 2024 – Tỉnh Đồng Tháp")
    rows = page.locator("#league tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(1).locator("td").nth(0)).to_have_text("02/03")

    page.get_by_role("link", name="Huyện Lấp Vò").click()  # drill down
    expect(page.locator("h1")).to_have_text("Kết quả tháng 01 năm 2024 – Huyện Lấp Vò")
    expect(rows).to_have_count(13)
    expect(rows.first.locator("td").nth(1)).to_have_text(re.compile(r"^Xã Vĩnh Thạnh"))
    assert "01 xã" not in page.content()  # counts are shown per class, two digits
    assert page.locator(".class-counts").inner_text().split() == [
        "Xuất",
        "sắc",
        "01",
        "Tốt",
        "08",
        "Khá",
        "03",
        "Trung",
        "bình",
        "01",
        "Yếu",
        "00",
    ]
    page.screenshot(path=str(screenshots / "league-table.png"), full_page=True)

    page.get_by_role("link", name="Đơn vị", exact=True).click()  # sort by name, Vietnamese order
    expect(page.locator("th[aria-sort=ascending]")).to_have_text("Đơn vị ▲")  # the sorted column says so
    expect(rows.first.locator("td").nth(1)).to_have_text(re.compile(r"^Xã Bình Thành"))
    expect(rows.nth(1).locator("td").nth(1)).to_have_text(re.compile(r"^Xã Bình Thạnh Trung"))

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải Excel (.xlsx)").click()
    saved = tmp_path / "export.xlsx"
    download_info.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    assert sheet["A1"].value == "Kết quả tháng 01 năm 2024 – Huyện Lấp Vò"
    assert sheet["B4"].value == "Xã Bình Thành"  # the export follows the sort on screen

    page.get_by_role("link", name="Xã Bình Thành").click()  # the unit page
    expect(page.locator("h1")).to_have_text(re.compile(r"^Xã Bình Thành"))
    assert page.locator("svg.line-chart").count() >= 2
    page.screenshot(path=str(screenshots / "unit-page.png"), full_page=True)

    page.get_by_role("link", name="Tỉnh Đồng Tháp").click()  # and back up
    expect(page.locator("h1")).to_have_text("Kết quả tháng 01 năm 2024 – Tỉnh Đồng Tháp")
