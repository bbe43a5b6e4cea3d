"""Which reports a user sees and may change, built on accounts.selectors (the one place that scopes units)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.selectors import acting_units_for_user, unit_scope_for_user
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
