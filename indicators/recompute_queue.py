"""Asking for a recompute and running it once: submissions, approvals and imports call `recompute_request`.

Many requests for the same scheme and period collapse into one run: a request marks the queue row pending and
sends a task only when the row was not pending already; the task claims the row with a conditional update, so
two workers never run the same request, and a request arriving during a run queues exactly one more run.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from indicators.models import Period, RecomputeRequest, Scheme, Scorecard
from indicators.services import scorecards_recompute

logger = logging.getLogger(__name__)


def recompute_request(*, scheme: Scheme, period: Period) -> bool:
    """Queue a recompute after the current transaction commits; returns whether a task was sent."""
    from indicators.tasks import recompute_period

    RecomputeRequest.objects.get_or_create(scheme=scheme, period=period)
    newly_pending = RecomputeRequest.objects.filter(scheme=scheme, period=period, pending=False).update(
        pending=True, requested_at=timezone.now()
    )
    if newly_pending:
        transaction.on_commit(lambda: recompute_period.delay(scheme.pk, period.pk))
    return bool(newly_pending)


def recompute_claim_and_run(*, scheme_id: int, period_id: int) -> int:
    """Claim the pending request (conditional update) and run it; 0 when there was nothing to claim."""
    claimed = RecomputeRequest.objects.filter(scheme_id=scheme_id, period_id=period_id, pending=True).update(
        pending=False, started_at=timezone.now()
    )
    if not claimed:
        return 0
    request = RecomputeRequest.objects.select_related("scheme", "period").get(scheme_id=scheme_id, period_id=period_id)
    try:
        count = scorecards_recompute(scheme=request.scheme, period=request.period)
    except Exception as exc:
        # Put the request back so the retry (or the next trigger) runs it; nothing half-written stays behind.
        RecomputeRequest.objects.filter(pk=request.pk).update(pending=True, last_error=str(exc)[:2000])
        logger.exception("Recompute of %s failed", request)
        raise
    # finished_at is written by scorecards_recompute itself, which the command line also calls.
    RecomputeRequest.objects.filter(pk=request.pk).update(runs=request.runs + 1, last_error="")
    return count


def recompute_request_all() -> int:
    """Queue every scheme and period that has scorecards (the nightly safety net)."""
    pairs = set(Scorecard.objects.values_list("scheme_id", "period_id").distinct())
    schemes = Scheme.objects.in_bulk({s for s, _ in pairs})
    periods = Period.objects.in_bulk({p for _, p in pairs})
    return sum(recompute_request(scheme=schemes[s], period=periods[p]) for s, p in sorted(pairs))
