"""Who manages whose accounts: the reach of a manager's memberships, the roles they may grant, and what they are
refused on accounts shared with other units."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.constants import Role
from accounts.manage.selectors import (
    account_block_reason,
    account_list_for_manager,
    is_account_manager,
    managed_units_for_user,
    membership_remove_block_reason,
    role_block_reason,
    roles_grantable,
)
from accounts.models import Membership

pytestmark = pytest.mark.django_db


def usernames(queryset) -> set[str]:
    return set(queryset.values_list("username", flat=True))


def test_only_flagged_staff_and_administrators_manage_accounts(
    district_manager, district_staff, officer, administrator, admin_user
):
    assert is_account_manager(user=district_manager)
    assert is_account_manager(user=administrator) and is_account_manager(user=admin_user)
    assert not is_account_manager(user=district_staff)  # a reviewer, but nobody made them a manager
    assert not is_account_manager(user=officer)
    district_manager.is_active = False
    assert not is_account_manager(user=district_manager)


def test_the_flag_belongs_to_staff_memberships(officer):
    membership = Membership.objects.get(user=officer)
    membership.may_manage_accounts = True
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "Chỉ chuyên viên cấp huyện, cấp tỉnh được giao quyền quản lý tài khoản." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_a_district_manager_reaches_their_district_and_its_communes(district_manager, lap_vo):
    units = managed_units_for_user(user=district_manager)
    assert units.count() == 14 and units.filter(code="30193").exists()
    assert not units.filter(code="87").exists()


def test_the_list_holds_people_of_the_managers_subtree_only(
    district_manager, province_manager, officer, other_officer, district_staff, far_officer, province_staff
):
    mine = usernames(account_list_for_manager(user=district_manager))
    assert mine == {"quanly.lapvo", "canbo.binhthanh", "canbo.tanmy", "huyen.lapvo"}
    everyone = usernames(account_list_for_manager(user=province_manager))
    assert {"canbo.huyenkhac", "tinh.dongthap", "canbo.binhthanh"} <= everyone


def test_the_list_filters_by_unit_and_finds_names_without_diacritics(
    district_manager, named_officer, other_officer, binh_thanh, lap_vo
):
    by_unit = account_list_for_manager(user=district_manager, filters={"unit": binh_thanh})
    assert usernames(by_unit) == {"canbo.binhthanh"}
    assert usernames(account_list_for_manager(user=district_manager, filters={"query": "nguyen thi"})) == {
        "canbo.binhthanh"
    }
    assert usernames(account_list_for_manager(user=district_manager, filters={"query": "LAN@binhthanh"})) == {
        "canbo.binhthanh"
    }
    other_officer.is_active = False
    other_officer.save()
    locked = account_list_for_manager(user=district_manager, filters={"active": False, "unit": lap_vo})
    assert usernames(locked) == {"canbo.tanmy"}


def test_a_listed_account_shows_only_the_memberships_in_reach(district_manager, officer, other_commune):
    Membership.objects.create(user=officer, unit=other_commune, role=Role.COMMUNE_OFFICER)
    account = account_list_for_manager(user=district_manager).get(username="canbo.binhthanh")
    assert [m.unit.code for m in account.visible] == ["30193"]


def test_roles_never_above_the_managers_own_and_fitting_the_unit(
    district_manager, province_manager, administrator, lap_vo, binh_thanh, dong_thap
):
    assert roles_grantable(user=district_manager, unit=binh_thanh) == [Role.COMMUNE_OFFICER]
    assert roles_grantable(user=district_manager, unit=lap_vo) == [Role.DISTRICT_STAFF]
    assert roles_grantable(user=district_manager, unit=dong_thap) == []
    assert roles_grantable(user=province_manager, unit=dong_thap) == [Role.PROVINCE_STAFF]
    assert roles_grantable(user=administrator, unit=dong_thap) == [Role.PROVINCE_STAFF]
    above = role_block_reason(user=district_manager, unit=dong_thap, role=Role.PROVINCE_STAFF)
    assert "cao hơn vai trò của bạn" in above
    assert "Quản trị" in role_block_reason(user=province_manager, unit=dong_thap, role=Role.ADMINISTRATOR)
    mismatch = role_block_reason(user=district_manager, unit=binh_thanh, role=Role.DISTRICT_STAFF)
    assert "Xã Bình Thành" in mismatch and "Cán bộ nhập điểm cấp xã" in mismatch


def test_accounts_shared_with_other_units_or_holding_granted_rights_are_refused(
    district_manager, province_manager, officer, other_officer, other_commune, admin_user
):
    assert account_block_reason(user=district_manager, account=officer) is None
    Membership.objects.create(user=officer, unit=other_commune, role=Role.COMMUNE_OFFICER)
    assert "ngoài phạm vi bạn quản lý" in account_block_reason(user=district_manager, account=officer)
    assert account_block_reason(user=province_manager, account=officer) is None  # both units are the province's
    Membership.objects.filter(user=other_officer).update(may_sign=True)
    assert "chỉ quản trị viên" in account_block_reason(user=district_manager, account=other_officer)
    assert "trang Quản trị" in account_block_reason(user=province_manager, account=admin_user)


def test_the_last_membership_and_granted_rights_are_not_removed(district_manager, officer, tan_my):
    only = Membership.objects.get(user=officer)
    assert "phân quyền cuối cùng" in membership_remove_block_reason(user=district_manager, membership=only)
    second = Membership.objects.create(user=officer, unit=tan_my, role=Role.COMMUNE_OFFICER)
    assert membership_remove_block_reason(user=district_manager, membership=second) is None
    mine = Membership.objects.get(user=district_manager)
    assert "chỉ quản trị viên gỡ" in membership_remove_block_reason(user=district_manager, membership=mine)
