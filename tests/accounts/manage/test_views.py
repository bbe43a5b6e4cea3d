"""The account pages: 403 for non-managers, 404 outside the manager's reach, Vietnamese messages naming the
field, the list's filters and the navigation link."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from accounts.constants import Role
from accounts.models import Membership
from audit.constants import EventKind
from audit.models import AuditEvent
from tests.accounts.manage.conftest import login

pytestmark = pytest.mark.django_db
User = get_user_model()

ACCOUNT_ROUTES = [
    ("account-detail", "get"),
    ("account-membership-add", "post"),
    ("account-deactivate", "post"),
    ("account-reactivate", "post"),
    ("account-password-mail", "post"),
]


def test_non_managers_get_403_and_strangers_the_login_page(client, officer, district_staff):
    for user in (officer, district_staff):
        browser = login(user)
        assert browser.get(reverse("account-list")).status_code == 403
        assert browser.get(reverse("account-create")).status_code == 403
        for name, method in ACCOUNT_ROUTES:
            assert getattr(browser, method)(reverse(name, args=[officer.pk])).status_code == 403, name
    response = client.get(reverse("account-list"))
    assert response.status_code == 302 and response["Location"].startswith("/tai-khoan/dang-nhap/")


def test_another_districts_people_are_404_and_left_untouched(district_manager, far_officer, tan_my):
    browser = login(district_manager)
    for name, method in ACCOUNT_ROUTES:
        data = {"unit": tan_my.pk, "role": Role.COMMUNE_OFFICER} if name == "account-membership-add" else {}
        assert getattr(browser, method)(reverse(name, args=[far_officer.pk]), data).status_code == 404, name
    membership = Membership.objects.get(user=far_officer)
    remove = reverse("account-membership-remove", args=[far_officer.pk, membership.pk])
    assert browser.post(remove).status_code == 404
    far_officer.refresh_from_db()
    assert far_officer.is_active and Membership.objects.filter(user=far_officer).count() == 1
    assert mail.outbox == [] and not AuditEvent.objects.filter(kind=EventKind.ACCOUNT).exists()
    page = browser.get(reverse("account-list")).content.decode()
    assert "canbo.huyenkhac" not in page and "Trần Văn Bình" not in page


def test_a_membership_in_another_district_is_neither_shown_nor_removable(
    district_manager, officer, other_commune, other_district
):
    elsewhere = Membership.objects.create(user=officer, unit=other_commune, role=Role.COMMUNE_OFFICER)
    browser = login(district_manager)
    page = browser.get(reverse("account-detail", args=[officer.pk])).content.decode()
    assert "Xã Bình Thành" in page and other_commune.full_name not in page
    assert "ngoài phạm vi bạn quản lý" in page  # why the account-wide buttons are missing
    assert browser.post(reverse("account-membership-remove", args=[officer.pk, elsewhere.pk])).status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_the_list_shows_the_districts_people_filtered_and_searched(
    district_manager, named_officer, other_officer, far_officer, binh_thanh
):
    browser = login(district_manager)
    page = browser.get(reverse("account-list")).content.decode()
    assert "Nguyễn Thị Lan" in page and "canbo.tanmy" in page and "Cán bộ nhập điểm cấp xã – Xã Bình Thành" in page
    assert "canbo.huyenkhac" not in page and "Trần Văn Bình" not in page
    filtered = browser.get(reverse("account-list"), {"don_vi": binh_thanh.pk}).content.decode()
    assert "Nguyễn Thị Lan" in filtered and "canbo.tanmy" not in filtered
    searched = browser.get(reverse("account-list"), {"q": "nguyen thi lan"}).content.decode()
    assert "canbo.binhthanh" in searched and "canbo.tanmy" not in searched


def test_the_navigation_links_the_account_pages_for_managers_only(district_manager, district_staff):
    link = f'href="{reverse("account-list")}"'
    assert link in login(district_manager).get(reverse("password_change")).content.decode()
    assert link not in login(district_staff).get(reverse("password_change")).content.decode()


def test_bad_input_is_explained_field_by_field(district_manager, officer, binh_thanh, dong_thap):
    browser = login(district_manager)
    page = browser.post(reverse("account-create"), {}).content.decode()
    for message in (
        "Tên đăng nhập: Hãy nhập tên đăng nhập.",
        "Họ và tên: Hãy nhập họ và tên.",
        "Địa chỉ e-mail: Hãy nhập địa chỉ e-mail",
        "Đơn vị: Hãy chọn đơn vị.",
        "Vai trò: Hãy chọn vai trò.",
    ):
        assert message in page
    page = browser.post(
        reverse("account-create"),
        {"username": "canbo binh", "full_name": "Hoa", "email": "hoa@", "unit": dong_thap.pk, "role": "administrator"},
    ).content.decode()
    assert "Tên đăng nhập: Tên đăng nhập chỉ gồm chữ, số và các ký tự @ . + - _ (không có dấu cách)." in page
    assert "Họ và tên: Hãy nhập đủ họ và tên, ví dụ “Nguyễn Thị Lan”." in page
    assert "Địa chỉ e-mail: “hoa@” không phải địa chỉ e-mail hợp lệ" in page
    assert "Đơn vị: Đơn vị đã chọn không thuộc phạm vi bạn quản lý" in page
    assert "Vai trò: Vai trò “administrator” không được cấp ở đây" in page
    page = browser.post(
        reverse("account-create"),
        {
            "username": "canbo.binhthanh",
            "full_name": "Lê Thị Hoa",
            "email": "hoa@binhthanh.example",
            "unit": binh_thanh.pk,
            "role": Role.DISTRICT_STAFF,
        },
    ).content.decode()
    assert "Tên đăng nhập: Tên đăng nhập “canbo.binhthanh” đã có người dùng" in page
    assert "Vai trò: Vai trò “Chuyên viên cấp huyện” không dùng cho Xã Bình Thành" in page
    assert User.objects.count() == 2


def test_creating_an_account_sends_the_mail_and_opens_its_page(district_manager, binh_thanh):
    browser = login(district_manager)
    response = browser.post(
        reverse("account-create"),
        {
            "username": "canbo.hoa",
            "full_name": "Lê Thị Hoa",
            "email": "hoa@binhthanh.example",
            "unit": binh_thanh.pk,
            "role": Role.COMMUNE_OFFICER,
            "send_mail": "on",
        },
        follow=True,
    )
    account = User.objects.get(username="canbo.hoa")
    assert response.redirect_chain[-1][0] == reverse("account-detail", args=[account.pk])
    page = response.content.decode()
    assert "Đã tạo tài khoản canbo.hoa." in page and "Đã gửi e-mail đặt mật khẩu tới hoa@binhthanh.example" in page
    assert [m.to for m in mail.outbox] == [["hoa@binhthanh.example"]]
    assert "Đã gửi e-mail đặt mật khẩu" in page and "Cán bộ nhập điểm cấp xã – Xã Bình Thành" in page  # history


def test_memberships_are_added_and_removed_from_the_accounts_page(district_manager, officer, tan_my, binh_thanh):
    browser = login(district_manager)
    add = reverse("account-membership-add", args=[officer.pk])
    refused = browser.post(add, {"unit": tan_my.pk, "role": Role.DISTRICT_STAFF})
    assert refused.status_code == 200
    assert "Vai trò: Vai trò “Chuyên viên cấp huyện” không dùng cho Xã Tân Mỹ" in refused.content.decode()
    duplicate = browser.post(add, {"unit": binh_thanh.pk, "role": Role.COMMUNE_OFFICER}).content.decode()
    assert "Đơn vị: canbo.binhthanh đã có vai trò “Cán bộ nhập điểm cấp xã” tại Xã Bình Thành." in duplicate
    added = browser.post(add, {"unit": tan_my.pk, "role": Role.COMMUNE_OFFICER}, follow=True).content.decode()
    assert "Đã thêm vai trò “Cán bộ nhập điểm cấp xã” tại Xã Tân Mỹ." in added
    membership = Membership.objects.get(user=officer, unit=tan_my)
    removed = browser.post(
        reverse("account-membership-remove", args=[officer.pk, membership.pk]), follow=True
    ).content.decode()
    assert "Đã gỡ vai trò “Cán bộ nhập điểm cấp xã” tại Xã Tân Mỹ." in removed
    assert list(Membership.objects.filter(user=officer).values_list("unit__code", flat=True)) == ["30193"]


def test_locking_and_unlocking_from_the_page(district_manager, officer):
    browser = login(district_manager)
    page = browser.post(reverse("account-deactivate", args=[officer.pk]), follow=True).content.decode()
    assert "Đã khóa tài khoản canbo.binhthanh" in page and "Mở khóa tài khoản" in page
    officer.refresh_from_db()
    assert not officer.is_active
    page = browser.post(reverse("account-reactivate", args=[officer.pk]), follow=True).content.decode()
    assert "Đã mở khóa tài khoản canbo.binhthanh." in page
    own = browser.post(reverse("account-deactivate", args=[district_manager.pk]), follow=True).content.decode()
    assert "Bạn không tự khóa tài khoản của mình được." in own


def test_the_province_manager_reaches_every_district(province_manager, far_officer, officer):
    browser = login(province_manager)
    page = browser.get(reverse("account-list")).content.decode()
    assert "canbo.huyenkhac" in page and "canbo.binhthanh" in page
    assert browser.get(reverse("account-detail", args=[far_officer.pk])).status_code == 200
