"""The one place that scopes what a user may see and act on: units, scorecards, who enters and who reviews.

Views, forms, exports and the API never filter by unit themselves; they start from these selectors, so an
officer asking for another commune's scorecard gets a 404 because the row is not in their queryset at all.
A membership reaches its unit's whole subtree (materialised `path`); an administrator reaches everything.
What a scorecard's status allows (edit, submit, approve, reopen) is the workflow's rule: `indicators.entry.rules`.
"""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.constants import REVIEW_ROLES, Role
from accounts.models import Membership
from indicators.models import Period, Scheme, Scorecard
from units.constants import Level, UnitKind
from units.models import AdministrativeUnit

_CACHE = "_accounts_memberships"


def memberships_for_user(*, user: Any) -> list[Membership]:
    """The user's memberships with their units, read once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("unit"))
        setattr(user, _CACHE, cached)
    return cached


def is_administrator(*, user: Any) -> bool:
    """Superusers and holders of the administrator role see and may do everything."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return bool(user.is_superuser) or any(m.role == Role.ADMINISTRATOR for m in memberships_for_user(user=user))


def _scope_paths(user: Any) -> list[str]:
    return [m.unit.path for m in memberships_for_user(user=user) if m.unit_id is not None]


def _path_q(paths: list[str], field: str) -> Q:
    return reduce(or_, (Q(**{f"{field}__startswith": p}) for p in paths))


def unit_scope_for_user(*, user: Any) -> QuerySet[AdministrativeUnit]:
    """Units the user may see: the units of their memberships and everything below them."""
    if is_administrator(user=user):
        return AdministrativeUnit.objects.all()
    if not getattr(user, "is_active", False):
        return AdministrativeUnit.objects.none()
    paths = _scope_paths(user)
    if not paths:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.filter(_path_q(paths, "path"))


def scorecard_list_for_user(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[Scorecard]:
    """Scorecards of the units the user may see; `filters` narrows by scheme, period, unit (its subtree),
    period kind or status (a model instance or a code/key for scheme and period)."""
    filters = filters or {}
    queryset = Scorecard.objects.all()
    if not is_administrator(user=user):
        paths = _scope_paths(user) if getattr(user, "is_active", False) else []
        if not paths:
            return Scorecard.objects.none()
        queryset = queryset.filter(_path_q(paths, "unit__path"))
    scheme = filters.get("scheme")
    if isinstance(scheme, Scheme):
        queryset = queryset.filter(scheme=scheme)
    elif scheme:
        queryset = queryset.filter(scheme__code=scheme)
    period = filters.get("period")
    if isinstance(period, Period):
        queryset = queryset.filter(period=period)
    elif period:
        queryset = queryset.filter(period__key=period)
    if filters.get("unit") is not None:
        queryset = queryset.filter(unit__path__startswith=filters["unit"].path)
    if filters.get("kind"):
        queryset = queryset.filter(period__kind=filters["kind"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    return queryset


def entry_units_for_user(*, user: Any) -> QuerySet[AdministrativeUnit]:
    """Units whose scorecards the user enters: an officer's own unit; staff's own unit and its departments."""
    if is_administrator(user=user):
        return AdministrativeUnit.objects.all()
    memberships = memberships_for_user(user=user)
    officer_ids = [m.unit_id for m in memberships if m.role == Role.COMMUNE_OFFICER]
    staff_ids = [m.unit_id for m in memberships if m.role in REVIEW_ROLES]
    if not officer_ids and not staff_ids:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.filter(
        Q(pk__in=officer_ids + staff_ids) | Q(parent_id__in=staff_ids, kind=UnitKind.DEPARTMENT)
    )


def review_units_for_user(*, user: Any) -> QuerySet[AdministrativeUnit]:
    """Units whose children's scorecards the user reviews (a district for its staff, a province for its staff)."""
    if is_administrator(user=user):
        return AdministrativeUnit.objects.filter(parent__isnull=True)
    ids = [m.unit_id for m in memberships_for_user(user=user) if m.role in REVIEW_ROLES]
    return AdministrativeUnit.objects.filter(pk__in=ids)


def _is_entrant(user: Any, unit: AdministrativeUnit) -> bool:
    for m in memberships_for_user(user=user):
        if m.unit_id is None:
            continue
        if m.role == Role.COMMUNE_OFFICER and m.unit_id == unit.pk:
            return True
        if m.role in REVIEW_ROLES and (
            m.unit_id == unit.pk or (unit.parent_id == m.unit_id and unit.kind == UnitKind.DEPARTMENT)
        ):
            return True
    return False


def _reviewer_memberships(user: Any, unit: AdministrativeUnit) -> list[Membership]:
    """Staff memberships on a unit strictly above `unit`: those review it."""
    return [
        m
        for m in memberships_for_user(user=user)
        if m.role in REVIEW_ROLES and m.unit_id != unit.pk and unit.path.startswith(m.unit.path)
    ]


def may_enter_for(*, user: Any, unit: AdministrativeUnit) -> bool:
    """Whether the user ever enters this unit's scores (whatever the scorecard's state)."""
    return is_administrator(user=user) or _is_entrant(user, unit)


def can_view_scorecard(*, user: Any, scorecard: Scorecard) -> bool:
    if is_administrator(user=user):
        return True
    return any(scorecard.unit.path.startswith(p) for p in _scope_paths(user))


def can_review_scorecard(*, user: Any, scorecard: Scorecard) -> bool:
    """Staff of a unit above the scorecard's unit (never the unit itself) approve and return it."""
    return is_administrator(user=user) or bool(_reviewer_memberships(user, scorecard.unit))


def has_reopen_right(*, user: Any, scorecard: Scorecard) -> bool:
    """Reviewers flagged `may_reopen`, and administrators."""
    return is_administrator(user=user) or any(m.may_reopen for m in _reviewer_memberships(user, scorecard.unit))


def import_parents_for_user(*, user: Any) -> QuerySet[AdministrativeUnit]:
    """Units whose children's score tables the user may import: units the user reviews (staff of a district or
    province, administrators) and the provinces' and districts' units under them, never a commune."""
    paths = list(review_units_for_user(user=user).values_list("path", flat=True))
    if not paths:
        return AdministrativeUnit.objects.none()
    return (
        AdministrativeUnit.objects.filter(_path_q(paths, "path"))
        .exclude(kind=UnitKind.DEPARTMENT)
        .filter(level__lt=Level.COMMUNE)
    )


def acting_units_for_user(*, user: Any) -> QuerySet[AdministrativeUnit]:
    """Units the user may act for as a body (issue its reports): staff for their unit and every unit below it,
    an officer for their own commune, an administrator for any; never a department."""
    if is_administrator(user=user):
        return AdministrativeUnit.objects.filter(level__lte=Level.COMMUNE).exclude(kind=UnitKind.DEPARTMENT)
    memberships = memberships_for_user(user=user)
    staff = [m.unit.path for m in memberships if m.role in REVIEW_ROLES and m.unit_id]
    own = [m.unit_id for m in memberships if m.role == Role.COMMUNE_OFFICER and m.unit_id]
    below = Q(path__startswith=staff[0]) if staff else Q(pk__in=[])
    for path in staff[1:]:
        below |= Q(path__startswith=path)
    return AdministrativeUnit.objects.filter(Q(pk__in=own) | (below & ~Q(kind=UnitKind.DEPARTMENT)))


# --- issuing and signing official documents ---------------------------------------------------------------------
# A body's number series and its certificate belong to the body: only memberships of that very unit count, never a
# membership above it (district staff do not issue a commune's letter) and never an officer who only enters data.


def _own_memberships(user: Any, unit: AdministrativeUnit) -> list[Membership]:
    if not getattr(user, "is_active", False):
        return []
    return [m for m in memberships_for_user(user=user) if m.unit_id == unit.pk]


def may_sign_for(*, user: Any, unit: AdministrativeUnit) -> bool:
    """The user holds the signing right ("người ký") in this very unit; an administrator grants it, even to
    themselves, because the signature stands for the Chairman's."""
    return any(m.may_sign for m in _own_memberships(user, unit))


def may_issue_for(*, user: Any, unit: AdministrativeUnit) -> bool:
    """Giving a document the body's next number: the body's own staff or signers, and administrators."""
    if is_administrator(user=user):
        return True
    return any(m.may_sign or m.role in REVIEW_ROLES for m in _own_memberships(user, unit))


def issue_block_reason(*, user: Any, unit: AdministrativeUnit) -> str | None:
    """Why the user may not issue a document of this unit, in words they can act on; None when they may."""
    if may_issue_for(user=user, unit=unit):
        return None
    return _("Chỉ chuyên viên hoặc người ký của chính %(unit)s được ban hành (cấp số) văn bản của đơn vị này.") % {
        "unit": unit.full_name
    }


def sign_block_reason(*, user: Any, unit: AdministrativeUnit) -> str | None:
    """Why the user may not sign for this unit; None when they may."""
    if may_sign_for(user=user, unit=unit):
        return None
    return _(
        "Bạn không có quyền người ký của %(unit)s; quản trị viên cấp quyền này cho người được ký thay cơ quan."
    ) % {"unit": unit.full_name}
