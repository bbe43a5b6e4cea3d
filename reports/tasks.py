"""Celery tasks: thin wrappers over the render queue (rendering holds memory: keep it in the worker)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from reports import rendering


@shared_task(
    bind=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=10,
    time_limit=settings.REPORT_RENDER_TIME_LIMIT,
    soft_time_limit=max(settings.REPORT_RENDER_TIME_LIMIT - 30, settings.REPORT_RENDER_TIME_LIMIT * 9 // 10),
)
def report_generate(self, report_id: int) -> bool:
    """Render the queued report's PDF, writing progress the report page polls.

    When a live render holds the report, come back when its lease expires: if that render was killed, this
    task is the one that finishes the job.
    """
    if rendering.report_generate_claim_and_run(report_id=report_id):
        return True
    left = rendering.report_render_lease_left(report_id=report_id)
    if left is not None:
        raise self.retry(countdown=left + 1)
    return False


@shared_task
def report_generate_resend() -> int:
    """Nightly: queue again every render that was abandoned and every issued report without its PDF."""
    return rendering.report_generate_resend()
