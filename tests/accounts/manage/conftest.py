"""Account managers over the real units of Đồng Tháp: Lấp Vò's manager, a manager of another district of the
same province, and the province's manager; officers of both districts."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.constants import Role
from accounts.models import Membership
from tests.personas import PASSWORD, persona
from units.models import AdministrativeUnit


def manager(username: str, role: str, code: str):
    user = persona(username, role, code)
    Membership.objects.filter(user=user).update(may_manage_accounts=True)
    return user


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def district_manager(lap_vo):
    """Staff of Huyện Lấp Vò (875) whom an administrator made its account manager."""
    return manager("quanly.lapvo", Role.DISTRICT_STAFF, "875")


@pytest.fixture
def other_district(lap_vo) -> AdministrativeUnit:
    """Another district of Tỉnh Đồng Tháp (the first by code)."""
    siblings = AdministrativeUnit.objects.filter(parent=lap_vo.parent, kind="huyen").exclude(pk=lap_vo.pk)
    return siblings.order_by("code")[0]


@pytest.fixture
def other_commune(other_district) -> AdministrativeUnit:
    return AdministrativeUnit.objects.filter(parent=other_district, level=3).order_by("code")[0]


@pytest.fixture
def other_manager(other_district):
    return manager("quanly.huyenkhac", Role.DISTRICT_STAFF, other_district.code)


@pytest.fixture
def far_officer(other_commune):
    """An officer of a commune of the other district: outside Lấp Vò's reach."""
    user = persona("canbo.huyenkhac", Role.COMMUNE_OFFICER, other_commune.code)
    user.first_name, user.last_name, user.email = "Trần Văn", "Bình", "binh@huyenkhac.example"
    user.save()
    return user


@pytest.fixture
def named_officer(officer):
    """Bình Thành's officer with a Vietnamese name and an address, as a manager would have created them."""
    officer.first_name, officer.last_name, officer.email = "Nguyễn Thị", "Lan", "lan@binhthanh.example"
    officer.save()
    return officer


@pytest.fixture
def province_manager(lap_vo):
    return manager("quanly.dongthap", Role.PROVINCE_STAFF, "87")
