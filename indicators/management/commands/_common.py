"""Argument helpers shared by the scorecard commands: scheme, period and parent unit lookups."""

from __future__ import annotations

from django.core.management.base import CommandError

from indicators.models import Period, Scheme
from indicators.periods import PeriodKeyError, period_parse
from indicators.selectors import scheme_for_period, scheme_get
from indicators.services import period_get_or_create
from units.models import AdministrativeUnit
from units.selectors import UnitAmbiguous, unit_get_by_code_or_name


def scheme_arg(code: str) -> Scheme:
    try:
        return scheme_get(code=code)
    except Scheme.DoesNotExist as exc:
        raise CommandError(str(exc)) from None


def scheme_for_period_arg(period: Period) -> Scheme:
    """The national scheme in force for the period, the default of --scheme."""
    try:
        return scheme_for_period(period=period)
    except Scheme.DoesNotExist as exc:
        raise CommandError(str(exc)) from None


def period_arg(key: str, *, create: bool = True) -> Period:
    try:
        if create:
            return period_get_or_create(key=key)
        return Period.objects.get(key=period_parse(key).key)
    except PeriodKeyError as exc:
        raise CommandError(str(exc)) from None
    except Period.DoesNotExist:
        raise CommandError(f"Chưa có số liệu nào cho kỳ {key}.") from None


def unit_arg(value: str | None, *, period: Period | None = None) -> AdministrativeUnit | None:
    """A parent unit by code or name. "Chợ Mới" names both a huyện and its thị trấn: a parent must have
    children, so when a name is ambiguous the one candidate with units under it is taken. With `period`, the
    code or name is read in the edition in force on its last day (`--parent 24` is the 2025 unit in 2025-12)."""
    if not value:
        return None
    try:
        return unit_get_by_code_or_name(value=value, on=period.end if period is not None else None)
    except UnitAmbiguous as exc:
        parents = [u for u in exc.candidates if u.children.exists()]
        if len(parents) == 1:
            return parents[0]
        raise CommandError(str(exc)) from None
    except (AdministrativeUnit.DoesNotExist, ValueError) as exc:
        raise CommandError(str(exc)) from None
