"""Issuing (numbers, frozen files) and PAdES signing: valid with pyHanko, invalid after one changed byte."""

from __future__ import annotations

import hashlib
import subprocess
from datetime import date

import pytest
from django.db import IntegrityError

from indicators.models import Scorecard
from reports import services, signatures
from reports.constants import BodyKind, ReportStatus
from reports.models import Report, SigningCertificate
from reports.signing import password_decrypt, pdf_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(january, lap_vo, qd766, django_capture_on_commit_callbacks):
    def make(on: date = date(2024, 2, 5), body_kind: str = BodyKind.COMMITTEE, kind: str = "monthly") -> Report:
        report = services.report_draft(
            issuing_unit=lap_vo, scheme=qd766, period=january, kind=kind, body_kind=body_kind
        )
        with django_capture_on_commit_callbacks(execute=True):  # the Celery task runs eagerly after commit
            report = services.report_issue(report=report, on=on, confirm_incomplete=True)
        report.refresh_from_db()
        return report

    return make


def test_numbers_per_body_per_year_never_repeat(issue):
    first, second = issue(), issue()
    assert (first.number, second.number) == (1, 2)
    assert first.number_text == "01/BC-UBND" and second.number_text == "02/BC-UBND"
    assert issue(body_kind=BodyKind.OFFICE).number == 1  # the office numbers its own documents
    assert issue(on=date(2025, 1, 3)).number == 1  # a new year starts again
    with pytest.raises(IntegrityError):
        Report.objects.create(
            issuing_unit=first.issuing_unit,
            scheme=first.scheme,
            period=first.period,
            kind=first.kind,
            year=first.year,
            number=first.number,
            place="Lấp Vò",
            subject="x",
            issuing_body_name="x",
        )


def test_issued_report_is_frozen_and_downloads_the_same_bytes(issue, january):
    report = issue()
    assert report.status == ReportStatus.ISSUED and report.render_state == "done"
    content = services.report_file_bytes(report)
    assert hashlib.sha256(content).hexdigest() == report.sha256
    # The scores change afterwards; the issued report neither re-renders nor changes.
    Scorecard.objects.filter(period=january).update(total=1)
    services.report_render(report=report)
    assert services.report_file_bytes(report) == content
    with pytest.raises(services.ReportError):
        services.report_update(report=report, fields={"subject": "khác"}, sections={})
    with pytest.raises(services.ReportError):
        services.report_redraft(report=report)


def test_signature_is_valid_then_invalid_after_one_changed_byte(issue, p12, p12_pem, tmp_path):
    report = issue()
    original = services.report_file_bytes(report)
    data, password = p12
    report = signatures.report_sign(report=report, pkcs12=data, password=password)
    signed = services.report_file_bytes(report)
    assert signed.startswith(original)  # an incremental update: the issued bytes are untouched
    assert report.status == ReportStatus.SIGNED

    result = pdf_verify(signed, trust_roots_pem=[p12_pem])
    [check] = result.signatures
    assert check.intact and check.valid and check.trusted and check.covers_whole_file
    assert "Nguyễn Văn Thử" in check.signer and check.signed_at is not None

    untrusted = pdf_verify(signed, trust_roots_pem=[]).signatures[0]
    assert untrusted.intact and untrusted.valid and not untrusted.trusted

    position = len(original) // 2  # a byte inside the signed range, in the report's own content
    tampered = signed[:position] + bytes([signed[position] ^ 0x01]) + signed[position + 1 :]
    [broken] = pdf_verify(tampered, trust_roots_pem=[p12_pem]).signatures
    assert not broken.ok and not broken.intact

    # The visible stamp is set in the embedded, renamed Liberation Serif copy (Vietnamese intact).
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    assert "ScorecardStampSerif" in fonts
    stamp_text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "Ký bởi" in stamp_text and "Nguyễn Văn Thử" in stamp_text


def test_body_certificate_password_is_stored_encrypted(issue, p12, p12_pem, lap_vo, settings):
    data, password = p12
    certificate = signatures.certificate_save(unit=lap_vo, body_kind=BodyKind.COMMITTEE, pkcs12=data, password=password)
    stored = bytes(SigningCertificate.objects.get(pk=certificate.pk).password_encrypted)
    assert password.encode() not in stored and password_decrypt(stored) == password
    assert "Nguyễn Văn Thử" in certificate.subject
    report = signatures.report_sign(report=issue())
    assert pdf_verify(services.report_file_bytes(report), trust_roots_pem=[p12_pem]).signatures[0].ok


def test_wrong_password_is_refused_in_vietnamese(p12, lap_vo):
    from reports.signing import SigningError

    with pytest.raises(SigningError, match="sai mật khẩu"):
        signatures.certificate_save(unit=lap_vo, body_kind=BodyKind.COMMITTEE, pkcs12=p12[0], password="sai")


def test_a_draft_cannot_be_signed(january, lap_vo, qd766, p12):
    report = services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")
    with pytest.raises(services.ReportError):
        signatures.report_sign(report=report, pkcs12=p12[0], password=p12[1])
