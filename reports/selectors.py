"""Which reports a user sees and may change, built on accounts.selectors (the one place that scopes units)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.constants import REVIEW_ROLES, Role
from accounts.selectors import is_administrator, memberships_for_user, unit_scope_for_user
from reports.models import Report
from units.models import AdministrativeUnit


def report_list_for_user(*, user: Any) -> QuerySet[Report]:
    """Reports of the units the user may see (their units and everything below)."""
    return Report.objects.filter(issuing_unit__in=unit_scope_for_user(user=user)).select_related(
        "issuing_unit", "scheme", "period"
    )


def report_units_for_user(*, user: Any) -> QuerySet[AdministrativeUnit]:
    """Units the user may issue reports for: staff for their unit and below, an officer for their own commune."""
    if is_administrator(user=user):
        return AdministrativeUnit.objects.filter(level__lte=3).exclude(kind="bo_phan")
    memberships = memberships_for_user(user=user)
    staff = [m.unit.path for m in memberships if m.role in REVIEW_ROLES and m.unit_id]
    own = [m.unit_id for m in memberships if m.role == Role.COMMUNE_OFFICER and m.unit_id]
    units = AdministrativeUnit.objects.filter(pk__in=own)
    for path in staff:
        units = units | AdministrativeUnit.objects.filter(path__startswith=path).exclude(kind="bo_phan")
    return units.distinct()


def can_manage_report(*, user: Any, report: Report) -> bool:
    """Edit, issue and sign: administrators, staff of the body or above it, a commune's own officer."""
    return report_units_for_user(user=user).filter(pk=report.issuing_unit_id).exists()
