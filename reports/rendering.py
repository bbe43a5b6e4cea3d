"""Making a report's PDF: the render queue (request, claim, lease, resend) and the issue that takes a number.

Rendering runs in a Celery task (`reports.tasks`) claimed with a conditional update, so two workers never render
one report twice. The claim is a lease (`render_claimed_until`, the task's time limit): a render whose worker was
killed can be started again from the report page, by a starting worker or by the nightly job. Issuing renders the
final document first and takes the body's next number in the same transaction that stores it, so a number is
never shown without its PDF and a failed render consumes none.
"""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from notifications.services import report_issued_notify
from reports.audit import report_issued_record, report_rendered_record
from reports.constants import RenderState, ReportStatus
from reports.errors import ReportError
from reports.models import Report
from reports.pdf import report_pdf
from units.models import AdministrativeUnit

logger = logging.getLogger(__name__)


def pdf_store(report: Report, content: bytes, *, signed: bool = False) -> None:
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


def _rendered_store(report: Report, rendered: Any, started: float) -> None:
    """Put a fresh render on the report in memory (file saved, fields set); the caller saves the row."""
    pdf_store(report, rendered.content)
    report.signature_box = rendered.signature_box
    report.render_seconds = Decimal(str(round(time.perf_counter() - started, 2)))
    report.render_state = RenderState.DONE
    report.render_claimed_until = None
    report.progress, report.progress_note = 100, f"Đã tạo {rendered.pages} trang"


RENDER_FIELDS = [
    "pdf",
    "sha256",
    "signature_box",
    "render_seconds",
    "render_state",
    "render_claimed_until",
    "progress",
    "progress_note",
    "updated_at",
]


def report_render(*, report: Report, progress=None, by: Any = None) -> Report:
    """Render and store the PDF. A draft is re-rendered each time; an issued report only once, ever."""
    if report.status != ReportStatus.DRAFT and report.sha256:
        return report  # issued: the stored file is the document
    before = report.sha256
    started = time.perf_counter()
    rendered = report_pdf(report, progress=progress)
    _rendered_store(report, rendered, started)
    report.save(update_fields=RENDER_FIELDS)
    report_rendered_record(report=report, by=by, before=before, pages=rendered.pages)
    return report


BUSY = (RenderState.QUEUED, RenderState.RUNNING)


def render_lease() -> Any:
    return timezone.now() + timedelta(seconds=settings.REPORT_RENDER_TIME_LIMIT)


def _abandoned() -> Q:
    """Renders that were queued or started and whose lease has expired: their task or worker was lost."""
    return Q(render_state__in=BUSY) & (
        Q(render_claimed_until__isnull=True) | Q(render_claimed_until__lt=timezone.now())
    )


def report_render_busy(report: Report) -> bool:
    """Whether a render is queued or running within its time limit (the page then polls its progress)."""
    if report.render_state not in BUSY:
        return False
    return report.render_claimed_until is not None and report.render_claimed_until >= timezone.now()


def report_render_restartable(report: Report) -> bool:
    """A render that failed or was abandoned, or an issued report without its PDF: the page offers to start it again."""
    if report_render_busy(report):
        return False
    stalled = report.render_state in BUSY or report.render_state == RenderState.FAILED
    return stalled or (report.status != ReportStatus.DRAFT and not report.sha256)


def _render_failed(report_id: int, note: str) -> None:
    """Record a render that will not happen; an issue in progress is undone, so no number is consumed."""
    Report.objects.filter(pk=report_id).update(
        render_state=RenderState.FAILED, render_claimed_until=None, issue_on=None, progress_note=note[:200]
    )


def render_send(report_id: int) -> None:
    """Hand the render to a worker (after commit). A broker that cannot take it is reported on the page, never
    as an error page: rendering holds hundreds of megabytes, so it does not fall back into the web process."""
    from reports.tasks import report_generate

    if report_generate.app.conf.task_always_eager:
        try:
            report_generate_claim_and_run(report_id=report_id)
        except Exception:
            logger.exception("Rendering report %s failed", report_id)
        return
    try:
        report_generate.apply_async((report_id,))
    except Exception:
        logger.warning("Broker unreachable: report %s not rendered", report_id, exc_info=True)
        _render_failed(report_id, BROKER_DOWN)


BROKER_DOWN = "Máy chủ tạo tệp PDF đang không phản hồi nên chưa tạo được tệp (báo cáo chưa ban hành); hãy thử lại sau."


def report_generate_request(*, report: Report) -> bool:
    """Queue the PDF generation after commit; False when one is already queued or running (within its limit)."""
    queued = (
        Report.objects.filter(pk=report.pk)
        .exclude(Q(render_state__in=BUSY) & ~_abandoned())
        .update(
            render_state=RenderState.QUEUED,
            render_claimed_until=render_lease(),
            progress=5,
            progress_note="Đang chờ máy chủ tạo tệp",
        )
    )
    if queued:
        report_id = report.pk
        transaction.on_commit(lambda: render_send(report_id))
    return bool(queued)


def report_generate_resend() -> int:
    """Queue again every abandoned render, and every issued report still without its PDF (nightly, worker start)."""
    stuck = Report.objects.filter(
        _abandoned() | Q(sha256="", status=ReportStatus.ISSUED, render_state=RenderState.FAILED)
    )
    count = 0
    for report in stuck.only("pk"):
        count += report_generate_request(report=report)
    return count


def report_generate_claim_and_run(*, report_id: int) -> bool:
    """The task's body: claim the queued (or abandoned) render and run it; False if nothing to claim.

    A report being issued gets its number in the same step as its stored PDF (see `_issue_complete`).
    """
    claimed = Report.objects.filter(Q(render_state=RenderState.QUEUED) | _abandoned(), pk=report_id).update(
        render_state=RenderState.RUNNING,
        render_claimed_until=render_lease(),
        progress=10,
        progress_note="Đang đọc số liệu",
    )
    if not claimed:
        return False
    report = Report.objects.select_related("issuing_unit", "scheme", "period").get(pk=report_id)
    try:
        if report.status == ReportStatus.DRAFT and report.issue_on:
            _issue_complete(report=report, progress=_progress_writer(report_id))
        else:
            report_render(report=report, progress=_progress_writer(report_id))
    except BaseException as exc:  # also a time limit: the page says so and offers to start again
        _render_failed(report_id, f"Lỗi khi tạo tệp: {exc}" if str(exc) else "Tạo tệp bị gián đoạn; hãy tạo lại.")
        raise
    return True


def report_render_lease_left(*, report_id: int) -> float | None:
    """Seconds until a live render's lease expires, or None when no live render holds the report."""
    until = (
        Report.objects.filter(pk=report_id, render_state=RenderState.RUNNING)
        .values_list("render_claimed_until", flat=True)
        .first()
    )
    if until is None or until <= timezone.now():
        return None
    return (until - timezone.now()).total_seconds()


def _next_number(report: Report, year: int) -> int:
    last = Report.objects.filter(
        issuing_unit_id=report.issuing_unit_id, body_kind=report.body_kind, year=year
    ).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def _issue_complete(*, report: Report, progress=None) -> Report:
    """Render the issued document with the next number, then take the number and store the PDF in one transaction.

    The number is consumed only together with its file: if rendering fails, nothing is issued. Should another
    report of the body take the number meanwhile, the document is rendered again with the following one.
    """
    day = report.issue_on
    for _attempt in range(3):
        started = time.perf_counter()
        report.number = _next_number(report, day.year)
        report.date, report.year, report.status = day, day.year, ReportStatus.ISSUED
        report.issued_at = timezone.now()
        rendered = report_pdf(report, progress=progress)
        try:
            with transaction.atomic():
                current = Report.objects.select_for_update().get(pk=report.pk)
                if current.status != ReportStatus.DRAFT or current.issue_on != day:
                    raise ReportError("Báo cáo đã thay đổi trong khi tạo tệp; hãy ban hành lại.")
                # Serialise numbering per body: lock the issuing unit's row while checking max + 1.
                list(AdministrativeUnit.objects.select_for_update().filter(pk=report.issuing_unit_id).values_list("pk"))
                if _next_number(report, day.year) != report.number:
                    continue  # another report of the body took it: render again with the next one
                _rendered_store(report, rendered, started)
                report.issue_on = None
                report.save()
                report_issued_record(report=report, by=report.issued_by)  # who asked for it, in the worker's step
                report_rendered_record(report=report, by=None, before="", pages=rendered.pages)
                report_issued_notify(report=report)  # told once the number and its file exist
            return report
        except IntegrityError:
            continue  # another issue took the number between our read and write (SQLite has no row locks)
    raise ReportError("Không cấp được số văn bản; hãy thử lại.")
