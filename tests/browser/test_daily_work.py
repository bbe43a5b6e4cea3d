"""Daily work in a real browser: keyboard entry with per-cell autosave, the guard before leaving, soft warnings,
notes and history, the phone layout, bulk approval from the matrix, returns that point at an indicator, the next
card waiting, and an officer's own rank on landing."""

from __future__ import annotations

import re
from decimal import Decimal

import openpyxl
import pytest
from playwright.sync_api import expect

from indicators.constants import ScorecardStatus
from indicators.entry.selectors import comments_current, entries_current, scorecard_score
from indicators.entry.services import scorecard_save, scorecard_submit
from indicators.formatting import number_vi
from indicators.imports.services import scores_import
from indicators.models import Scorecard
from indicators.services import period_get_or_create
from indicators.values import EntryValue
from tests.browser.pages import ind, login, ready
from tests.indicators.dashboards.test_standing import totals_file
from units.models import AdministrativeUnit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def state(page, code: str):
    return page.locator(f"#st-i{ind(code).pk}")


def open_card(page, card, username: str = "canbo.binhthanh") -> None:
    login(page, username)
    page.goto(f"/phieu-diem/{card.pk}/")
    ready(page)


def test_keyboard_entry_saves_each_cell_and_a_reload_keeps_every_value(new_page, card, officer):
    page = new_page()
    open_card(page, card)
    page.get_by_label("Tử số CKMB1").focus()
    page.keyboard.type("45")
    page.keyboard.press("Enter")  # → Mẫu số CKMB1
    page.keyboard.type("50")
    page.keyboard.press("ArrowDown")  # → Mẫu số CKMB2
    page.keyboard.type("40")
    page.keyboard.press("Shift+Enter")  # ← Tử số CKMB2
    page.keyboard.type("30")
    page.keyboard.press("ArrowDown")  # → Tử số CKMB3
    page.keyboard.type("abc")
    expect(state(page, "CKMB3")).to_have_attribute("data-state", "invalid")  # at once, before any answer
    expect(page.locator(f"#err-i{ind('CKMB3').pk}")).to_contain_text("“abc”")
    expect(state(page, "CKMB1")).to_have_attribute("data-state", "saved")
    expect(state(page, "CKMB2")).to_have_attribute("data-state", "saved")
    page.keyboard.press("Control+a")
    page.keyboard.type("20")
    page.keyboard.press("Tab")
    page.keyboard.type("25")
    page.keyboard.press("Tab")
    expect(state(page, "CKMB3")).to_have_attribute("data-state", "saved")
    expect(state(page, "CKMB3")).to_contain_text("Đã lưu lúc")

    again = new_page()
    open_card(again, card)
    for label, value in [("Tử số CKMB1", "45"), ("Mẫu số CKMB1", "50"), ("Tử số CKMB2", "30")]:
        expect(again.get_by_label(label)).to_have_value(value)
    expect(again.get_by_label("Mẫu số CKMB3")).to_have_value("25")
    assert entries_current(scorecard=card)[(ind("CKMB2").pk, None)] == EntryValue(
        numerator=Decimal(30), denominator=Decimal(40)
    )


def test_leaving_with_a_value_not_saved_asks_first(new_page, card, officer):
    page = new_page()
    open_card(page, card)
    page.get_by_label("Điểm CKMB1").fill("12abc")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    page.locator("nav.crumbs").get_by_role("link", name="Nhập điểm").click()
    expect(state(page, "CKMB1")).to_have_attribute("data-state", "invalid")
    assert dialogs == ["beforeunload"]
    assert re.search(rf"/phieu-diem/{card.pk}/$", page.url)
    page.get_by_label("Điểm CKMB1").fill("3")
    page.get_by_label("Điểm CKMB1").press("Tab")
    expect(state(page, "CKMB1")).to_have_attribute("data-state", "saved")
    page.locator("nav.crumbs").get_by_role("link", name="Nhập điểm").click()
    page.wait_for_url(re.compile(r"/nhap-diem/$"))
    assert dialogs == ["beforeunload"]  # nothing unsaved: no second question


def test_whole_form_save_with_autosave_off(new_page, card, officer):
    page = new_page()
    open_card(page, card)
    page.get_by_label("Tự động lưu từng ô khi rời ô").uncheck()
    page.get_by_label("Điểm CKMB1").fill("4")
    page.get_by_label("Điểm CKMB1").press("Tab")
    expect(state(page, "CKMB1")).to_have_attribute("data-state", "dirty")
    assert not entries_current(scorecard=card)
    page.get_by_label("Điểm CKMB2").fill("2,5")
    page.keyboard.press("Control+s")
    expect(page.locator(".messages")).to_contain_text("Đã lưu nháp lúc")
    assert set(entries_current(scorecard=card)) == {(ind("CKMB1").pk, None), (ind("CKMB2").pk, None)}
    expect(page.get_by_label("Tự động lưu từng ô khi rời ô")).not_to_be_checked()  # the choice is remembered


def test_soft_warnings_a_note_and_the_history_of_a_value(new_page, screenshots, card, officer, district_history):
    page = new_page(1400, 1000)
    open_card(page, card)
    page.get_by_label("Tử số CKMB1").fill("1")
    page.get_by_label("Mẫu số CKMB1").fill("1")
    page.get_by_label("Mẫu số CKMB1").press("Tab")
    expect(state(page, "CKMB1")).to_have_attribute("data-state", "warning")
    expect(state(page, "CKMB1")).to_contain_text("Đã lưu – cần xem lại")
    expect(page.locator(f"#warn-i{ind('CKMB1').pk}")).to_contain_text("Tỷ lệ 100 % trên mẫu số 1")
    page.get_by_label("Tử số CKMB2").fill("0")  # last month's rate was 60 % or more
    page.get_by_label("Mẫu số CKMB2").fill("100")
    page.get_by_label("Mẫu số CKMB2").press("Tab")
    expect(state(page, "CKMB2")).to_have_attribute("data-state", "warning")
    expect(page.locator(f"#warn-i{ind('CKMB2').pk}")).to_contain_text("kỳ trước")
    row = page.locator(f"#row-i{ind('CKMB1').pk}")
    row.locator("summary", has_text="Ghi chú").click()
    page.get_by_label("Ghi chú CKMB1").fill("Cả tháng chỉ một thủ tục")
    page.get_by_label("Ghi chú CKMB1").press("Enter")
    expect(state(page, "CKMB1")).to_contain_text("có ghi chú")
    row.locator("summary", has_text="Lịch sử 2 kỳ").click()
    expect(row.locator("table.mini")).to_contain_text("Tháng 04 năm 2024")
    expect(row.locator("table.mini")).to_contain_text("Tháng 03 năm 2024")
    page.screenshot(path=str(screenshots / "entry-states.png"), full_page=False)
    assert comments_current(scorecard=card)[(ind("CKMB1").pk, None)].note == "Cả tháng chỉ một thủ tục"


def test_phone_layout_cards_and_a_sticky_bar_with_total_class_and_save(new_page, screenshots, card, officer):
    page = new_page(390, 844)
    open_card(page, card)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    first = page.locator(f"#row-i{ind('CKMB1').pk}")
    assert first.bounding_box()["width"] <= 390
    page.get_by_label("Điểm TDGQ1").scroll_into_view_if_needed()
    page.get_by_label("Điểm TDGQ1").fill("15")
    page.get_by_label("Điểm TDGQ1").press("Tab")
    expect(state(page, "TDGQ1")).to_have_attribute("data-state", "saved")
    bar = page.locator(".sticky-bar")
    box = bar.bounding_box()
    assert box["y"] + box["height"] == pytest.approx(844, abs=2)  # pinned to the bottom while scrolled
    total = scorecard_score(scorecard=card, values={(ind("TDGQ1").pk, None): EntryValue(points=Decimal(15))})
    expect(bar.locator("#summary-total")).to_have_text(f"{number_vi(total.computed_total, 2)}/100")
    expect(bar.get_by_role("button", name="Lưu nháp")).to_be_visible()
    page.screenshot(path=str(screenshots / "entry-phone.png"), full_page=False)
    bar.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu nháp lúc")


def test_district_approves_ten_cards_from_the_matrix_in_one_step(new_page, screenshots, card, district_staff, lap_vo):
    communes = list(AdministrativeUnit.objects.filter(parent=lap_vo).exclude(pk=card.unit_id).order_by("code")[:10])
    Scorecard.objects.bulk_create(
        Scorecard(unit=u, period=card.period, scheme=card.scheme, status=ScorecardStatus.SUBMITTED) for u in communes
    )
    page = new_page(1400, 900)
    login(page, "huyen.lapvo")
    expect(page.locator("table.matrix")).to_contain_text("10 chờ duyệt")
    page.get_by_label("Chọn cả cột").check()
    expect(page.locator("#bulk-count")).to_have_text("10")
    page.screenshot(path=str(screenshots / "matrix-bulk.png"), full_page=False)
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.get_by_role("button", name=re.compile("Duyệt các phiếu đã chọn")).click()
    expect(page.locator(".messages")).to_contain_text("Đã duyệt 10 phiếu điểm")
    assert asked == ["Duyệt 10 phiếu điểm đã chọn? Các phiếu sẽ bị khóa."]
    assert Scorecard.objects.filter(period=card.period, status=ScorecardStatus.APPROVED).count() == 10
    assert Scorecard.objects.get(pk=card.pk).status == ScorecardStatus.DRAFT


def test_a_return_points_at_an_indicator_and_the_next_card_is_one_click_away(
    new_page, card, other_card, officer, other_officer, district_staff, complete_values
):
    for c, who in ((card, officer), (other_card, other_officer)):
        scorecard_save(scorecard=c, user=who, values=complete_values, causes={}, expected_version=c.version)
        c.refresh_from_db()
        scorecard_submit(scorecard=c, user=who)
    page = new_page(1400, 900)
    login(page, "huyen.lapvo")
    page.goto(f"/phieu-diem/{card.pk}/")
    panel = page.locator(".side .review")
    expect(panel.get_by_role("button", name="Duyệt", exact=True)).to_be_in_viewport()
    page.mouse.wheel(0, 1500)
    expect(panel.get_by_role("button", name="Trả lại")).to_be_in_viewport()  # the panel stays beside the table
    expect(panel.locator(".next-waiting")).to_contain_text("Xã Tân Mỹ")
    page.get_by_label("Ý kiến trả lại cho CKMB1").fill("Mẫu số phải là số TTHC của kỳ")
    page.fill("#return-text", "Kiểm tra lại CKMB1.")
    panel.get_by_role("button", name="Trả lại").click()
    expect(page.locator(".messages")).to_contain_text("Đã trả lại phiếu điểm Xã Bình Thành")
    page.locator(".next-waiting a").click()
    expect(page.locator("h1")).to_contain_text("Xã Tân Mỹ")

    officer_page = new_page()
    open_card(officer_page, card)
    row = officer_page.locator(f"#row-i{ind('CKMB1').pk}")
    expect(row).to_have_class(re.compile("has-review-note"))
    expect(row.locator(".review-note")).to_contain_text("Mẫu số phải là số TTHC của kỳ")
    expect(officer_page.locator(".review-note")).to_have_count(1)


def test_an_officer_lands_on_their_own_rank(new_page, tmp_path, lap_vo, qd766, binh_thanh, officer):
    others = ["95", "94", "93", "92", "91", "90", "70", "69", "68", "67", "66", "65"]
    now = ["95", "94", "93", "92,6", "91", "90", "70", "69", "68", "67", "66", "65"]
    for month, own, rest in (("2023-12", "89,5", others), ("2024-01", "91,5", now)):
        path = totals_file(tmp_path, lap_vo, month, own, rest)
        scores_import(path=path, scheme=qd766, period=period_get_or_create(key=month), parent=lap_vo)
    page = new_page()
    login(page, "canbo.binhthanh")
    standing = page.locator(".standing")
    expect(standing.locator(".rank")).to_have_text("05/13 ▲ 2 bậc")
    expect(standing).to_contain_text("Xuất sắc")
    expect(standing).to_contain_text("Kỳ trước (Tháng 12 năm 2023): 89,50 điểm, hạng 07/13")
    page.get_by_role("link", name="Xếp hạng").click()
    expect(page.locator("h1")).to_contain_text("Xã Bình Thành")
    expect(page.locator(".standing .rank")).to_have_text("05/13 ▲ 2 bậc")


def test_import_page_period_picker_template_and_errors_in_rows(
    new_page, screenshots, tmp_path, district_staff, lap_vo, qd766
):
    page = new_page(1400, 900)
    login(page, "huyen.lapvo")
    page.goto("/nhap-tep/")
    page.get_by_label("Kỳ").select_option(label="Tháng 01 năm 2024")
    page.get_by_label("Đơn vị cấp trên của các dòng").select_option(label=f"{lap_vo.full_name} ({lap_vo.code})")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Tải tệp mẫu")).click()
    path = tmp_path / "mau.xlsx"
    download.value.save_as(path)
    book = openpyxl.load_workbook(path)
    sheet = book["Bảng điểm"]
    header = [c.value for c in sheet[1]]
    total_col = header.index("Điểm tổng") + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=total_col, value="85,5")
    sheet.cell(row=3, column=header.index("CKMB1") + 1, value="9")  # above its maximum of 6
    filled = tmp_path / "bang-diem.xlsx"
    book.save(filled)
    page.set_input_files("#id_file", str(filled))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    errors = page.locator("table.import-error-rows")
    expect(errors.locator("td.cell-error")).to_have_text("9")
    expect(errors).to_contain_text("Dòng 3")
    expect(page.locator("p", has_text="Tháng 01 năm 2024").first).to_be_visible()
    page.screenshot(path=str(screenshots / "import-errors-in-rows.png"), full_page=False)
