"""Lockout after repeated wrong passwords (django-axes): per account and per address, on the login page, the
admin login and the API token endpoint; a Vietnamese message; released after the cool-off."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.test import Client
from rest_framework.test import APIClient

from accounts.lockout import client_ip
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"
TOKEN = "/api/v1/auth/token/"


def wrong_logins(client, url: str, username: str, times: int, **extra) -> list[int]:
    return [client.post(url, {"username": username, "password": f"sai-{i}"}, **extra).status_code for i in range(times)]


def cool_off_passes() -> None:
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))


def test_after_ten_wrong_passwords_the_right_one_is_refused_on_the_login_page(officer):
    client = Client()
    statuses = wrong_logins(client, LOGIN, "canbo.binhthanh", 10)
    assert statuses[:9] == [200] * 9  # the form again, with its error
    right = client.post(LOGIN, {"username": "canbo.binhthanh", "password": PASSWORD})
    assert right.status_code == 429
    page = right.content.decode()
    assert "quá 10 lần" in page and "15 phút" in page and "Tạm khóa đăng nhập" in page
    assert "_auth_user_id" not in client.session
    # From another address too: the account itself is locked.
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert other.post(LOGIN, {"username": "canbo.binhthanh", "password": PASSWORD}).status_code == 429
    cool_off_passes()
    released = Client().post(LOGIN, {"username": "canbo.binhthanh", "password": PASSWORD})
    assert released.status_code == 302 and released["Location"] == "/nhap-diem/"


def test_nine_wrong_passwords_then_the_right_one_still_logs_in(officer):
    client = Client()
    wrong_logins(client, LOGIN, "canbo.binhthanh", 9)
    assert client.post(LOGIN, {"username": "canbo.binhthanh", "password": PASSWORD}).status_code == 302


def test_one_address_trying_many_accounts_is_locked_out(officer, other_officer):
    client = Client(REMOTE_ADDR="203.0.113.5")
    for i in range(10):
        client.post(LOGIN, {"username": f"khong-co-{i}", "password": "sai"})
    assert client.post(LOGIN, {"username": "canbo.tanmy", "password": PASSWORD}).status_code == 429
    # The same account from another address is not locked: only that address is.
    assert Client().post(LOGIN, {"username": "canbo.tanmy", "password": PASSWORD}).status_code == 302


def test_after_ten_wrong_passwords_the_api_refuses_the_right_one(officer):
    api = APIClient()
    statuses = [api.post(TOKEN, {"username": "canbo.binhthanh", "password": f"sai-{i}"}).status_code for i in range(10)]
    assert statuses[:9] == [400] * 9
    right = api.post(TOKEN, {"username": "canbo.binhthanh", "password": PASSWORD})
    assert right.status_code == 429
    assert "quá 10 lần" in right.json()["detail"] and "token" not in right.json()
    cool_off_passes()
    again = api.post(TOKEN, {"username": "canbo.binhthanh", "password": PASSWORD})
    assert again.status_code == 200 and again.json()["token"]


def test_wrong_passwords_on_the_api_lock_the_login_page_too(officer):
    api = APIClient()
    for i in range(10):
        api.post(TOKEN, {"username": "canbo.binhthanh", "password": f"sai-{i}"}, format="json")
    elsewhere = Client(REMOTE_ADDR="10.1.1.1")
    assert elsewhere.post(LOGIN, {"username": "canbo.binhthanh", "password": PASSWORD}).status_code == 429


def test_the_admin_login_is_locked_out_too(django_user_model):
    django_user_model.objects.create_superuser("quantri.admin", "a@example.org", PASSWORD)
    client = Client()
    wrong_logins(client, "/admin/login/", "quantri.admin", 10)
    right = client.post("/admin/login/?next=/admin/", {"username": "quantri.admin", "password": PASSWORD})
    assert right.status_code == 429 and "quá 10 lần" in right.content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_address_behind_a_proxy_is_the_one_the_proxy_saw(settings, rf):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "10.0.0.2"  # no proxy trusted: the header is the client's own words
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "198.51.100.7"
