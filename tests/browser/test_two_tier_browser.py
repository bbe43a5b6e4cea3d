"""Today's structure in a real browser: provincial staff review both cohorts, search the matrix, see the league
table in two cohorts, and a 2025 commune's page shows the legacy communes it was formed from, apart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.constants import Role
from accounts.models import Membership
from indicators.constants import ScorecardStatus
from indicators.imports.services import scores_import
from indicators.models import Period, Scorecard
from indicators.services import period_get_or_create
from tests.browser.pages import login
from tests.personas import PASSWORD
from tests.province_fixtures import bodies_create, month_score
from units.models import AdministrativeUnit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODIES = ["Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Thanh tra tỉnh"]


@pytest.fixture
def two_tier(dong_thap_2025, lap_vo, qd766, seed_file):
    """2025 Đồng Tháp's communes and five bodies scored for October 2026 (all submitted), Lấp Vò's January 2024."""
    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2024-01"),
        parent=lap_vo,
    )
    bodies_create(dong_thap_2025, BODIES)
    period = month_score(dong_thap_2025, qd766, "2026-10", 7, status=ScorecardStatus.SUBMITTED, lowest=50)
    Period.objects.filter(pk=period.pk).update(entry_deadline=timezone.localdate() - timedelta(days=30))
    user = get_user_model().objects.create_user(username="tinh.dongthap2025", password=PASSWORD)
    Membership.objects.create(user=user, unit=dong_thap_2025, role=Role.PROVINCE_STAFF)
    admin = get_user_model().objects.create_user(username="quantri2", password=PASSWORD)
    Membership.objects.create(user=admin, unit=None, role=Role.ADMINISTRATOR)
    return period


def test_provincial_staff_work_with_two_cohorts(new_page, two_tier, screenshots):
    page = new_page(width=1500, height=1000)
    login(page, "tinh.dongthap2025")
    assert page.locator("h1").inner_text() == "Duyệt phiếu điểm – Tỉnh Đồng Tháp"
    headings = page.locator("table.matrix tr.cohort th.unit-col")
    assert headings.all_inner_texts() == ["Xã, phường (102)", "Sở, ban, ngành (5)"]

    page.fill("input[name=q]", "lap vo")  # without diacritics
    page.press("input[name=q]", "Enter")
    assert "Đang lọc: 1/107 đơn vị." in page.locator("p.note").first.inner_text()
    page.get_by_role("link", name="Bỏ lọc").click()
    page.select_option("select[name=nhom]", "co-quan")
    page.get_by_role("button", name="Xem").click()
    assert page.locator("table.matrix tbody th[scope=row]").count() == 5

    page.locator("table.matrix tbody td.cell a").first.click()  # a body's scorecard, approved directly
    page.get_by_role("button", name="Duyệt").first.click()
    page.wait_for_load_state()
    assert Scorecard.objects.filter(period=two_tier, status=ScorecardStatus.APPROVED).count() == 1

    page.goto("/?scheme=qd766&period=2026-10")
    cohorts = page.locator("#league tbody tr.cohort").all_inner_texts()
    assert cohorts == ["Xã, phường – 102 đơn vị, xếp hạng riêng", "Sở, ban, ngành – 5 đơn vị, xếp hạng riêng"]
    first_body = page.locator("#league tbody tr.cohort").nth(1).locator("xpath=following-sibling::tr[1]/td[1]")
    assert first_body.inner_text() == "01/05"
    page.screenshot(path=str(screenshots / "league-table-two-cohorts.png"), full_page=True)


def test_a_2025_commune_page_shows_its_legacy_communes_apart(new_page, two_tier, screenshots):
    page = new_page(width=1400, height=1000)
    login(page, "quantri2")
    commune = AdministrativeUnit.objects.get(edition="2025", code="30169")
    page.goto(f"/don-vi/{commune.pk}/?scheme=qd766")
    assert page.locator("h1").inner_text().startswith("Xã Lấp Vò")
    section = page.locator("#truoc-sap-xep")
    assert section.locator("h2").inner_text() == "Trước sắp xếp (đến 30/6/2025)"
    assert section.locator("tbody tr").count() == 4
    assert "không so sánh trực tiếp" in section.inner_text()
    page.screenshot(path=str(screenshots / "unit-page-before-reform.png"), full_page=True)
    section.get_by_role("link", name="Xã Bình Thành").click()
    assert page.locator("h1").inner_text().startswith("Xã Bình Thành")
    assert "Sau sắp xếp (từ 01/7/2025), Xã Bình Thành thuộc" in page.locator("p.reform-note").inner_text()
