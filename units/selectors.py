"""Reads over the unit hierarchy: children, subtrees, ancestors and lookups by code or name.

Subtrees and ancestors use the materialised `path`, so each is one indexed query whatever the depth.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from units.constants import EDITION_SHORT, EDITION_VALIDITY
from units.matching import UnitMatcher, normalize, strip_prefixes
from units.models import AdministrativeUnit

# How many same-coded or same-named units an error message lists.
MAX_LISTED = 10


class UnitNotFound(AdministrativeUnit.DoesNotExist):
    """No unit answers to the value; `candidates` are the closest units, for the error message."""

    def __init__(self, message: str, candidates: Iterable[AdministrativeUnit] = ()) -> None:
        super().__init__(message)
        self.candidates = tuple(candidates)


class UnitAmbiguous(AdministrativeUnit.MultipleObjectsReturned):
    """Several units answer to the value; `candidates` lists them so the user can add a code or kind."""

    def __init__(self, message: str, candidates: Iterable[AdministrativeUnit] = ()) -> None:
        super().__init__(message)
        self.candidates = tuple(candidates)


def unit_children(*, unit: AdministrativeUnit, kinds: Iterable[str] | None = None) -> QuerySet[AdministrativeUnit]:
    """Direct children of `unit`, optionally only some kinds (e.g. communes without departments)."""
    children = AdministrativeUnit.objects.filter(parent=unit)
    if kinds is not None:
        children = children.filter(kind__in=list(kinds))
    return children


def unit_descendants(*, unit: AdministrativeUnit, include_self: bool = False) -> QuerySet[AdministrativeUnit]:
    """The whole subtree under `unit` (districts, communes, departments), with parents joined for display."""
    subtree = AdministrativeUnit.objects.filter(path__startswith=unit.path).select_related("parent")
    if not include_self:
        subtree = subtree.exclude(pk=unit.pk)
    return subtree


def unit_ancestors(*, unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """Units above `unit`, province first, read from its path so there is no walk up the parents."""
    ancestor_ids = [int(part) for part in unit.path.strip("/").split("/") if part][:-1]
    return AdministrativeUnit.objects.filter(pk__in=ancestor_ids).order_by(Length("path"))


def unit_valid_on_q(*, day: date, prefix: str = "") -> Q:
    """Units that exist on `day`: their own valid_from / valid_to, else their edition's dates.

    `prefix` ("unit__") filters related querysets (scorecards) the same way, so there is one definition.
    """
    late = [edition for edition, (start, _end) in EDITION_VALIDITY.items() if start is not None and start > day]
    ended = [edition for edition, (_start, end) in EDITION_VALIDITY.items() if end is not None and end < day]
    starts = Q(**{f"{prefix}valid_from__lte": day}) | (
        Q(**{f"{prefix}valid_from__isnull": True}) & ~Q(**{f"{prefix}edition__in": late})
    )
    ends = Q(**{f"{prefix}valid_to__gte": day}) | (
        Q(**{f"{prefix}valid_to__isnull": True}) & ~Q(**{f"{prefix}edition__in": ended})
    )
    return starts & ends


def unit_validity_problem(*, unit: AdministrativeUnit, start: date, end: date, label: str = "") -> str | None:
    """Why `unit` has no scorecard for a period from `start` to `end` (None when it may have one).

    A period belongs to the units that exist on its last day, the day its data are cut off: a legacy commune
    has June 2025 but not July, a 2025 commune has the week of 30/6–6/7/2025 and the year 2025.
    """
    if unit.is_valid_on(end):
        return None
    return _(
        "%(unit)s (mã %(code)s, %(edition)s) có hiệu lực %(validity)s, nên không có phiếu điểm cho %(period)s "
        "(%(start)s–%(end)s)."
    ) % {
        "unit": unit.full_name,
        "code": unit.code,
        "edition": EDITION_SHORT.get(unit.edition, unit.edition),
        "validity": unit.validity_label,
        "period": label or _("kỳ này"),
        "start": start.strftime("%d/%m/%Y"),
        "end": end.strftime("%d/%m/%Y"),
    }


def unit_get_by_code_or_name(
    *,
    value: str,
    edition: str | None = None,
    parent: AdministrativeUnit | None = None,
    on: date | None = None,
) -> AdministrativeUnit:
    """The one unit named by an official code ("875") or a name ("Lấp Vò", "Huyện Lấp Vò", "lap vo").

    Raises UnitNotFound or UnitAmbiguous (subclasses of DoesNotExist / MultipleObjectsReturned) whose
    Vietnamese message lists the candidates, because a code is only unique within an edition and a name
    only within a parent. With `on` (a period's last day) only units existing that day answer, so "24" is
    the 2025 commune for a December 2025 week even when the legacy edition, where "24" is another unit, is
    loaded too; a unit that matches only outside its validity is named in the message with its dates.
    """
    if on is not None:
        try:
            return _unit_lookup(value=value, edition=edition, parent=parent, valid=unit_valid_on_q(day=on))
        except UnitNotFound as exc:
            try:
                outside = [_unit_lookup(value=value, edition=edition, parent=parent)]
            except UnitAmbiguous as ambiguous:
                outside = list(ambiguous.candidates)
            except UnitNotFound:
                raise exc from None
            listed = "; ".join(
                _("%(unit)s (mã %(code)s, %(edition)s) có hiệu lực %(validity)s")
                % {
                    "unit": unit.full_name,
                    "code": unit.code,
                    "edition": EDITION_SHORT.get(unit.edition, unit.edition),
                    "validity": unit.validity_label,
                }
                for unit in outside
            )
            message = _("Không có đơn vị “%(value)s” tồn tại ngày %(day)s: %(listed)s.") % {
                "value": value,
                "day": on.strftime("%d/%m/%Y"),
                "listed": listed,
            }
            raise UnitNotFound(message, outside) from None
    return _unit_lookup(value=value, edition=edition, parent=parent)


def _unit_lookup(
    *, value: str, edition: str | None, parent: AdministrativeUnit | None, valid: Q | None = None
) -> AdministrativeUnit:
    written = normalize(value)
    scope = AdministrativeUnit.objects.select_related("parent")
    if valid is not None:
        scope = scope.filter(valid)
    if edition is not None:
        scope = scope.filter(edition=edition)
    if parent is not None:
        scope = scope.filter(parent=parent)

    if written.isdigit():
        by_code = list(scope.filter(code=written)[:MAX_LISTED])
        if len(by_code) == 1:
            return by_code[0]
        if by_code:
            raise UnitAmbiguous(_ambiguous_message(written, by_code), by_code)

    # Fast path: the name as stored, which is what most callers pass; the kind, if written, must agree.
    name = strip_prefixes(written)
    wanted = written.casefold()
    stored = [
        unit
        for unit in (scope.filter(name=name)[:MAX_LISTED] if name else [])
        if wanted in (unit.name.casefold(), unit.full_name.casefold())
    ]
    if len(stored) == 1:
        return stored[0]

    # Otherwise match in Python (case, diacritics, kind); the scope is at most one edition (~10,000 rows).
    matcher = UnitMatcher(scope, scope=parent.full_name if parent else "")
    result = matcher.match(written)
    if result.unit is not None:
        return result.unit
    if result.status == "ambiguous":
        raise UnitAmbiguous(_ambiguous_message(written, result.candidates), result.candidates)
    raise UnitNotFound(_missing_message(written, result.candidates, parent), result.candidates)


def _describe(unit: AdministrativeUnit) -> str:
    """Full name with code and parent ("Thị trấn Lấp Vò (mã 30169, Huyện Lấp Vò)") to tell namesakes apart."""
    details = [_("mã %(code)s") % {"code": unit.code}]
    if unit.parent_id is not None:
        details.append(unit.parent.full_name)
    return f"{unit.full_name} ({', '.join(details)})"


def _ambiguous_message(value: str, candidates: Iterable[AdministrativeUnit]) -> str:
    listed = "; ".join(_describe(unit) for unit in candidates)
    return _("“%(value)s” khớp với nhiều đơn vị: %(listed)s. Hãy ghi mã hoặc tên đầy đủ kèm cấp trên.") % {
        "value": value,
        "listed": listed,
    }


def _missing_message(value: str, candidates: Iterable[AdministrativeUnit], parent: AdministrativeUnit | None) -> str:
    if parent is not None:
        message = _("Không tìm thấy đơn vị “%(value)s” trong %(parent)s.") % {
            "value": value,
            "parent": parent.full_name,
        }
    else:
        message = _("Không tìm thấy đơn vị “%(value)s”.") % {"value": value}
    listed = "; ".join(_describe(unit) for unit in candidates)
    if listed:
        message += " " + _("Có thể là: %(listed)s.") % {"listed": listed}
    return message
