"""Certificate passwords have a key of their own (FIELD_ENCRYPTION_KEY): SECRET_KEY can rotate, the key itself
can rotate, and rows written under the old SECRET_KEY-derived key are moved over."""

from __future__ import annotations

import base64
import hashlib

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError

from reports import signatures
from reports.constants import BodyKind
from reports.models import SigningCertificate
from reports.signing import SigningError, password_decrypt, password_encrypt

pytestmark = pytest.mark.django_db


def test_rotating_secret_key_keeps_the_password_readable(settings):
    token = password_encrypt("mat-khau-p12")
    settings.SECRET_KEY = "a-brand-new-secret-key-after-rotation"
    assert password_decrypt(token) == "mat-khau-p12"


def test_without_the_field_key_the_password_is_lost(settings):
    token = password_encrypt("mat-khau-p12")
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(SigningError, match="FIELD_ENCRYPTION_KEY"):
        password_decrypt(token)


def test_old_rows_under_the_secret_key_are_moved_to_the_field_key(settings, lap_vo, p12):
    legacy = Fernet(base64.urlsafe_b64encode(hashlib.sha256(settings.SECRET_KEY.encode()).digest()))
    certificate = signatures.certificate_save(unit=lap_vo, body_kind=BodyKind.COMMITTEE, pkcs12=p12[0], password=p12[1])
    SigningCertificate.objects.filter(pk=certificate.pk).update(password_encrypted=legacy.encrypt(p12[1].encode()))
    call_command("reencrypt_certificates")
    stored = bytes(SigningCertificate.objects.get(pk=certificate.pk).password_encrypted)
    assert Fernet(settings.FIELD_ENCRYPTION_KEY.encode()).decrypt(stored).decode() == p12[1]
    settings.SECRET_KEY = "rotated"
    assert password_decrypt(stored) == p12[1]


def test_the_field_key_itself_rotates(settings, lap_vo, p12):
    old = settings.FIELD_ENCRYPTION_KEY
    certificate = signatures.certificate_save(unit=lap_vo, body_kind=BodyKind.COMMITTEE, pkcs12=p12[0], password=p12[1])
    new = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"
    call_command("reencrypt_certificates")
    settings.FIELD_ENCRYPTION_KEY = new
    assert password_decrypt(SigningCertificate.objects.get(pk=certificate.pk).password_encrypted) == p12[1]


def test_an_unreadable_row_is_named(settings, lap_vo, p12):
    certificate = signatures.certificate_save(
        unit=lap_vo, body_kind=BodyKind.COMMITTEE, pkcs12=p12[0], password=p12[1], label="Chứng thư UBND"
    )
    SigningCertificate.objects.filter(pk=certificate.pk).update(
        password_encrypted=Fernet(Fernet.generate_key()).encrypt(b"x")
    )
    with pytest.raises(CommandError, match="Chứng thư UBND"):
        call_command("reencrypt_certificates")
