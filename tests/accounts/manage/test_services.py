"""Managers' writes: each checks the manager's reach, refuses with a message naming the field, and records an
audit event with the value before and after."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.authtoken.models import Token

from accounts.constants import Role
from accounts.manage.services import (
    AccountMailError,
    AccountRefused,
    account_active_set,
    account_create,
    account_password_mail_send,
    membership_add,
    membership_remove,
)
from accounts.models import Membership
from audit.constants import EventKind
from audit.models import AuditEvent
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()


def events(account) -> list[tuple[str, str, str]]:
    return [
        (e.field, e.before, e.after)
        for e in AuditEvent.objects.filter(kind=EventKind.ACCOUNT, details__user_id=account.pk).order_by("pk")
    ]


def create(by, unit, **fields):
    values = {
        "username": "canbo.moi",
        "full_name": "Lê  Thị   Hoa",
        "email": "hoa@binhthanh.example",
        "unit": unit,
        "role": Role.COMMUNE_OFFICER,
        **fields,
    }
    return account_create(by=by, **values)


def field_errors(error: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return error.value.message_dict


def test_a_new_account_has_one_plain_membership_a_secret_password_and_its_history(district_manager, binh_thanh):
    account = create(district_manager, binh_thanh)
    assert (account.first_name, account.last_name, account.get_full_name()) == ("Lê Thị", "Hoa", "Lê Thị Hoa")
    assert account.is_active and account.has_usable_password() and not account.is_staff
    membership = Membership.objects.get(user=account)
    assert (membership.unit, membership.role) == (binh_thanh, Role.COMMUNE_OFFICER)
    assert not (membership.may_sign or membership.may_reopen or membership.may_manage_accounts)
    assert events(account) == [
        ("account", "", "Lê Thị Hoa, hoa@binhthanh.example, đang hoạt động"),
        ("membership", "", "Cán bộ nhập điểm cấp xã – Xã Bình Thành"),
    ]
    event = AuditEvent.objects.filter(details__user_id=account.pk).order_by("pk").first()
    assert event.user == district_manager and event.unit == binh_thanh and event.target == "Tạo tài khoản – canbo.moi"


def test_creating_is_refused_field_by_field(district_manager, officer, binh_thanh, lap_vo, dong_thap, other_commune):
    officer.email = "lan@binhthanh.example"
    officer.save()
    with pytest.raises(ValidationError) as error:
        create(district_manager, binh_thanh, username="CANBO.BINHTHANH", email="LAN@binhthanh.example")
    assert "Tên đăng nhập “CANBO.BINHTHANH” đã có người dùng" in field_errors(error)["username"][0]
    assert "lan@binhthanh.example" in field_errors(error)["email"][0].lower()
    with pytest.raises(ValidationError) as error:
        create(district_manager, dong_thap, role=Role.PROVINCE_STAFF)
    assert field_errors(error)["unit"] == ["Tỉnh Đồng Tháp không thuộc phạm vi bạn quản lý."]
    with pytest.raises(ValidationError) as error:
        create(district_manager, other_commune)
    assert "không thuộc phạm vi bạn quản lý" in field_errors(error)["unit"][0]
    with pytest.raises(ValidationError) as error:
        create(district_manager, binh_thanh, role=Role.ADMINISTRATOR)
    assert field_errors(error)["role"] == ["Vai trò quản trị hệ thống chỉ được cấp trong trang Quản trị."]
    with pytest.raises(ValidationError) as error:
        create(district_manager, binh_thanh, role=Role.DISTRICT_STAFF)
    assert "không dùng cho Xã Bình Thành" in field_errors(error)["role"][0]
    assert not User.objects.filter(username="canbo.moi").exists()
    assert not AuditEvent.objects.filter(kind=EventKind.ACCOUNT).exists()


def test_a_membership_is_added_within_reach_and_recorded(district_manager, officer, tan_my, far_officer, lap_vo):
    membership = membership_add(account=officer, unit=tan_my, role=Role.COMMUNE_OFFICER, by=district_manager)
    assert not membership.may_sign
    assert events(officer)[-1] == ("membership", "", "Cán bộ nhập điểm cấp xã – Xã Tân Mỹ")
    with pytest.raises(ValidationError) as error:
        membership_add(account=officer, unit=tan_my, role=Role.COMMUNE_OFFICER, by=district_manager)
    assert "đã có vai trò “Cán bộ nhập điểm cấp xã” tại Xã Tân Mỹ" in field_errors(error)["unit"][0]
    with pytest.raises(PermissionDenied):
        membership_add(account=far_officer, unit=tan_my, role=Role.COMMUNE_OFFICER, by=district_manager)


def test_removing_a_membership_records_what_it_was_and_keeps_the_last_one(district_manager, officer, tan_my):
    second = Membership.objects.create(user=officer, unit=tan_my, role=Role.COMMUNE_OFFICER)
    membership_remove(membership=second, by=district_manager)
    assert list(Membership.objects.filter(user=officer).values_list("unit__code", flat=True)) == ["30193"]
    assert events(officer) == [("membership", "Cán bộ nhập điểm cấp xã – Xã Tân Mỹ", "")]
    with pytest.raises(AccountRefused, match="phân quyền cuối cùng"):
        membership_remove(membership=Membership.objects.get(user=officer), by=district_manager)


def test_another_districts_membership_cannot_be_removed(district_manager, far_officer):
    with pytest.raises(PermissionDenied):
        membership_remove(membership=Membership.objects.get(user=far_officer), by=district_manager)


def test_locking_stops_logins_and_tokens_and_unlocking_restores(district_manager, officer):
    Token.objects.create(user=officer)
    account_active_set(account=officer, active=False, by=district_manager)
    officer.refresh_from_db()
    assert not officer.is_active and not Token.objects.filter(user=officer).exists()
    assert not Client().login(username="canbo.binhthanh", password=PASSWORD)
    account_active_set(account=officer, active=False, by=district_manager)  # already locked: nothing recorded
    account_active_set(account=officer, active=True, by=district_manager)
    assert Client().login(username="canbo.binhthanh", password=PASSWORD)
    assert events(officer) == [
        ("is_active", "Đang hoạt động", "Đã khóa"),
        ("is_active", "Đã khóa", "Đang hoạt động"),
    ]


def test_a_manager_may_not_lock_themselves_nor_a_shared_account(district_manager, officer, other_commune):
    with pytest.raises(AccountRefused, match="không tự khóa"):
        account_active_set(account=district_manager, active=False, by=district_manager)
    Membership.objects.create(user=officer, unit=other_commune, role=Role.COMMUNE_OFFICER)
    with pytest.raises(AccountRefused, match="ngoài phạm vi bạn quản lý"):
        account_active_set(account=officer, active=False, by=district_manager)
    assert User.objects.get(pk=officer.pk).is_active
    assert not AuditEvent.objects.filter(kind=EventKind.ACCOUNT).exists()


def test_the_password_mail_goes_to_the_account_and_its_link_sets_a_password(district_manager, named_officer):
    account_password_mail_send(account=named_officer, by=district_manager)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lan@binhthanh.example"] and message.subject == "Đặt mật khẩu tài khoản Scorecard 766"
    assert "Xin chào Nguyễn Thị Lan" in message.body and "quanly.lapvo gửi bạn" in message.body
    assert "trong vòng 3 giờ" in message.body
    path = re.search(r"https?://[^/\s]+(/tai-khoan/dat-lai-mat-khau/\S+/)", message.body).group(1)
    client = Client()
    form_page = client.get(path, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    new = "Sen-Hong-Lap-Vo-2024!"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert Client().login(username="canbo.binhthanh", password=new)
    assert events(named_officer) == [("password_mail", "", "Đã gửi e-mail đặt mật khẩu tới lan@binhthanh.example")]


def test_no_mail_to_a_locked_account_or_one_without_an_address(district_manager, officer):
    with pytest.raises(AccountRefused, match="chưa có địa chỉ e-mail"):
        account_password_mail_send(account=officer, by=district_manager)
    officer.email, officer.is_active = "a@b.example", False
    officer.save()
    with pytest.raises(AccountRefused, match="mở khóa trước"):
        account_password_mail_send(account=officer, by=district_manager)
    assert mail.outbox == []


def test_a_mail_server_failure_is_said_and_leaves_no_event(district_manager, named_officer):
    with (
        mock.patch("accounts.manage.services.send_mail", side_effect=OSError("connection refused")),
        pytest.raises(AccountMailError, match=re.escape("Chưa gửi được e-mail tới lan@binhthanh.example")),
    ):
        account_password_mail_send(account=named_officer, by=district_manager)
    assert not AuditEvent.objects.filter(kind=EventKind.ACCOUNT).exists()
