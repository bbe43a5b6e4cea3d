"""Password rules speak Vietnamese everywhere they show: help texts and every refusal, on the change, reset and
set-password forms (Django's catalogue leaves the minimum length in English)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import password_validation
from django.contrib.auth.forms import SetPasswordForm
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

ENGLISH = re.compile(r"\b(password|too|short|common|numeric|similar|must|contain|characters?)\b", re.IGNORECASE)


def refusals(password: str, user=None) -> list[str]:
    with pytest.raises(ValidationError) as error:
        password_validation.validate_password(password, user)
    return error.value.messages


def test_every_rule_has_a_vietnamese_help_text():
    texts = password_validation.password_validators_help_texts()
    assert texts == [
        "Mật khẩu không được quá giống tên đăng nhập, họ tên hoặc e-mail của bạn.",
        "Mật khẩu có ít nhất 8 ký tự.",
        "Mật khẩu không được là mật khẩu phổ biến (như 12345678, password).",
        "Mật khẩu không được chỉ gồm chữ số.",
    ]


def test_every_refusal_is_vietnamese(officer):
    assert refusals("1234") == [
        "Mật khẩu quá ngắn: cần ít nhất 8 ký tự.",
        "Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác.",
        "Mật khẩu không được chỉ gồm chữ số; hãy thêm chữ cái hoặc ký hiệu.",
    ]
    assert refusals("8419305726") == ["Mật khẩu không được chỉ gồm chữ số; hãy thêm chữ cái hoặc ký hiệu."]
    similar = refusals("canbo.binhthanh1", officer)
    assert len(similar) == 1 and similar[0].startswith("Mật khẩu quá giống thông tin tài khoản (")


def test_the_set_password_form_shows_the_rules_and_refusals_in_vietnamese(officer):
    form = SetPasswordForm(officer, data={"new_password1": "abc", "new_password2": "abc"})
    assert not form.is_valid()
    shown = " ".join([str(form.fields["new_password1"].help_text), *form.errors["new_password2"]])
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in shown and "Mật khẩu có ít nhất 8 ký tự." in shown
    assert not ENGLISH.search(re.sub(r"<[^>]+>|12345678, password", "", shown)), shown


def test_the_password_change_page_is_vietnamese_throughout(client, officer):
    client.login(username="canbo.binhthanh", password=PASSWORD)
    page = client.get("/tai-khoan/doi-mat-khau/").content.decode()
    assert "Mật khẩu không được là mật khẩu phổ biến" in page
    refused = client.post(
        "/tai-khoan/doi-mat-khau/", {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"}
    ).content.decode()
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in refused
    assert "too short" not in refused and "This password" not in refused


def test_the_reset_link_page_refuses_in_vietnamese(officer):
    officer.email = "lan@binhthanh.example"
    officer.save()
    client = Client()
    client.post("/tai-khoan/quen-mat-khau/", {"email": "lan@binhthanh.example"})
    link = re.search(r"https?://[^/\s]+(/tai-khoan/dat-lai-mat-khau/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    page = client.get(form_url).content.decode()
    assert "Mật khẩu có ít nhất 8 ký tự." in page
    refused = client.post(form_url, {"new_password1": "12345", "new_password2": "12345"}).content.decode()
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in refused
    assert "Mật khẩu không được chỉ gồm chữ số; hãy thêm chữ cái hoặc ký hiệu." in refused
    assert "This password" not in refused
