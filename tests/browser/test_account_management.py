"""In a real browser: Lấp Vò's account manager creates an officer account for Xã Bình Thành (a bad e-mail is
refused naming the field), the password mail goes out, the new officer chooses a password through its link (a
weak one refused in Vietnamese) and logs in to their commune; the manager sees the change in the account's history."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.constants import Role
from accounts.models import Membership
from tests.accounts.manage.conftest import manager
from tests.browser.pages import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_district_manager_creates_an_officer_who_sets_a_password_from_the_mail(new_page, lap_vo, binh_thanh):
    manager("quanly.lapvo", Role.DISTRICT_STAFF, "875")
    page = new_page()
    login(page, "quanly.lapvo")
    page.get_by_role("link", name="Tài khoản", exact=True).click()
    expect(page.get_by_role("heading", name="Quản lý tài khoản")).to_be_visible()
    page.get_by_role("link", name="Tạo tài khoản").click()
    page.get_by_label("Tên đăng nhập").fill("canbo.hoa")
    page.get_by_label("Họ và tên").fill("Lê Thị Hoa")
    page.get_by_label("Địa chỉ e-mail").fill("hoa@")
    page.get_by_label("Đơn vị").select_option(label="— Xã Bình Thành (30193)")
    page.get_by_label("Vai trò").select_option(label="Cán bộ nhập điểm cấp xã")
    page.get_by_role("button", name="Tạo tài khoản").click()
    refusal = page.get_by_role("alert").filter(has_text="Địa chỉ e-mail: “hoa@” không phải địa chỉ e-mail hợp lệ")
    expect(refusal).to_be_visible()
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("canbo.hoa")  # what was typed is kept
    page.get_by_label("Địa chỉ e-mail").fill("hoa@binhthanh.example")
    expect(page.get_by_label("Gửi ngay e-mail đặt mật khẩu")).to_be_checked()
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_text("Đã tạo tài khoản canbo.hoa.")).to_be_visible()
    expect(page.get_by_text("Đã gửi e-mail đặt mật khẩu tới hoa@binhthanh.example; đường dẫn")).to_be_visible()
    expect(page.get_by_role("heading", name="Lê Thị Hoa")).to_be_visible()
    membership = Membership.objects.get(user__username="canbo.hoa")
    assert (membership.unit, membership.role, membership.may_sign) == (binh_thanh, Role.COMMUNE_OFFICER, False)

    assert [m.to for m in mail.outbox] == [["hoa@binhthanh.example"]]
    link = re.search(r"https?://[^/\s]+(/tai-khoan/dat-lai-mat-khau/\S+/)", mail.outbox[0].body).group(1)
    officer = new_page()
    officer.goto(link)
    expect(officer.get_by_role("heading", name="Đặt mật khẩu mới")).to_be_visible()
    expect(officer.get_by_text("Mật khẩu có ít nhất 8 ký tự.")).to_be_visible()
    officer.get_by_label("Mật khẩu mới", exact=True).fill("12345678")
    officer.get_by_label("Nhập lại mật khẩu mới").fill("12345678")
    officer.get_by_role("button", name="Đặt mật khẩu mới").click()
    expect(officer.get_by_role("alert").filter(has_text="Mật khẩu này quá phổ biến")).to_be_visible()
    officer.get_by_label("Mật khẩu mới", exact=True).fill("Sen-Hong-Lap-Vo-2024!")
    officer.get_by_label("Nhập lại mật khẩu mới").fill("Sen-Hong-Lap-Vo-2024!")
    officer.get_by_role("button", name="Đặt mật khẩu mới").click()
    expect(officer.get_by_role("heading", name="Đã đặt mật khẩu mới")).to_be_visible()
    officer.get_by_role("link", name="Đăng nhập").last.click()
    officer.fill("#id_username", "canbo.hoa")
    officer.fill("#id_password", "Sen-Hong-Lap-Vo-2024!")
    officer.press("#id_password", "Enter")
    officer.wait_for_url(re.compile(r"/nhap-diem/"))
    expect(officer.get_by_text("Xã Bình Thành").first).to_be_visible()

    page.reload()
    history = page.locator("table.history")
    expect(history).to_contain_text("Đã gửi e-mail đặt mật khẩu tới hoa@binhthanh.example")
    expect(history).to_contain_text("Cán bộ nhập điểm cấp xã – Xã Bình Thành")
