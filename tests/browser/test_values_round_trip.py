"""In a real browser: values set through the API (a four-digit count, 0 points, 0/0 for a commune without
complaints) are shown as the app writes numbers ("1.222", "0"), and saving the form without retyping keeps them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indicators.entry.selectors import entries_current
from tests.browser.pages import ind, login, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_sees_1222_and_0_saves_without_retyping_and_they_stay(new_page, card, officer):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=officer).key}")
    entries = [
        {"code": "TDGQ1", "numerator": 1222, "denominator": 1250},
        {"code": "CKMB2", "points": 0},
        {"code": "MDHL4", "numerator": 0, "denominator": 0},
        {"code": "CKMB1", "numerator": "1.222", "denominator": "1.222"},
    ]
    response = client.put(f"/api/v1/scorecards/{card.pk}/", {"version": 1, "entries": entries}, format="json")
    assert response.status_code == 200, response.json()
    stored = entries_current(scorecard=card)

    page = new_page(1400, 1000)
    login(page, "canbo.binhthanh")
    page.goto(f"/phieu-diem/{card.pk}/")
    ready(page)
    expect(page.get_by_label("Tử số TDGQ1")).to_have_value("1.222")
    expect(page.get_by_label("Mẫu số TDGQ1")).to_have_value("1.250")
    expect(page.get_by_label("Điểm CKMB2")).to_have_value("0")
    expect(page.get_by_label("Tử số MDHL4")).to_have_value("0")
    expect(page.get_by_label("Mẫu số MDHL4")).to_have_value("0")

    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".messages")).to_contain_text("không có thay đổi mới")
    expect(page.locator(".invalid")).to_have_count(0)
    assert entries_current(scorecard=card) == stored

    # Change one count, keep the others as shown: only that one changes, the rest are still there.
    page.get_by_label("Mẫu số TDGQ1").fill("1.300")
    # The page already shows "Đã lưu nháp lúc …" from the first save: wait for the new page, not for that text.
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu nháp lúc")
    expect(page.get_by_label("Tử số TDGQ1")).to_have_value("1.222")
    expect(page.get_by_label("Mẫu số TDGQ1")).to_have_value("1.300")
    expect(page.get_by_label("Điểm CKMB2")).to_have_value("0")
    after = entries_current(scorecard=card)
    assert after[(ind("TDGQ1").pk, None)].denominator == Decimal(1300)
    assert {k: v for k, v in after.items() if k != (ind("TDGQ1").pk, None)} == {
        k: v for k, v in stored.items() if k != (ind("TDGQ1").pk, None)
    }
