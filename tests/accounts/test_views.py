"""Vietnamese login, logout and password change; sessions that expire; CSRF on every form."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_is_vietnamese_and_logs_in_to_the_entry_home(client, officer):
    page = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert "Đăng nhập" in page and "Tên đăng nhập" in page and "Mật khẩu" in page
    response = client.post("/tai-khoan/dang-nhap/", {"username": "canbo.binhthanh", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/nhap-diem/"


def test_a_wrong_password_is_explained_in_vietnamese(client, officer):
    page = client.post("/tai-khoan/dang-nhap/", {"username": "canbo.binhthanh", "password": "sai"}).content.decode()
    assert "mật khẩu chính xác" in page


def test_login_returns_to_the_page_asked_for(client, card, officer):
    url = f"/phieu-diem/{card.pk}/"
    response = client.post(
        f"/tai-khoan/dang-nhap/?next={url}", {"username": "canbo.binhthanh", "password": PASSWORD, "next": url}
    )
    assert response["Location"] == url


def test_logout_is_a_post_and_ends_the_session(officer):
    client = Client()
    client.login(username="canbo.binhthanh", password=PASSWORD)
    assert client.get("/nhap-diem/").status_code == 200
    assert "Đăng xuất" in client.get("/nhap-diem/").content.decode()
    assert client.get("/tai-khoan/dang-xuat/").status_code == 405
    assert client.post("/tai-khoan/dang-xuat/").status_code == 302
    assert client.get("/nhap-diem/").status_code == 302


def test_password_change_needs_login_and_the_old_password(client, officer):
    assert client.get("/tai-khoan/doi-mat-khau/").status_code == 302
    client.login(username="canbo.binhthanh", password=PASSWORD)
    page = client.get("/tai-khoan/doi-mat-khau/").content.decode()
    assert "Đổi mật khẩu" in page and "Mật khẩu hiện tại" in page
    wrong = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": "sai", "new_password1": "Sen-Hong-Dong-Thap-9!", "new_password2": "Sen-Hong-Dong-Thap-9!"},
    )
    assert wrong.status_code == 200 and "Mật khẩu cũ không chính xác" in wrong.content.decode()
    weak = client.post(
        "/tai-khoan/doi-mat-khau/", {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"}
    )
    assert weak.status_code == 200  # the validators refuse it
    done = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": PASSWORD, "new_password1": "Sen-Hong-Dong-Thap-9!", "new_password2": "Sen-Hong-Dong-Thap-9!"},
    )
    assert done.status_code == 302 and done["Location"] == "/tai-khoan/doi-mat-khau/xong/"
    assert "Đã đổi mật khẩu" in client.get(done["Location"]).content.decode()


def test_sessions_expire():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_login_form_needs_csrf(officer):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/tai-khoan/dang-nhap/", {"username": "canbo.binhthanh", "password": PASSWORD})
    assert response.status_code == 403


def test_navigation_shows_entry_and_review_links_by_role(client, officer, district_staff):
    client.login(username="canbo.binhthanh", password=PASSWORD)
    page = client.get("/tai-khoan/doi-mat-khau/").content.decode()
    assert 'href="/nhap-diem/"' in page and 'href="/duyet/"' not in page
    client.login(username="huyen.lapvo", password=PASSWORD)
    page = client.get("/tai-khoan/doi-mat-khau/").content.decode()
    assert 'href="/duyet/"' in page
