"""Logins and signing in a real browser: ten wrong passwords lock the login page; the body's signer issues a
report and confirms the signature with their password (a wrong one is refused in Vietnamese)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.constants import Role
from accounts.models import Membership
from reports import services, signatures
from reports.constants import BodyKind
from reports.models import Report
from tests.browser.pages import login
from tests.personas import PASSWORD, persona
from tests.reports.conftest import january, media, p12  # noqa: F401 - the reports' seed month and certificate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ten_wrong_passwords_lock_the_login_page(new_page, officer):
    page = new_page()
    for i in range(10):
        page.goto("/tai-khoan/dang-nhap/")
        page.fill("#id_username", "canbo.binhthanh")
        page.fill("#id_password", f"sai-{i}")
        page.press("#id_password", "Enter")
        page.wait_for_load_state("load")
    page.goto("/tai-khoan/dang-nhap/")
    page.fill("#id_username", "canbo.binhthanh")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    expect(page.get_by_role("heading", name="Tạm khóa đăng nhập")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("quá 10 lần")
    page.get_by_role("link", name="Quên mật khẩu? Đặt lại qua e-mail").click()
    expect(page.get_by_role("heading", name="Quên mật khẩu")).to_be_visible()


def test_the_signer_issues_and_signs_with_a_password_confirmation(new_page, january, lap_vo, qd766, p12):  # noqa: F811
    signer = persona("chutich.lapvo", Role.DISTRICT_STAFF, "875")
    Membership.objects.filter(user=signer).update(may_sign=True)
    signatures.certificate_save(unit=lap_vo, body_kind=BodyKind.COMMITTEE, pkcs12=p12[0], password=p12[1])
    report = services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")
    page = new_page()
    login(page, "chutich.lapvo")
    page.goto(f"/bao-cao/{report.pk}/")
    # Issuing renders the PDF in-process (tasks run eagerly in tests): allow it time on a shared machine.
    page.get_by_role("button", name="Ban hành…").click()  # asks first: the number to be given, the data's state
    page.get_by_label("Tôi xác nhận ban hành khi số liệu chưa được duyệt hết").check()
    page.get_by_role("button", name="Ban hành", exact=True).click(timeout=180_000)
    expect(page.get_by_text("Đã ban hành báo cáo số 01/BC-UBND")).to_be_visible()
    page.wait_for_function("() => !document.querySelector('#report-status[hx-trigger]')", timeout=60_000)
    page.reload()
    page.get_by_role("button", name="Ký số…").click()
    page.get_by_label("Mật khẩu đăng nhập của bạn (xác nhận ký số)").fill("sai-mat-khau")
    page.get_by_role("button", name="Ký số", exact=True).click()
    expect(page.locator(".errorlist").filter(has_text="Mật khẩu không đúng")).to_be_visible()
    page.get_by_label("Mật khẩu đăng nhập của bạn (xác nhận ký số)").fill(PASSWORD)
    page.get_by_role("button", name="Ký số", exact=True).click(timeout=120_000)
    expect(page.get_by_text("Đã ký số báo cáo.")).to_be_visible()
    expect(page.get_by_text(re.compile("Ký số bởi chutich.lapvo"))).to_be_visible()
    report.refresh_from_db()
    assert report.status == "signed" and report.signed_by == signer
    assert Report.objects.filter(pk=report.pk, signing_certificate__isnull=False).exists()
