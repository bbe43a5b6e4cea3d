"""The admin is for administrators only: district staff with the staff flag and view rights are kept out."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def staff(user, *codenames: str):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def test_staff_with_view_rights_but_no_administrator_role_are_kept_out(district_staff):
    staff(district_staff, "view_administrativeunit", "view_scorecard")
    client = Client()
    client.login(username=district_staff.username, password=PASSWORD)
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/units/administrativeunit/").status_code == 302
    review = client.get("/duyet/")
    assert review.status_code == 200 and 'href="/admin/"' not in review.content.decode()


def test_an_administrator_with_the_staff_flag_enters(administrator):
    staff(administrator, "view_administrativeunit")
    client = Client()
    client.login(username=administrator.username, password=PASSWORD)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/units/administrativeunit/").status_code == 200
    review = client.get("/duyet/")
    assert review.status_code == 200 and 'href="/admin/"' in review.content.decode()


def test_a_superuser_enters(admin_client):
    assert admin_client.get("/admin/").status_code == 200
