"""Which reports a user sees and may change, built on accounts.selectors (the one place that scopes units)."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, QuerySet
from django.utils import timezone

from accounts.selectors import acting_units_for_user, memberships_for_user, unit_scope_for_user
from indicators.models import Scorecard
from reports.models import Report
from units.models import AdministrativeUnit


def report_list_for_user(*, user: Any) -> QuerySet[Report]:
    """Reports of the units the user may see (their units and everything below)."""
    return Report.objects.filter(issuing_unit__in=unit_scope_for_user(user=user)).select_related(
        "issuing_unit", "scheme", "period"
    )


def report_units_for_user(*, user: Any) -> QuerySet[AdministrativeUnit]:
    """Units the user may issue reports for: the units accounts says they act for."""
    return acting_units_for_user(user=user)


def can_manage_report(*, user: Any, report: Report) -> bool:
    """Edit, issue and sign: administrators, staff of the body or above it, a commune's own officer."""
    return report_units_for_user(user=user).filter(pk=report.issuing_unit_id).exists()


def report_next_number(*, report: Report) -> int:
    """The number issuing would give now: the body's last number this year plus one (shown before confirming)."""
    year = (report.date or timezone.localdate()).year
    last = Report.objects.filter(
        issuing_unit_id=report.issuing_unit_id, body_kind=report.body_kind, year=year
    ).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def report_create_defaults(*, user: Any, units: QuerySet[AdministrativeUnit]) -> dict[str, Any]:
    """The new-report form opens on the user's own body, the scheme its units were last scored under and the
    latest period with scorecards there, so most reports are one click."""
    own = [m.unit for m in memberships_for_user(user=user) if m.unit_id]
    unit = min(own, key=lambda u: u.level, default=None) or units.order_by("level", "code").first()
    if unit is None:
        return {}
    latest = (
        Scorecard.objects.filter(unit__path__startswith=unit.path)
        .exclude(entries__isnull=True)
        .order_by("-period__end", "-period__start")
        .values("scheme_id", "period_id")
        .first()
    )
    defaults: dict[str, Any] = {"unit": unit.pk}
    if latest:
        defaults |= {"scheme": latest["scheme_id"], "period": latest["period_id"]}
    return defaults
