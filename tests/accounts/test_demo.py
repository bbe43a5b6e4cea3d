"""load_demo's users: one per role, printed with their passwords, and able to log in."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.constants import Role
from accounts.demo import DEMO_PASSWORD, demo_users_create
from accounts.models import Membership
from units.constants import Edition, UnitKind
from units.services import provincial_body_create

pytestmark = pytest.mark.django_db


def test_one_user_per_role_is_created_once(lap_vo, dong_thap_2025):
    provincial_body_create(province=dong_thap_2025, name="Sở Nội vụ")
    users = demo_users_create()
    assert {u.username for u in users} == {
        "canbo.binhthanh",
        "canbo.tanmy",
        "huyen.lapvo",
        "tinh.dongthap",
        "quantri",
        "canbo.xalapvo",
        "canbo.sonoivu",
        "tinh.dongthap2025",
    }
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert Membership.objects.get(user__username="canbo.binhthanh").unit.code == "30193"
    again = demo_users_create()
    assert not any(u.created for u in again) and Membership.objects.count() == 8
    assert Client().login(username="canbo.binhthanh", password=DEMO_PASSWORD)


def test_two_tier_users_sit_in_the_2025_edition(lap_vo, dong_thap_2025):
    provincial_body_create(province=dong_thap_2025, name="Sở Nội vụ")
    demo_users_create()
    commune = Membership.objects.get(user__username="canbo.xalapvo").unit
    assert commune.edition == Edition.Y2025 and commune.full_name == "Xã Lấp Vò"
    assert {u.full_name for u in commune.merged_from.all()} >= {"Xã Bình Thành", "Thị trấn Lấp Vò"}
    body = Membership.objects.get(user__username="canbo.sonoivu").unit
    assert body.kind == UnitKind.PROVINCIAL_BODY and body.parent == dong_thap_2025
    staff = Membership.objects.get(user__username="tinh.dongthap2025")
    assert staff.role == Role.PROVINCE_STAFF and staff.unit == dong_thap_2025
