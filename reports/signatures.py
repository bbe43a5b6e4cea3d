"""Writes for signing: a body's certificates, and signing an issued report in the name of the body.

Signing is an act of its own: only a holder of the body's signing right ("người ký", accounts.selectors) signs,
after confirming with their password, and the report keeps who signed, when and with which certificate.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.selectors import sign_block_reason
from reports import signing
from reports.audit import report_signed_record
from reports.constants import ReportStatus
from reports.models import Report, SigningCertificate
from reports.services import ReportError, _acting, _require_right, body_phrase, pdf_store, report_file_bytes
from units.models import AdministrativeUnit


def certificate_for(report: Report) -> SigningCertificate | None:
    return (
        SigningCertificate.objects.filter(issuing_unit=report.issuing_unit, body_kind=report.body_kind, active=True)
        .order_by("-created_at")
        .first()
    )


def certificate_save(
    *,
    unit: AdministrativeUnit,
    body_kind: str,
    pkcs12: bytes,
    password: str,
    label: str = "",
    timestamp_url: str = "",
    instance: SigningCertificate | None = None,
) -> SigningCertificate:
    """Store a body's PKCS#12 after checking the password opens it; the password is kept encrypted only."""
    info = signing.pkcs12_inspect(pkcs12, password)
    certificate = instance or SigningCertificate(issuing_unit=unit, body_kind=body_kind)
    certificate.issuing_unit, certificate.body_kind = unit, body_kind
    certificate.pkcs12 = pkcs12
    certificate.password_encrypted = signing.password_encrypt(password)
    certificate.subject, certificate.not_after = info.subject, info.not_after
    certificate.label = label or certificate.label
    certificate.timestamp_url = timestamp_url or certificate.timestamp_url
    certificate.save()
    return certificate


def _read(field) -> bytes | None:
    if not field:
        return None
    with field.open("rb") as handle:
        return handle.read()


def report_sign(
    *,
    report: Report,
    pkcs12: bytes | None = None,
    password: str | None = None,
    certificate: SigningCertificate | None = None,
    by: Any = None,
) -> Report:
    """Sign the issued PDF (PAdES, incremental update) with the body's certificate or a given PKCS#12.

    `by` must hold the signing right of the body (accounts.selectors.may_sign_for) and has confirmed with their
    password (reports.forms.SignConfirmForm); None is the command line. Who, when and which certificate are kept
    on the report and in the change log.
    """
    if by is not None:
        _require_right(sign_block_reason(user=by, unit=report.issuing_unit))
    if report.status == ReportStatus.DRAFT:
        raise ReportError("Chỉ ký số báo cáo đã ban hành.")
    if report.status == ReportStatus.SIGNED:
        raise ReportError("Báo cáo đã được ký số.")
    if not report.sha256:
        raise ReportError("Tệp PDF của báo cáo chưa tạo xong; hãy chờ rồi ký.")
    images: dict[str, bytes | None] = {"signature_image": None, "seal_image": None}
    timestamp_url = ""
    pkcs12_given = pkcs12
    if pkcs12 is None:
        certificate = certificate or certificate_for(report)
        if certificate is None:
            raise ReportError("Cơ quan chưa có chứng thư ký số; quản trị viên cần cấu hình trước.")
        pkcs12, password = bytes(certificate.pkcs12), signing.password_decrypt(certificate.password_encrypted)
        images = {"signature_image": _read(certificate.signature_image), "seal_image": _read(certificate.seal_image)}
        timestamp_url = certificate.timestamp_url
    signed = signing.pdf_sign(
        report_file_bytes(report),
        pkcs12=pkcs12,
        password=password or "",
        signer_name=report.signer_name,
        body_name=body_phrase(report.issuing_unit, report.body_kind),
        place=report.place,
        box=report.signature_box,
        timestamp_url=timestamp_url,
        **images,
    )
    pdf_store(report, signed, signed=True)
    report.status = ReportStatus.SIGNED
    report.signed_at = timezone.now()
    report.signed_by = _acting(by)
    report.signing_certificate = certificate if pkcs12_given is None else None
    report.signing_certificate_subject = signing.pkcs12_subject(pkcs12, password or "")
    with transaction.atomic():
        report.save(
            update_fields=[
                "signed_pdf",
                "signed_sha256",
                "status",
                "signed_at",
                "signed_by",
                "signing_certificate",
                "signing_certificate_subject",
                "updated_at",
            ]
        )
        report_signed_record(report=report, by=report.signed_by, certificate=certificate)
    return report


def certificates_reencrypt(*, model: Any = SigningCertificate) -> tuple[int, list[str]]:
    """Re-encrypt every certificate password under the current first FIELD_ENCRYPTION_KEY: run after setting or
    rotating the key (and by migration 0003). Returns how many were re-encrypted and the ones no key could read."""
    done, unreadable = 0, []
    for certificate in model.objects.all():
        try:
            token = signing.password_reencrypt(certificate.password_encrypted)
        except signing.SigningError:
            unreadable.append(str(certificate))
            continue
        model.objects.filter(pk=certificate.pk).update(password_encrypted=token)
        done += 1
    return done, unreadable
