"""load_demo's users: one per role, printed with their passwords, and able to log in."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.constants import Role
from accounts.demo import DEMO_PASSWORD, demo_users_create
from accounts.models import Membership

pytestmark = pytest.mark.django_db


def test_one_user_per_role_is_created_once(lap_vo):
    users = demo_users_create()
    assert {u.username for u in users} == {"canbo.binhthanh", "canbo.tanmy", "huyen.lapvo", "tinh.dongthap", "quantri"}
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert Membership.objects.get(user__username="canbo.binhthanh").unit.code == "30193"
    again = demo_users_create()
    assert not any(u.created for u in again) and Membership.objects.count() == 5
    assert Client().login(username="canbo.binhthanh", password=DEMO_PASSWORD)
