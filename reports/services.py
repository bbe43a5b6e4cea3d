"""Writes for reports: drafting, editing, rendering, issuing (number and frozen data); signing is reports.signatures.

A draft's data snapshot and text can be refreshed and edited; issuing gives the next number of the body for the
year, fixes the date and the snapshot, and the PDF rendered then is stored with its SHA-256 and never rendered
again, so an issued report downloads as the same bytes every time. Rendering runs in a Celery task
(`reports.tasks`), claimed with a conditional update so two workers never render one report twice; the claim is a
lease, so a render whose worker was killed can be started again (the page, a starting worker, the nightly job).
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.selectors import issue_block_reason
from indicators.formatting import number_vi
from indicators.models import Period, Scheme
from reports.audit import issue_basis_check
from reports.constants import (
    SECTION_MAX_CHARS,
    SECTION_MAX_LINES,
    Authority,
    BodyKind,
    RenderState,
    ReportKind,
    ReportStatus,
)
from reports.data import KIND_WORD, siblings_label
from reports.errors import ReportError
from reports.kinds import KINDS
from reports.models import Report
from reports.narrative import lower_first
from reports.rendering import (  # noqa: F401 - the render queue's entry points, also used as services.*
    pdf_store,
    render_lease,
    render_send,
    report_generate_claim_and_run,
    report_generate_request,
    report_generate_resend,
    report_render,
    report_render_busy,
    report_render_restartable,
)
from units.constants import BODY_KINDS, Level
from units.models import AdministrativeUnit

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
    if body_kind == BodyKind.ONESTOP:
        return f"Bộ phận tiếp nhận và trả kết quả {name}"
    return f"Văn phòng HĐND và UBND {name}" if body_kind == BodyKind.OFFICE else f"Ủy ban nhân dân {name}"


def _default_recipients(unit: AdministrativeUnit, body_kind: str) -> list[str]:
    """Nơi nhận per level of body; a body's own earlier report overrides these (see report_draft)."""
    parent = KIND_WORD[unit.parent.kind] if unit.parent_id else "cấp trên"
    own = KIND_WORD[unit.kind]
    first_child = unit.children.exclude(kind__in=BODY_KINDS).first()
    children = siblings_label(first_child) if first_child else ""
    keep = "Lưu: VT" if body_kind == BodyKind.COMMITTEE else "Lưu: VT, VP"
    if body_kind == BodyKind.ONESTOP:  # seed 004: the office reports to the commune's leaders
        return [f"TT Đảng ủy {own}, HĐND {own}", f"CT, các PCT UBND {own}", "Thành viên BPMC", "Lưu: HS"]
    if unit.level == Level.COMMUNE:
        return ["Như trên", f"Thường trực Đảng ủy, HĐND {own}", f"Chủ tịch, Phó Chủ tịch UBND {own}", keep]
    above = (
        [f"UBND {parent} (b/c)", f"Văn phòng UBND {parent} (b/c)"]
        if unit.parent_id
        else ["Văn phòng Chính phủ (b/c)", "Cục Kiểm soát thủ tục hành chính (b/c)"]  # a province reports upwards
    )
    lines = [
        *above,
        f"Thường trực {own.capitalize()} ủy, HĐND {own} (b/c)",
        f"Chủ tịch, các Phó Chủ tịch UBND {own}",
        "Các sở, ban, ngành tỉnh" if unit.parent_id is None else "",
        f"Các cơ quan, đơn vị, UBND các {children}".strip(),
        keep,
    ]
    return [line for line in lines if line]


def report_defaults(*, unit: AdministrativeUnit, body_kind: str, kind: str, scheme: Scheme) -> dict[str, Any]:
    """Header fields for a new report: the body's names, place, symbol, recipients and signer."""
    letter = KINDS[kind].letter
    if body_kind == BodyKind.ONESTOP:
        fields = {
            "parent_body_name": f"ỦY BAN NHÂN DÂN\n{unit.full_name.upper()}",
            "issuing_body_name": "BỘ PHẬN TIẾP NHẬN\nVÀ TRẢ KẾT QUẢ",
            "symbol": "BC-BPMC",
            "signer_authority": Authority.DEPUTY,
            "signer_authority_body": "TRƯỞNG BỘ PHẬN",
            "signer_title": "PHÓ TRƯỞNG BỘ PHẬN",
        }
    elif body_kind == BodyKind.OFFICE:
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
    cites = not letter and body_kind != BodyKind.ONESTOP and scheme.legal_basis  # seed 004 cites nothing
    fields["legal_basis"] = f"Thực hiện {scheme.legal_basis}." if cites else ""
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
    body_kind = spec.body_kind or body_kind
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
        for name in ("recipients", "signer_authority", "signer_authority_body", "signer_title"):
            fields[name] = getattr(earlier, name)
        if earlier.scheme_id == scheme.pk:  # a QĐ 459 report never inherits a QĐ 766 report's legal basis
            fields["legal_basis"] = earlier.legal_basis
        fields["signer_name"] = earlier.signer_name
    data = spec.data(unit=issuing_unit, scheme=scheme, period=period)
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
    if report.issue_on and report_render_busy(report):  # the document being issued is rendered from this text
        raise ReportError("Báo cáo đang được ban hành: chờ tệp PDF tạo xong rồi mới sửa được.")


def report_redraft(*, report: Report) -> Report:
    """Refresh a draft's data from the scorecards and draft its text again (edits to the text are replaced)."""
    _require_draft(report)
    spec = KINDS[report.kind]
    report.frozen_data = spec.data(unit=report.issuing_unit, scheme=report.scheme, period=report.period)
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


def report_issue(
    *,
    report: Report,
    on: date | None = None,
    by: Any = None,
    in_process: bool = False,
    confirm_incomplete: bool = False,
) -> Report:
    """Ban hành: fix the date, then render the final PDF and take the body's next number for the year together.

    The number appears only with its stored PDF: the render runs in a worker (or here, `in_process`, for the
    command line); if it cannot run or fails, the report stays a draft and no number is consumed. On data not all
    approved it is refused unless `confirm_incomplete`, and the issued report then says so (`issue_note`). `by` must
    be the body's own staff or signer (accounts.selectors.may_issue_for); None is the command line.
    """
    if by is not None:
        _require_right(issue_block_reason(user=by, unit=report.issuing_unit))
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _require_draft(report)
        note, refusal = issue_basis_check(report=report, by=by, confirmed=confirm_incomplete)
        if refusal:
            raise ReportError(refusal)
        Report.objects.filter(pk=report.pk).update(
            issued_by=_acting(by),  # who asked: the number itself is taken by the worker with the stored PDF
            issue_note=note,
            issue_on=on or report.date or timezone.localdate(),
            render_state=RenderState.QUEUED,
            render_claimed_until=render_lease(),
            progress=5,
            progress_note="Đang chờ máy chủ tạo tệp bản ban hành",
        )
        if not in_process:
            report_id = report.pk
            transaction.on_commit(lambda: render_send(report_id))
    if in_process:
        report_generate_claim_and_run(report_id=report.pk)
    report = Report.objects.get(pk=report.pk)
    if report.status == ReportStatus.DRAFT and report.issue_on is None and report.render_state == RenderState.FAILED:
        raise ReportError(report.progress_note)
    return report


def _require_right(reason: str | None) -> None:
    if reason:
        raise ReportError(reason)


def _acting(by: Any) -> Any:
    """The user recorded as having acted, or None for the command line."""
    return by if getattr(by, "is_authenticated", False) else None


def report_file_bytes(report: Report) -> bytes:
    """The stored file, checked against its SHA-256 so a changed file is never handed out as the document."""
    field, digest = (report.signed_pdf, report.signed_sha256) if report.signed_pdf else (report.pdf, report.sha256)
    if not field or not digest:
        raise ReportError(
            "Tệp PDF bản ban hành chưa tạo xong; hãy chờ hoặc bấm “Tạo lại tệp PDF”."
            if report.status != ReportStatus.DRAFT
            else "Báo cáo chưa có tệp PDF."
        )
    with field.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != digest:
        raise ReportError("Tệp PDF đã lưu không khớp mã SHA-256 của nó; không tải về được.")
    return content
