"""API tokens expire after API_TOKEN_MAX_AGE and die with a password change; password reset by e-mail."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db
TOKEN = "/api/v1/auth/token/"


def obtain(username: str = "canbo.binhthanh", password: str = PASSWORD) -> dict:
    response = APIClient().post(TOKEN, {"username": username, "password": password}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_token_says_when_it_expires_and_works_until_then(officer):
    body = obtain()
    expires = timezone.datetime.fromisoformat(body["expires"])
    assert timedelta(days=29) < expires - timezone.now() <= settings.API_TOKEN_MAX_AGE
    assert with_token(body["token"]).get("/api/v1/units/").status_code == 200
    assert obtain()["token"] == body["token"]  # asking again gives the same live token


def test_an_expired_token_is_refused_in_vietnamese_and_a_new_one_is_issued(officer):
    key = obtain()["token"]
    Token.objects.filter(key=key).update(created=timezone.now() - settings.API_TOKEN_MAX_AGE - timedelta(minutes=1))
    refused = with_token(key).get("/api/v1/units/")
    assert refused.status_code == 401 and "hết hạn" in refused.json()["detail"]
    assert not Token.objects.filter(key=key).exists()
    fresh = obtain()["token"]
    assert fresh != key and with_token(fresh).get("/api/v1/units/").status_code == 200


def test_an_expired_token_is_replaced_when_asked_for_again(officer):
    key = obtain()["token"]
    Token.objects.filter(key=key).update(created=timezone.now() - settings.API_TOKEN_MAX_AGE)
    assert obtain()["token"] != key


def test_changing_the_password_revokes_the_tokens(officer):
    key = obtain()["token"]
    client = Client()
    client.login(username="canbo.binhthanh", password=PASSWORD)
    response = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": PASSWORD, "new_password1": "Mat-khau-moi-766!", "new_password2": "Mat-khau-moi-766!"},
    )
    assert response.status_code == 302
    assert with_token(key).get("/api/v1/units/").status_code == 401
    assert obtain(password="Mat-khau-moi-766!")["token"] != key


def test_saving_the_user_without_a_new_password_keeps_the_token(officer):
    key = obtain()["token"]
    officer.first_name = "Lan"
    officer.save()
    officer.last_login = timezone.now()
    officer.save(update_fields=["last_login"])
    assert with_token(key).get("/api/v1/units/").status_code == 200


def test_password_reset_by_email_in_vietnamese(officer):
    officer.email = "canbo@binhthanh.example.vn"
    officer.save()
    key = obtain()["token"]
    client = Client()
    login = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert 'href="/tai-khoan/quen-mat-khau/"' in login
    form = client.get("/tai-khoan/quen-mat-khau/").content.decode()
    assert "Quên mật khẩu" in form and "Địa chỉ e-mail" in form
    sent = client.post("/tai-khoan/quen-mat-khau/", {"email": "canbo@binhthanh.example.vn"})
    assert sent["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    assert "Đã gửi e-mail" in client.get(sent["Location"]).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Đặt lại mật khẩu Scorecard 766" and message.to == ["canbo@binhthanh.example.vn"]
    assert "canbo.binhthanh" in message.body and "3 giờ" in message.body
    link = re.search(r"http://testserver(/tai-khoan/dat-lai-mat-khau/\S+/)", message.body).group(1)
    page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in page.content.decode()
    done = client.post(
        page.redirect_chain[-1][0], {"new_password1": "Mat-khau-moi-766!", "new_password2": "Mat-khau-moi-766!"}
    )
    assert done["Location"] == "/tai-khoan/dat-lai-mat-khau/xong/"
    assert "Đã đặt mật khẩu mới" in client.get(done["Location"]).content.decode()
    assert Client().login(username="canbo.binhthanh", password="Mat-khau-moi-766!")
    assert with_token(key).get("/api/v1/units/").status_code == 401
    # The link works once.
    assert "không còn hiệu lực" in client.get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(officer):
    response = Client().post("/tai-khoan/quen-mat-khau/", {"email": "ai-do@example.vn"})
    assert response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/" and mail.outbox == []


def test_the_console_backend_is_the_default():
    from scorecard_site import settings as project_settings

    assert project_settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
