"""Production settings (DEBUG off, keys and hosts from the environment) pass `manage.py check --deploy` with no
warning, and every page carries HSTS, a Content-Security-Policy and an HTTPS redirect behind the proxy header."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "scorecard_site.settings",
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-production-like-secret-key-for-the-deploy-check-0123456789",
    "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    "ALLOWED_HOSTS": "scorecard.example.vn",
}


def deploy_check(**overrides: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **PRODUCTION, **overrides}
    env.pop("SECURE_COOKIES", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their live server, never in deployment
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_check_deploy_without_a_warning():
    result = deploy_check()
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_a_missing_field_encryption_key_is_a_deploy_warning():
    result = deploy_check(FIELD_ENCRYPTION_KEY="")
    assert result.returncode != 0 and "accounts.W001" in result.stderr + result.stdout


@pytest.mark.django_db
def test_pages_carry_csp_and_hsts_and_http_redirects_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    plain = client.get("/tai-khoan/dang-nhap/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get("/tai-khoan/dang-nhap/", headers={"x-forwarded-proto": "https"})
    assert secure.status_code == 200
    assert "max-age=31536000" in secure["Strict-Transport-Security"]
    policy = secure["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'self'" in policy
