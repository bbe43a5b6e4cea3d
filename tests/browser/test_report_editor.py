"""In a real browser: district staff edit a report while the page it will become updates beside the text, are shown
what a redraft would replace before anything is lost, and issue only after confirming. Screenshots of the editor
and of the redraft confirmation go to docs/screenshots/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from reports import services
from reports.models import Report
from tests.browser.pages import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_edit_with_live_preview_redraft_and_issue_with_confirmation(
    new_page, screenshots, district_staff, january, lap_vo, qd766
):
    report = services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")
    page = new_page(1500, 950)
    login(page, district_staff.username)
    page.goto(f"/bao-cao/{report.pk}/")
    page.wait_for_function("() => window.htmx !== undefined")
    preview = page.frame_locator("#report-preview")
    expect(preview.get_by_text("BÁO CÁO", exact=True)).to_be_visible()
    expect(preview.get_by_text(re.compile(r"82,07/100 điểm"))).to_be_visible()

    # Typing updates the printed page; B wraps the selection in bold markup, shown bold in the preview.
    area = page.locator("#id_section_recommendations")
    area.fill("Đề nghị Sở Nội vụ hướng dẫn rà soát quy trình nội bộ.")
    area.evaluate("a => { a.setSelectionRange(8, 17); }")
    area.locator("xpath=..").get_by_title("Chữ đậm").click()
    expect(area).to_have_value("Đề nghị **Sở Nội vụ** hướng dẫn rà soát quy trình nội bộ.")
    expect(preview.locator("strong", has_text="Sở Nội vụ")).to_be_visible()
    page.screenshot(path=str(screenshots / "report-editor.png"))

    # Redraft: the confirmation lists the hand edit as what would be lost; going back keeps it.
    page.get_by_role("button", name="Cập nhật số liệu và soạn lại…").click()
    expect(page.get_by_role("heading", name="Soạn lại nội dung từ số liệu mới?")).to_be_visible()
    expect(page.locator("del", has_text="Đề nghị **Sở Nội vụ** hướng dẫn")).to_be_visible()
    page.screenshot(path=str(screenshots / "report-redraft-confirm.png"), full_page=True)
    page.get_by_role("link", name="Hủy").click()
    expect(page.locator("#id_section_recommendations")).to_have_value(
        "Đề nghị **Sở Nội vụ** hướng dẫn rà soát quy trình nội bộ."
    )

    # Issue: one click only asks; the number appears after confirming.
    page.get_by_role("button", name="Ban hành…").click()
    expect(page.get_by_text(re.compile(r"cấp số 01/BC-UBND"))).to_be_visible()
    assert Report.objects.get(pk=report.pk).number is None
    page.get_by_label("Tôi xác nhận ban hành khi số liệu chưa được duyệt hết").check()  # seed 000's cards are drafts
    page.get_by_role("button", name="Ban hành", exact=True).click()
    expect(page.get_by_text("Đã ban hành báo cáo số 01/BC-UBND.")).to_be_visible()
    # The issued PDF is rendered after the number is given; the page follows it until the file can be downloaded.
    expect(page.get_by_role("link", name="Tải tệp PDF đã ban hành")).to_be_visible(timeout=60_000)
    assert Report.objects.get(pk=report.pk).status == "issued"
