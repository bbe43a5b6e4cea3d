"""Recording changes. Every writer calls `audit_record` inside its own transaction, so a change that is
rolled back leaves no event behind, and a change that is kept always has one."""

from __future__ import annotations

from typing import Any

from audit.models import AuditEvent


def audit_event_build(
    *,
    kind: str,
    user: Any = None,
    scorecard: Any = None,
    unit: Any = None,
    period: Any = None,
    field: str = "",
    target: str = "",
    before: str = "",
    after: str = "",
    reason: str = "",
    details: dict[str, Any] | None = None,
    username: str = "",
) -> AuditEvent:
    """An unsaved event; the unit and period default to the scorecard's. `username` names an actor who is not a
    logged-in user (the OS user of a command line), so no change is ever recorded without someone behind it."""
    if scorecard is not None:
        unit = unit if unit is not None else scorecard.unit
        period = period if period is not None else scorecard.period
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    return AuditEvent(
        kind=kind,
        user=user if authenticated else None,
        username=user.get_username() if authenticated else username[:150],
        scorecard=scorecard,
        unit=unit,
        period=period,
        field=field[:40],
        target=target[:300],
        before=before,
        after=after,
        reason=reason,
        details=details or {},
    )


def audit_record(**kwargs: Any) -> AuditEvent:
    """Record one change (see `audit_event_build` for the arguments); `user` None means the command line."""
    event = audit_event_build(**kwargs)
    event.save()
    return event


def audit_record_many(*, events: list[AuditEvent]) -> list[AuditEvent]:
    """Record several changes made together (one save of a scorecard) in one query."""
    return AuditEvent.objects.bulk_create(events)
