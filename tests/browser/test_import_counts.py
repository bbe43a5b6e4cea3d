"""In a real browser: district staff download the one-stop office's (`mot-cua`) template, fill in seed 004's counts,
see a bad count marked in its row, upload the corrected table, check the counts in the preview and confirm."""

from __future__ import annotations

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from indicators.demo_operations import SEED_004_COUNTS
from indicators.models import Entry, Scorecard
from tests.browser.pages import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mot_cua(db):
    from tests.conftest import _shipped

    return _shipped("mot-cua")


def _filled(template, path, counts: dict[str, dict[str, tuple]]):
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        for code, (numerator, denominator) in counts.get(str(sheet.cell(row=row, column=2).value), {}).items():
            sheet.cell(row=row, column=header.index(f"{code} tử số") + 1, value=numerator)
            sheet.cell(row=row, column=header.index(f"{code} mẫu số") + 1, value=denominator)
    book.save(path)
    return path


def test_a_counts_table_is_imported_through_the_form(new_page, screenshots, tmp_path, district_staff, lap_vo, mot_cua):
    page = new_page(1500, 950)
    login(page, "huyen.lapvo")
    page.goto("/nhap-tep/")
    page.get_by_label("Bộ chỉ số").select_option(label=str(mot_cua))
    page.get_by_label("Kỳ").select_option(label="6 tháng đầu năm 2024")
    page.get_by_label("Đơn vị cấp trên của các dòng").select_option(label=f"{lap_vo.full_name} ({lap_vo.code})")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Tải tệp mẫu")).click()
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)
    assert download.value.suggested_filename == "mau-bang-diem-875-2024-H1.xlsx"

    # A late count above its denominator is refused in its row and cell; nothing is written.
    wrong = {**SEED_004_COUNTS, "GQ2": (1300, 1219)}
    page.set_input_files("#id_file", str(_filled(template, tmp_path / "sai.xlsx", {"30193": wrong})))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    errors = page.locator("table.import-error-rows")
    expect(errors.locator("td.cell-error")).to_have_text("1300")
    expect(errors).to_contain_text("“GQ2 tử số”: tử số 1.300 lớn hơn mẫu số 1.219")
    expect(page.get_by_role("button", name=re.compile("Xác nhận nhập"))).to_have_count(0)
    assert not Entry.objects.filter(scorecard__scheme=mot_cua).exists()

    # The corrected table: Bình Thành's seed 004 counts and the district's own office.
    page.get_by_role("link", name="Tải tệp khác").click()
    page.get_by_label("Bộ chỉ số").select_option(label=str(mot_cua))
    page.get_by_label("Kỳ").select_option(label="6 tháng đầu năm 2024")
    page.get_by_label("Đơn vị cấp trên của các dòng").select_option(label=f"{lap_vo.full_name} ({lap_vo.code})")
    district = {"GQ1": (2184, 2200), "GQ2": (16, 2200)}
    good = _filled(template, tmp_path / "mot-cua.xlsx", {"30193": SEED_004_COUNTS, "875": district})
    page.set_input_files("#id_file", str(good))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    preview = page.locator("table.import-preview")
    binh_thanh = preview.locator("tr", has_text="Xã Bình Thành")
    expect(binh_thanh).to_contain_text("1.207/1.222")
    expect(binh_thanh).to_contain_text("41/1.219")
    expect(preview.locator("tr", has_text="Huyện Lấp Vò")).to_contain_text("16/2.200")
    expect(preview.locator("th", has_text="Điểm tổng công bố")).to_have_count(0)
    preview.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "import-counts-preview.png"), full_page=False)
    page.get_by_role("button", name="Xác nhận nhập 2 dòng").click()
    expect(page.locator("ul.messages")).to_contain_text("Đã nhập 2 dòng của tệp mot-cua.xlsx")

    card = Scorecard.objects.get(unit__code="30193", scheme=mot_cua, period__key="2024-H1")
    assert {
        e.indicator.code: (int(e.numerator), int(e.denominator)) for e in card.entries.select_related("indicator")
    } == SEED_004_COUNTS
