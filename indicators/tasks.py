"""Celery tasks: thin wrappers over the recompute queue, and the nightly safety net."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from indicators import recompute_queue


@shared_task(
    bind=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=20,
    time_limit=settings.RECOMPUTE_TIME_LIMIT,
    soft_time_limit=max(settings.RECOMPUTE_TIME_LIMIT - 30, settings.RECOMPUTE_TIME_LIMIT * 9 // 10),
)
def recompute_period(self, scheme_id: int, period_id: int) -> int:
    """Run the pending recompute of one scheme and period.

    When another run holds the request, this task comes back when that run's lease expires: if the run was
    killed, nobody else would run the request before the next trigger.
    """
    count = recompute_queue.recompute_claim_and_run(scheme_id=scheme_id, period_id=period_id)
    if not count:
        left = recompute_queue.recompute_lease_left(scheme_id=scheme_id, period_id=period_id)
        if left is not None:
            raise self.retry(countdown=left + 1)
    return count


@shared_task
def recompute_all() -> int:
    """Nightly: queue a recompute of every scheme and period that has scorecards."""
    return recompute_queue.recompute_request_all()


# The portal fetch tasks live in their room; importing them here registers them with the worker.
from indicators.portal import tasks as portal_tasks  # noqa: E402, F401
