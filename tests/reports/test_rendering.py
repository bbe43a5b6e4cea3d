"""reports/rendering.py: a number is consumed only with its stored PDF; abandoned renders are started again."""

from __future__ import annotations

import time
from datetime import date, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from reports import pdf, rendering, services
from reports.constants import ReportStatus
from reports.models import Report
from tests.brokers import DEAD_BROKER, broker


@pytest.fixture
def draft(january, lap_vo, qd766) -> Report:
    return services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")


def _issue(report: Report, capture, on: date = date(2024, 2, 5)) -> Report:
    with capture(execute=True):
        services.report_issue(report=report, on=on, confirm_incomplete=True)
    report.refresh_from_db()
    return report


@pytest.mark.django_db
def test_a_render_that_fails_while_issuing_consumes_no_number(draft, django_capture_on_commit_callbacks):
    with mock.patch("reports.rendering.report_pdf", side_effect=MemoryError("hết bộ nhớ")):
        failed = _issue(draft, django_capture_on_commit_callbacks)
    assert failed.status == ReportStatus.DRAFT and failed.number is None and failed.issue_on is None
    assert failed.render_state == "failed" and "hết bộ nhớ" in failed.progress_note
    again = _issue(failed, django_capture_on_commit_callbacks)  # the same report, once rendering works
    assert again.status == ReportStatus.ISSUED and again.number == 1 and again.sha256
    assert again.date == date(2024, 2, 5) and again.issue_on is None


@pytest.mark.django_db
def test_a_number_taken_during_the_render_is_not_reused(
    draft, january, lap_vo, qd766, django_capture_on_commit_callbacks
):
    """Another report of the body is issued while this one renders: this one is rendered again with number 2."""
    other = services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")
    original = pdf.report_pdf
    numbers: list[int | None] = []

    def render_and_race(report, progress=None):
        numbers.append(report.number)
        if len(numbers) == 1:
            Report.objects.filter(pk=other.pk).update(status="issued", number=1, year=2024, sha256="x")
        return original(report, progress=progress)

    with mock.patch("reports.rendering.report_pdf", side_effect=render_and_race):
        issued = _issue(draft, django_capture_on_commit_callbacks)
    assert numbers == [1, 2] and issued.number == 2 and issued.number_text == "02/BC-UBND"


@pytest.mark.django_db
def test_a_report_being_issued_cannot_be_edited(draft):
    with mock.patch("reports.services.transaction.on_commit"):
        services.report_issue(report=draft, confirm_incomplete=True)
    draft.refresh_from_db()
    assert draft.issue_on and draft.number is None
    with pytest.raises(services.ReportError, match="đang được ban hành"):
        services.report_update(report=draft, fields={"subject": "khác"}, sections={})


@pytest.mark.django_db(transaction=True)
def test_issuing_with_a_dead_broker_is_undone_quickly(draft):
    started = time.monotonic()
    with broker(DEAD_BROKER), pytest.raises(services.ReportError, match="không phản hồi"):
        services.report_issue(report=draft, confirm_incomplete=True)
    assert time.monotonic() - started < 10
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT and draft.number is None and draft.issue_on is None
    assert not rendering.report_render_busy(draft) and rendering.report_render_restartable(draft)


@pytest.mark.django_db
def test_the_nightly_job_restarts_abandoned_renders_only(
    draft, january, lap_vo, qd766, django_capture_on_commit_callbacks
):
    live = services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")
    soon = timezone.now() + timedelta(minutes=5)
    Report.objects.filter(pk=live.pk).update(render_state="running", progress=35, render_claimed_until=soon)
    Report.objects.filter(pk=draft.pk).update(
        render_state="running", progress=35, render_claimed_until=timezone.now() - timedelta(seconds=1)
    )
    assert rendering.report_render_lease_left(report_id=live.pk) > 0
    assert rendering.report_render_lease_left(report_id=draft.pk) is None
    with django_capture_on_commit_callbacks(execute=True):
        assert rendering.report_generate_resend() == 1
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.render_state == "done" and draft.sha256
    assert live.render_state == "running" and live.progress == 35
