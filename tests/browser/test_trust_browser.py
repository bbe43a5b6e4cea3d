"""In a real browser: an import over approved scorecards is refused naming the unit until a reopener gives a reason
(then it is in the card's history); a report on unapproved data is issued only after the explicit confirmation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indicators.constants import ScorecardStatus
from indicators.imports.services import scores_import
from indicators.models import Scorecard
from indicators.services import period_get_or_create
from reports import services as report_services
from tests.browser.pages import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def approved_january(lap_vo, qd766, seed_file, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    period = period_get_or_create(key="2024-01")
    scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    Scorecard.objects.filter(period=period).update(status=ScorecardStatus.APPROVED)
    return period


def test_import_over_approved_cards_needs_a_reason_and_is_audited(
    new_page, district_reopener, approved_january, qd766, tmp_path
):
    changed = tmp_path / "sua.csv"
    changed.write_text("Đơn vị;Điểm tổng\nVĩnh Thạnh;55,5\n", encoding="utf-8")
    page = new_page()
    login(page, district_reopener.username)
    page.goto("/nhap-tep/")
    page.select_option("#id_scheme", str(qd766.pk))
    page.select_option("#id_period", "2024-01")
    page.set_input_files("#id_file", str(changed))
    page.get_by_role("button", name="Tải lên").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Dòng 2: Xã Vĩnh Thạnh")
    expect(alert).to_contain_text("Đã duyệt")
    expect(page.locator("td.changes")).to_contain_text("Điểm tổng công bố: 90,13 → 55,5")
    assert page.get_by_role("button", name="Xác nhận nhập 1 dòng").count() == 0

    page.fill("#reopen-reason", "Cổng DVCQG công bố lại điểm ngày 05/02")
    page.get_by_role("button", name="Xem lại với lựa chọn này").click()
    page.get_by_role("button", name="Xác nhận nhập 1 dòng").click()
    page.wait_for_url("**/?scheme=qd766*")
    card = Scorecard.objects.get(unit__name="Vĩnh Thạnh", period=approved_january)
    assert str(card.published_total) == "55.50" and card.status == ScorecardStatus.APPROVED

    page.goto(f"/phieu-diem/{card.pk}/lich-su/")
    expect(page.locator("body")).to_contain_text("Cổng DVCQG công bố lại điểm ngày 05/02")


def test_issuing_a_report_on_unapproved_data_asks_for_confirmation(
    new_page, district_staff, lap_vo, qd766, seed_file, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"  # the issued PDF is stored: never in the working tree
    period = period_get_or_create(key="2024-01")
    scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    report = report_services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=period, kind="monthly")
    page = new_page()
    login(page, district_staff.username)
    page.goto(f"/bao-cao/{report.pk}/")
    expect(page.locator("p.completeness")).to_contain_text("13 phiếu điểm, 0 đã nộp chờ duyệt, 0 đã duyệt")
    page.get_by_role("button", name="Ban hành…").click()
    page.get_by_role("button", name="Ban hành", exact=True).click()  # without the confirmation: refused
    expect(page.locator("body")).to_contain_text("Số liệu của báo cáo chưa được duyệt hết")
    report.refresh_from_db()
    assert report.number is None
    page.get_by_role("button", name="Ban hành…").click()
    page.get_by_label("Tôi xác nhận ban hành khi số liệu chưa được duyệt hết").check()
    # Without a broker the issued PDF renders inside this request (WeasyPrint): give it time on a busy machine.
    page.get_by_role("button", name="Ban hành", exact=True).click(timeout=120_000)
    expect(page.locator("body")).to_contain_text("Đã ban hành báo cáo số 01/BC-UBND", timeout=120_000)
    expect(page.locator("body")).to_contain_text("có xác nhận của huyen.lapvo")
