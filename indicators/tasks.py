"""Celery tasks: thin wrappers over the recompute service, and the nightly full recompute."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from indicators import recompute_queue


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=60, max_retries=5)
def recompute_period(scheme_id: int, period_id: int) -> int:
    """Run the pending recompute of one scheme and period (a no-op if another worker already took it)."""
    return recompute_queue.recompute_claim_and_run(scheme_id=scheme_id, period_id=period_id)


@shared_task
def recompute_all() -> int:
    """Nightly: queue a recompute of every scheme and period that has scorecards."""
    return recompute_queue.recompute_request_all()


# The portal fetch tasks live in their room; importing them here registers them with the worker.
from indicators.portal import tasks as portal_tasks  # noqa: E402, F401
