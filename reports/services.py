"""Writes for reports: drafting, editing, rendering, issuing (number and frozen data); signing is reports.signatures.

A draft's data snapshot and text can be refreshed and edited; issuing gives the next number of the body for the
year, fixes the date and the snapshot, and the PDF rendered then is stored with its SHA-256 and never rendered
again, so an issued report downloads as the same bytes every time. Rendering runs in a Celery task
(`reports.tasks`), claimed with a conditional update so two workers never render one report twice.
"""

from __future__ import annotations

import hashlib
import time
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.selectors import issue_block_reason
from indicators.formatting import number_vi
from indicators.models import Period, Scheme
from reports.constants import (
    SECTION_MAX_CHARS,
    SECTION_MAX_LINES,
    Authority,
    BodyKind,
    RenderState,
    ReportKind,
    ReportStatus,
)
from reports.data import KIND_WORD, report_data_build, siblings_label
from reports.kinds import KINDS
from reports.models import Report
from reports.narrative import lower_first
from units.constants import Level
from units.models import AdministrativeUnit


class ReportError(Exception):
    """Something the user asked that the report's state does not allow, said in Vietnamese."""


HEADER_FIELDS = (
    "parent_body_name",
    "issuing_body_name",
    "symbol",
    "place",
    "date",
    "subject",
    "legal_basis",
    "recipients",
    "signer_authority",
    "signer_authority_body",
    "signer_title",
    "signer_name",
)


def body_phrase(unit: AdministrativeUnit, body_kind: str) -> str:
    """How the body names itself in the text: "Ủy ban nhân dân huyện Lấp Vò", "Văn phòng HĐND và UBND huyện Chợ Mới"."""
    name = lower_first(unit.full_name)
    return f"Văn phòng HĐND và UBND {name}" if body_kind == BodyKind.OFFICE else f"Ủy ban nhân dân {name}"


def _default_recipients(unit: AdministrativeUnit, body_kind: str) -> list[str]:
    """Nơi nhận per level of body; a body's own earlier report overrides these (see report_draft)."""
    parent = KIND_WORD[unit.parent.kind] if unit.parent_id else "cấp trên"
    own = KIND_WORD[unit.kind]
    children = siblings_label(unit.children.exclude(kind="bo_phan").first()) if unit.children.exists() else ""
    keep = "Lưu: VT" if body_kind == BodyKind.COMMITTEE else "Lưu: VT, VP"
    if unit.level == Level.COMMUNE:
        return ["Như trên", f"Thường trực Đảng ủy, HĐND {own}", f"Chủ tịch, Phó Chủ tịch UBND {own}", keep]
    return [
        f"UBND {parent} (b/c)",
        f"Văn phòng UBND {parent} (b/c)",
        f"Thường trực {own.capitalize()} ủy, HĐND {own} (b/c)",
        f"Chủ tịch, các Phó Chủ tịch UBND {own}",
        f"Các cơ quan, đơn vị, UBND các {children}".strip(),
        keep,
    ]


def report_defaults(*, unit: AdministrativeUnit, body_kind: str, kind: str, scheme: Scheme) -> dict[str, Any]:
    """Header fields for a new report: the body's names, place, symbol, recipients and signer."""
    letter = KINDS[kind].letter
    if body_kind == BodyKind.OFFICE:
        fields = {
            "parent_body_name": f"ỦY BAN NHÂN DÂN\n{unit.full_name.upper()}",
            "issuing_body_name": "VĂN PHÒNG HĐND VÀ UBND",
            "symbol": "VP" if letter else "BC-VP",
            "signer_authority": "",
            "signer_authority_body": "",
            "signer_title": "CHÁNH VĂN PHÒNG",
        }
    else:
        fields = {
            "parent_body_name": "",
            "issuing_body_name": f"ỦY BAN NHÂN DÂN\n{unit.full_name.upper()}",
            "symbol": "UBND-VP" if letter else "BC-UBND",
            "signer_authority": Authority.ON_BEHALF,
            "signer_authority_body": "ỦY BAN NHÂN DÂN",
            "signer_title": "CHỦ TỊCH",
        }
    fields["place"] = unit.name
    fields["recipients"] = "\n".join(_default_recipients(unit, body_kind))
    fields["legal_basis"] = "" if letter or not scheme.legal_basis else f"Thực hiện {scheme.legal_basis}."
    return fields


def report_draft(
    *,
    issuing_unit: AdministrativeUnit,
    scheme: Scheme,
    period: Period,
    kind: str,
    body_kind: str = BodyKind.COMMITTEE,
    by: Any = None,
) -> Report:
    """A new draft with its header, data snapshot and drafted text; reuses the body's last recipients and signer."""
    spec = KINDS[kind]
    if period.kind not in spec.period_kinds:
        raise ReportError(f"Loại báo cáo “{ReportKind(kind).label}” không dùng cho kỳ {period.label}.")
    fields = report_defaults(unit=issuing_unit, body_kind=body_kind, kind=kind, scheme=scheme)
    earlier = (
        Report.objects.filter(issuing_unit=issuing_unit, body_kind=body_kind, kind=kind)
        .exclude(status=ReportStatus.DRAFT)
        .order_by("-issued_at")
        .first()
    )
    if earlier is not None:  # a body's recipients and signer rarely change between reports
        for name in ("recipients", "legal_basis", "signer_authority", "signer_authority_body", "signer_title"):
            fields[name] = getattr(earlier, name)
        fields["signer_name"] = earlier.signer_name
    data = report_data_build(unit=issuing_unit, scheme=scheme, period=period)
    return Report.objects.create(
        issuing_unit=issuing_unit,
        body_kind=body_kind,
        scheme=scheme,
        period=period,
        kind=kind,
        year=timezone.localdate().year,
        subject=spec.subject(data),
        frozen_data=data,
        sections=spec.draft(data, body=body_phrase(issuing_unit, body_kind)),
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **fields,
    )


def _require_draft(report: Report) -> None:
    if report.status != ReportStatus.DRAFT:
        raise ReportError("Báo cáo đã ban hành: số liệu và nội dung đã cố định, không sửa được.")


def report_redraft(*, report: Report) -> Report:
    """Refresh a draft's data from the scorecards and draft its text again (edits to the text are replaced)."""
    _require_draft(report)
    spec = KINDS[report.kind]
    report.frozen_data = report_data_build(unit=report.issuing_unit, scheme=report.scheme, period=report.period)
    report.sections = spec.draft(report.frozen_data, body=body_phrase(report.issuing_unit, report.body_kind))
    report.subject = spec.subject(report.frozen_data)
    report.save()
    return report


def report_update(*, report: Report, fields: dict[str, Any], sections: dict[str, str]) -> Report:
    """Save the user's edits of a draft's header and text (bounded: reports.constants, checked by the form too)."""
    _require_draft(report)
    for key, text in sections.items():
        if len(text or "") > SECTION_MAX_CHARS or (text or "").count("\n") >= SECTION_MAX_LINES:
            limit = number_vi(SECTION_MAX_CHARS)
            raise ReportError(f"Phần “{key}” quá dài (tối đa {limit} ký tự, {SECTION_MAX_LINES} dòng).")
    for name, value in fields.items():
        if name in HEADER_FIELDS:
            setattr(report, name, value)
    report.sections = {**report.sections, **{k: v for k, v in sections.items() if k in report.sections}}
    report.save()
    return report


def _store_pdf(report: Report, content: bytes, *, signed: bool = False) -> None:
    digest = hashlib.sha256(content).hexdigest()
    name = f"bao-cao-{report.pk}-{digest[:12]}{'-da-ky' if signed else ''}.pdf"
    if signed:
        report.signed_pdf.save(name, ContentFile(content), save=False)
        report.signed_sha256 = digest
    else:
        if report.pdf:
            report.pdf.delete(save=False)
        report.pdf.save(name, ContentFile(content), save=False)
        report.sha256 = digest


def _progress_writer(report_id: int):
    def write(percent: int, note: str) -> None:
        Report.objects.filter(pk=report_id).update(progress=percent, progress_note=note)

    return write


def report_render(*, report: Report, progress=None) -> Report:
    """Render and store the PDF. A draft is re-rendered each time; an issued report only once, ever."""
    from reports.pdf import report_pdf

    if report.status != ReportStatus.DRAFT and report.sha256:
        return report  # issued: the stored file is the document
    started = time.perf_counter()
    rendered = report_pdf(report, progress=progress)
    _store_pdf(report, rendered.content)
    report.signature_box = rendered.signature_box
    report.render_seconds = Decimal(str(round(time.perf_counter() - started, 2)))
    report.render_state = RenderState.DONE
    report.progress, report.progress_note = 100, f"Đã tạo {rendered.pages} trang"
    report.save(
        update_fields=[
            "pdf",
            "sha256",
            "signature_box",
            "render_seconds",
            "render_state",
            "progress",
            "progress_note",
            "updated_at",
        ]
    )
    return report


def report_generate_request(*, report: Report) -> bool:
    """Queue the PDF generation after commit; False when one is already queued or running."""
    from reports.tasks import report_generate

    queued = (
        Report.objects.filter(pk=report.pk)
        .exclude(render_state__in=[RenderState.QUEUED, RenderState.RUNNING])
        .update(render_state=RenderState.QUEUED, progress=5, progress_note="Đang chờ máy chủ tạo tệp")
    )
    if queued:
        transaction.on_commit(lambda: report_generate.delay(report.pk))
    return bool(queued)


def report_generate_claim_and_run(*, report_id: int) -> bool:
    """The task's body: claim the queued report (queued → running) and render it; False if nothing to claim."""
    claimed = Report.objects.filter(pk=report_id, render_state=RenderState.QUEUED).update(
        render_state=RenderState.RUNNING, progress=10, progress_note="Đang đọc số liệu"
    )
    if not claimed:
        return False
    report = Report.objects.select_related("issuing_unit", "scheme", "period").get(pk=report_id)
    try:
        report_render(report=report, progress=_progress_writer(report_id))
    except Exception as exc:
        Report.objects.filter(pk=report_id).update(
            render_state=RenderState.FAILED, progress_note=f"Lỗi khi tạo tệp: {exc}"[:200]
        )
        raise
    return True


def _require_right(reason: str | None) -> None:
    if reason:
        raise ReportError(reason)


def _acting(by: Any) -> Any:
    """The user recorded as having acted, or None for the command line."""
    return by if getattr(by, "is_authenticated", False) else None


def report_issue(*, report: Report, on: date | None = None, by: Any = None) -> Report:
    """Give the next number of the body for the year, fix the date and the data, then queue the final PDF.

    `by` must be the body's own staff or signer (accounts.selectors.may_issue_for); None is the command line.
    """
    if by is not None:
        _require_right(issue_block_reason(user=by, unit=report.issuing_unit))
    for _attempt in range(3):
        try:
            with transaction.atomic():
                report = Report.objects.select_for_update().get(pk=report.pk)
                _require_draft(report)
                # Serialise numbering per body: lock the issuing unit's row while taking max + 1.
                list(AdministrativeUnit.objects.select_for_update().filter(pk=report.issuing_unit_id).values_list("pk"))
                report.date = on or report.date or timezone.localdate()
                report.year = report.date.year
                last = Report.objects.filter(
                    issuing_unit_id=report.issuing_unit_id, body_kind=report.body_kind, year=report.year
                ).aggregate(last=Max("number"))["last"]
                report.number = (last or 0) + 1
                report.status = ReportStatus.ISSUED
                report.issued_at = timezone.now()
                report.issued_by = _acting(by)
                report.sha256 = ""  # the draft preview is not the document; the issued PDF is rendered next
                report.save()
                report_generate_request(report=report)
            return Report.objects.get(pk=report.pk)
        except IntegrityError:
            continue  # another issue took the number between our read and write (SQLite has no row locks)
    raise ReportError("Không cấp được số văn bản; hãy thử lại.")


def report_file_bytes(report: Report) -> bytes:
    """The stored file, checked against its SHA-256 so a changed file is never handed out as the document."""
    field, digest = (report.signed_pdf, report.signed_sha256) if report.signed_pdf else (report.pdf, report.sha256)
    if not field:
        raise ReportError("Báo cáo chưa có tệp PDF.")
    with field.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != digest:
        raise ReportError("Tệp PDF đã lưu không khớp mã SHA-256 của nó; không tải về được.")
    return content
