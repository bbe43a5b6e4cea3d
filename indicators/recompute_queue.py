"""Asking for a recompute and running it once: submissions, approvals and imports call `recompute_request`.

Many requests for the same scheme and period collapse into one run: a request marks the queue row pending and
sends a task only when the row was not pending already (or its task has not been picked up for a while, so it may
be lost); the task claims the row with a conditional update, so two workers never run the same request, and a
request arriving during a run queues exactly one more run.

Nothing is lost when a worker or the broker fails: a claim is a lease (`claimed_until`, the task's time limit),
so a run killed mid-way is claimable again once it expires; a task that finds a live lease comes back when it
expires; a broker that cannot take the task makes the caller run it in-process; and `recompute --pending`, a
starting worker and the nightly job send or run every pending or stale request.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from indicators.models import Period, RecomputeRequest, Scheme, Scorecard
from indicators.services import scorecards_recompute

logger = logging.getLogger(__name__)


def _unfinished() -> Q:
    """Requests that still need a run: pending, or claimed by a run whose lease has expired (it died)."""
    return Q(pending=True) | Q(claimed_until__lt=timezone.now())


def recompute_request(*, scheme: Scheme, period: Period, resend: bool = False) -> bool:
    """Queue a recompute after the current transaction commits; returns whether a task is sent.

    A trigger while the request is pending sends the task again when the last one went out more than
    RECOMPUTE_RESEND_AFTER seconds ago and was not claimed (lost with a broker, or a full queue: a duplicate
    finds nothing to claim); `resend` always sends (the nightly safety net).
    """
    RecomputeRequest.objects.get_or_create(scheme=scheme, period=period)
    now = timezone.now()
    due = Q(pending=False) | Q(requested_at__isnull=True)
    due |= Q(requested_at__lt=now - timedelta(seconds=settings.RECOMPUTE_RESEND_AFTER))
    if resend:
        due = Q()
    send = RecomputeRequest.objects.filter(due, scheme=scheme, period=period).update(pending=True, requested_at=now)
    if send:
        scheme_id, period_id = scheme.pk, period.pk
        transaction.on_commit(lambda: recompute_send(scheme_id=scheme_id, period_id=period_id))
    return bool(send)


def recompute_send(*, scheme_id: int, period_id: int) -> None:
    """Hand the run to a worker; when the broker cannot take it, run it here rather than leave it waiting.

    Called after the user's action has committed, so nothing raised here may turn it into an error page: a failed
    run stays pending (with its error) for the next trigger, `recompute --pending` or the nightly job.
    """
    from indicators.tasks import recompute_period

    if not recompute_period.app.conf.task_always_eager:
        try:
            recompute_period.apply_async((scheme_id, period_id))
            return
        except Exception:
            logger.warning("Broker unreachable: recomputing scheme %s period %s in-process", scheme_id, period_id)
    try:
        recompute_claim_and_run(scheme_id=scheme_id, period_id=period_id)
    except Exception:
        logger.exception("In-process recompute of scheme %s period %s failed; it stays pending", scheme_id, period_id)


def recompute_claim_and_run(*, scheme_id: int, period_id: int) -> int:
    """Claim the pending (or abandoned) request with a conditional update and run it; 0 when nothing to claim."""
    now = timezone.now()
    lease = now + timedelta(seconds=settings.RECOMPUTE_TIME_LIMIT)
    claimed = RecomputeRequest.objects.filter(_unfinished(), scheme_id=scheme_id, period_id=period_id).update(
        pending=False, started_at=now, claimed_until=lease
    )
    if not claimed:
        return 0
    request = RecomputeRequest.objects.select_related("scheme", "period").get(scheme_id=scheme_id, period_id=period_id)
    mine = RecomputeRequest.objects.filter(pk=request.pk, claimed_until=lease)
    try:
        count = scorecards_recompute(scheme=request.scheme, period=request.period)
    except BaseException as exc:  # also a soft time limit: the request goes back, nothing half-written stays
        RecomputeRequest.objects.filter(pk=request.pk).update(pending=True, last_error=str(exc)[:2000])
        mine.update(claimed_until=None)
        logger.exception("Recompute of %s failed", request)
        raise
    # finished_at is written by scorecards_recompute itself, which the command line also calls.
    RecomputeRequest.objects.filter(pk=request.pk).update(runs=F("runs") + 1, last_error="")
    mine.update(claimed_until=None)  # a later claim (ours had expired) keeps its own lease
    return count


def recompute_lease_left(*, scheme_id: int, period_id: int) -> float | None:
    """Seconds until a live run's lease expires, when one holds the request; None when no run holds it."""
    until: datetime | None = (
        RecomputeRequest.objects.filter(scheme_id=scheme_id, period_id=period_id, pending=False)
        .values_list("claimed_until", flat=True)
        .first()
    )
    if until is None or until <= timezone.now():
        return None
    return (until - timezone.now()).total_seconds()


def recompute_unfinished() -> list[tuple[int, int]]:
    """(scheme id, period id) of every pending or abandoned request, oldest first."""
    return list(
        RecomputeRequest.objects.filter(_unfinished())
        .order_by(F("requested_at").asc(nulls_first=True), "pk")
        .values_list("scheme_id", "period_id")
    )


def recompute_resend_unfinished() -> int:
    """Send a task for every pending or abandoned request (a worker starting, the nightly job)."""
    pairs = recompute_unfinished()
    for scheme_id, period_id in pairs:
        recompute_send(scheme_id=scheme_id, period_id=period_id)
    return len(pairs)


def recompute_run_unfinished() -> list[tuple[RecomputeRequest, int]]:
    """Run every pending or abandoned request here, one by one (`recompute --pending`, no broker needed)."""
    done = []
    for scheme_id, period_id in recompute_unfinished():
        count = recompute_claim_and_run(scheme_id=scheme_id, period_id=period_id)
        request = RecomputeRequest.objects.select_related("scheme", "period").get(
            scheme_id=scheme_id, period_id=period_id
        )
        done.append((request, count))
    return done


def recompute_request_all() -> int:
    """Queue every scheme and period that has scorecards, sending a task even for pending ones (the safety net)."""
    pairs = set(Scorecard.objects.values_list("scheme_id", "period_id").distinct())
    schemes = Scheme.objects.in_bulk({s for s, _ in pairs})
    periods = Period.objects.in_bulk({p for _, p in pairs})
    return sum(recompute_request(scheme=schemes[s], period=periods[p], resend=True) for s, p in sorted(pairs))
