"""Celery tasks: a thin wrapper over the report rendering service (rendering holds memory: keep it in the worker)."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from reports import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def report_generate(report_id: int) -> bool:
    """Render the queued report's PDF, writing progress the report page polls."""
    return services.report_generate_claim_and_run(report_id=report_id)
