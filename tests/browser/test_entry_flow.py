"""In a real browser: an officer enters values with decimal commas and sees the live total, saves and submits;
the district approves from its matrix; the officer can no longer edit; another commune's officer gets a 404;
a stale second save is refused. Screenshots of the form and the matrix go to docs/screenshots/."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from indicators.constants import ScorecardStatus
from indicators.entry.selectors import scorecard_score
from indicators.entry.services import scorecard_save
from indicators.formatting import number_vi
from indicators.models import Entry
from indicators.values import EntryValue
from tests.browser.pages import ind, login, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def almost_complete(card, officer, complete_values):
    """Everything entered except CKMB1 and CKMB2, which the officer types in the browser."""
    values = {k: v for k, v in complete_values.items() if k[0] not in (ind("CKMB1").pk, ind("CKMB2").pk)}
    scorecard_save(scorecard=card, user=officer, values=values, causes={}, expected_version=card.version)
    card.refresh_from_db()
    return values


def test_officer_enters_submits_district_approves_and_the_card_is_locked(
    new_page, screenshots, card, officer, other_officer, district_staff, almost_complete, district_history
):
    page = new_page(1400, 1000)
    login(page, "canbo.binhthanh")
    expect(page.locator("tr", has_text="Tháng 05 năm 2024")).to_contain_text("Còn 7 ngày")
    page.locator("tr", has_text="Tháng 05 năm 2024").get_by_role("link", name="Nhập điểm").click()
    expect(page.locator("h1")).to_have_text("Phiếu điểm Xã Bình Thành – Tháng 05 năm 2024")
    ready(page)

    # Keyboard only: type into CKMB1's numerator, Tab to the denominator, then to CKMB2's points.
    page.get_by_label("Tử số CKMB1").focus()
    page.keyboard.type("91")
    page.keyboard.press("Tab")
    page.keyboard.type("100")
    expect(page.locator(f"#rate-i{ind('CKMB1').pk}")).to_have_text("91%")
    page.get_by_label("Điểm CKMB2").fill("3,5")
    expected = scorecard_score(
        scorecard=card,
        values={
            **almost_complete,
            (ind("CKMB1").pk, None): EntryValue(numerator=Decimal(91), denominator=Decimal(100)),
            (ind("CKMB2").pk, None): EntryValue(points=Decimal("3.5")),
        },
    )
    expect(page.locator("#summary-total")).to_have_text(f"{number_vi(expected.computed_total, 2)}/100")
    expect(page.locator("#summary-converted")).to_have_text(number_vi(expected.converted_total, 2))
    expect(page.locator("#summary-band")).to_have_text(expected.band.label)
    expect(page.locator(f"#gt-{ind('CKMB1').group_id}")).to_have_text("16,16")  # CKMB: 5,46 + 3,5 + 1,8 + 5,4
    page.get_by_label("Nguyên nhân (công khai, minh bạch)").fill("Hai TTHC công bố chậm.")
    page.screenshot(path=str(screenshots / "entry-form.png"), full_page=False)

    page.get_by_label("Điểm CKMB2").press("Control+s")  # Ctrl+S saves the whole form (Enter moves to the next cell)
    expect(page.locator(".messages")).to_contain_text("Đã lưu nháp lúc")
    expect(page.get_by_label("Tử số CKMB1")).to_have_value("91")
    page.get_by_role("button", name="Lưu và nộp").click()
    expect(page.locator(".messages")).to_contain_text("Đã nộp phiếu điểm Xã Bình Thành")
    card.refresh_from_db()
    assert card.status == ScorecardStatus.SUBMITTED

    district = new_page(1400, 800)
    login(district, "huyen.lapvo")
    expect(district).to_have_url(re.compile(r"/duyet/$"))
    expect(district.locator("table.matrix")).to_contain_text("5/13 đã nộp")
    district.screenshot(path=str(screenshots / "district-matrix.png"), full_page=True)
    district.locator("tr", has_text="Xã Bình Thành").get_by_role("link", name=re.compile("Đã nộp")).click()
    district.get_by_role("button", name="Duyệt", exact=True).click()
    expect(district.locator(".messages")).to_contain_text("Đã duyệt phiếu điểm Xã Bình Thành")

    page.goto(f"/phieu-diem/{card.pk}/")
    expect(page.locator(".notice.locked")).to_contain_text("đã được duyệt và khóa")
    expect(page.get_by_label("Tử số CKMB1")).to_be_disabled()
    expect(page.get_by_role("button", name="Lưu nháp")).to_have_count(0)

    stranger = new_page()
    login(stranger, "canbo.tanmy")
    response = stranger.goto(f"/phieu-diem/{card.pk}/")
    assert response.status == 404
    assert 'value="91"' not in stranger.content()


def test_a_stale_second_save_is_refused_and_shows_the_other_change(new_page, card, officer):
    first, second = new_page(), new_page()
    for page in (first, second):
        login(page, "canbo.binhthanh")
        page.goto(f"/phieu-diem/{card.pk}/")
        ready(page)
    first.get_by_label("Điểm CKMB1").fill("5")
    first.get_by_role("button", name="Lưu nháp").click()
    expect(first.locator(".messages")).to_contain_text("Đã lưu nháp")

    second.get_by_label("Điểm CKMB1").fill("2,5")
    second.get_by_role("button", name="Lưu nháp").click()
    expect(second.locator(".stale-box")).to_contain_text("CHƯA được lưu")
    expect(second.locator(".other-change")).to_contain_text("Người khác đã lưu: 5")
    expect(second.get_by_label("Điểm CKMB1")).to_have_value("2,5")  # what they typed is still there
    assert Entry.objects.get(scorecard=card, indicator__code="CKMB1").points == Decimal(5)


def test_validation_messages_appear_while_typing(new_page, card, officer):
    page = new_page()
    login(page, "canbo.binhthanh")
    page.goto(f"/phieu-diem/{card.pk}/")
    ready(page)
    page.get_by_label("Tử số CKMB1").fill("60")
    page.get_by_label("Mẫu số CKMB1").fill("50")
    expect(page.locator(f"#err-i{ind('CKMB1').pk}")).to_contain_text("Tử số 60 lớn hơn mẫu số 50 của CKMB1")
    page.get_by_label("Mẫu số CKMB1").fill("80")
    expect(page.locator(f"#err-i{ind('CKMB1').pk}")).to_have_text("")
    expect(page.locator(f"#rate-i{ind('CKMB1').pk}")).to_have_text("75%")
