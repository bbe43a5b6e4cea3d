"""In a real browser: provincial staff upload the portal's saved responses of a month, see the preview (units
matched, bodies to create, computed against published points), confirm, and land on the reconciliation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from indicators.models import Scorecard
from tests.browser.pages import login
from tests.portal_fixtures import PORTAL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_preview_confirm_reconcile(new_page, screenshots, phu_tho_staff, phu_tho, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = new_page(1400, 1000)
    login(page, "tinh.phutho")
    page.goto("/cong-dvcqg/")
    page.get_by_role("link", name="Tải lên dữ liệu đã lưu từ Cổng").click()
    page.get_by_label("Kỳ").fill("2026-10")
    page.get_by_label("Tỉnh").select_option(label="Tỉnh Phú Thọ")
    page.get_by_label("Các tệp đã lưu từ Cổng").set_input_files(sorted((PORTAL / "phu-tho" / "2026-10").glob("*.json")))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    expect(page.locator("h1")).to_have_text("Xem trước: Tỉnh Phú Thọ, tháng 10 năm 2026")
    expect(page.locator("h2")).to_contain_text("163 đơn vị")
    expect(page.locator(".notice")).to_contain_text("Sở Y tế")
    row = page.locator("tr", has_text="Sở Y tế").first
    expect(row).to_contain_text("tạo mới")
    assert not Scorecard.objects.exists()
    page.screenshot(path=str(screenshots / "portal-preview.png"), full_page=False)
    page.get_by_role("button", name=re.compile("Xác nhận nhập 163 đơn vị")).click()
    expect(page.locator(".messages")).to_contain_text("Đã nhập 8 tệp của Cổng DVCQG")
    expect(page.locator("body")).to_contain_text("0 dòng chênh lệch")
    assert Scorecard.objects.count() == 163
