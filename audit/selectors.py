"""Reading the change log; callers scope scorecards through `accounts.selectors` first."""

from __future__ import annotations

from django.db.models import QuerySet

from audit.models import AuditEvent


def audit_list_for_scorecard(*, scorecard) -> QuerySet[AuditEvent]:
    """A scorecard's history, newest first."""
    return AuditEvent.objects.filter(scorecard=scorecard).select_related("user").order_by("-created_at", "-pk")
