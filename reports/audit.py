"""Change-log events of reports: issuing (the number), rendering the PDF and signing it.

One small function so every report write (and the signing right that the security work adds) records itself the
same way: the issuing unit and period, the report's id and number in `details`, the values before and after.
"""

from __future__ import annotations

from typing import Any

from audit.constants import EventKind
from audit.models import AuditEvent
from audit.services import audit_record

SYSTEM_ACTOR = "hệ thống"  # a render in the worker has no logged-in user behind it


def report_audit_record(
    *,
    report: Any,
    by: Any,
    field: str,
    target: str,
    before: str = "",
    after: str = "",
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record one change of a report ("number": "Dự thảo" → "01/BC-UBND"; "pdf": old → new SHA-256; ...)."""
    return audit_record(
        kind=EventKind.REPORT,
        user=by,
        unit=report.issuing_unit,
        period=report.period,
        field=field,
        target=f"{target} – {report.get_kind_display()} {report.number_text.strip()}"[:300],
        before=before,
        after=after,
        reason=reason,
        details={"report": report.pk, "number": report.number, "year": report.year, **(details or {})},
        username="" if getattr(by, "is_authenticated", False) else SYSTEM_ACTOR,
    )


def issue_basis_check(*, report: Any, by: Any, confirmed: bool) -> tuple[str, str]:
    """(note, refusal): no note when every scorecard behind the report is approved; else the note kept on the issued
    report when `confirmed`, or the refusal asking for that explicit confirmation (a number on provisional data is a
    decision someone takes, and the record says who)."""
    completeness = report.frozen_data.get("completeness")
    if completeness and completeness.get("all_approved"):
        return "", ""
    sentence = completeness["sentence"] if completeness else "Báo cáo không ghi số phiếu điểm đã duyệt."
    if not confirmed:
        return "", (
            f"Số liệu của báo cáo chưa được duyệt hết. {sentence} Muốn ban hành, hãy đánh dấu xác nhận ban hành "
            "trên số liệu chưa duyệt hết; điều này được ghi vào báo cáo."
        )
    who = by.get_username() if getattr(by, "is_authenticated", False) else "dòng lệnh"
    return f"Ban hành khi số liệu chưa được duyệt hết, có xác nhận của {who}. {sentence}", ""


def report_issued_record(*, report: Any, by: Any) -> AuditEvent:
    """The number given: draft → "01/BC-UBND ngày 05/02/2024", with the note on unapproved data as the reason."""
    return report_audit_record(
        report=report,
        by=by,
        field="number",
        target="Ban hành, cấp số",
        before="Dự thảo",
        after=f"{report.number_text} ngày {report.date:%d/%m/%Y}",
        reason=report.issue_note,
        details={"completeness": report.frozen_data.get("completeness"), "date": report.date.isoformat()},
    )


def report_rendered_record(*, report: Any, by: Any, before: str, pages: int) -> AuditEvent:
    """A PDF stored: the previous file's SHA-256 → the new one's."""
    return report_audit_record(
        report=report,
        by=by,
        field="pdf",
        target="Tạo tệp PDF",
        before=before,
        after=report.sha256,
        details={"pages": pages, "draft": report.number is None},
    )


def report_signed_record(*, report: Any, by: Any, certificate: Any = None) -> AuditEvent:
    """The signature added: the issued file's SHA-256 → the signed file's, with the certificate used."""
    return report_audit_record(
        report=report,
        by=by,
        field="signature",
        target="Ký số",
        before=report.sha256,
        after=report.signed_sha256,
        details={"certificate": certificate.subject if certificate else "tệp PKCS#12", "signer": report.signer_name},
    )
