"""Which of our units a portal row is: its stored portal id first, then its name among the province's communes
(the edition in force), its provincial bodies, or the provinces; bodies the app does not know yet are created."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.portal.constants import KIND_BODY, KIND_COMMUNE
from indicators.portal.models import PortalUnit
from indicators.portal.parsing import PortalRow
from units.constants import Edition, UnitKind
from units.matching import UnitMatcher, normalize
from units.models import AdministrativeUnit
from units.sources import Y2025_VALID_FROM, province_find

COMMUNE_KINDS = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP, UnitKind.SPECIAL_ZONE)
PROVINCE_KINDS = (UnitKind.PROVINCE, UnitKind.CENTRAL_CITY)


@dataclass
class Resolved:
    """A row's unit (None while a body is still to be created) and how it was found."""

    row: PortalRow
    unit: AdministrativeUnit | None
    how: str  # portal_id, exact, created


def provinces_matcher() -> UnitMatcher:
    """The 2025 provinces (34), where a province's name or the national summary's rows are looked up."""
    return UnitMatcher(AdministrativeUnit.objects.filter(edition=Edition.Y2025, kind__in=PROVINCE_KINDS))


def known_units(portal_ids: list[str]) -> dict[str, AdministrativeUnit]:
    return {p.portal_id: p.unit for p in PortalUnit.objects.filter(portal_id__in=portal_ids).select_related("unit")}


def province_resolve(
    row: PortalRow, known: dict[str, AdministrativeUnit], matcher: UnitMatcher
) -> tuple[AdministrativeUnit | None, str]:
    """The province a row names, or the reason none is sure."""
    if row.portal_id in known:
        return known[row.portal_id], ""
    result = matcher.match(row.name)
    if result.status == "exact" and result.unit is not None:
        return result.unit, ""
    if result.status == "folded" and result.unit is not None:
        return None, f"“{row.written}” chỉ khớp {result.unit.full_name} khi bỏ dấu; hãy kiểm tra tên tỉnh."
    return None, result.message


def children_resolve(
    *, province: AdministrativeUnit, rows: list[PortalRow], file_of: dict[str, str]
) -> tuple[list[Resolved], list[str]]:
    """Each row's unit under `province`, or an error naming the row, its file and the candidates."""
    known = known_units([r.portal_id for r in rows])
    children = list(province.children.filter(edition=Edition.Y2025))
    communes = UnitMatcher([u for u in children if u.kind in COMMUNE_KINDS], scope=province.full_name)
    bodies = {normalize(u.name).casefold(): u for u in children if u.kind == UnitKind.PROVINCIAL_BODY}
    resolved: list[Resolved] = []
    errors: list[str] = []
    for row in rows:
        where = f"“{row.written}” ({row.code}, {file_of.get(row.portal_id, '')})"
        unit = known.get(row.portal_id)
        if unit is not None:
            if unit.parent_id != province.pk:
                errors.append(f"{where}: Cổng ghi đơn vị này thuộc tỉnh khác ({unit.parent}).")
                continue
            resolved.append(Resolved(row, unit, "portal_id"))
            continue
        if row.kind == KIND_BODY:
            body = bodies.get(normalize(row.name).casefold())
            resolved.append(Resolved(row, body, "exact" if body else "created"))
            continue
        if row.kind != KIND_COMMUNE:
            errors.append(f"{where}: không rõ loại đơn vị.")
            continue
        result = communes.match(row.name)
        if result.status == "exact" and result.unit is not None:
            resolved.append(Resolved(row, result.unit, "exact"))
        elif result.status == "folded" and result.unit is not None:
            errors.append(f"{where}: chỉ khớp {result.unit.full_name} khi bỏ dấu; chưa chắc chắn, hãy kiểm tra.")
        else:
            errors.append(f"{where}: {result.message}")
    seen: dict[int, str] = {}
    for item in resolved:
        if item.unit is None:
            continue
        if item.unit.pk in seen and seen[item.unit.pk] != item.row.portal_id:
            errors.append(f"“{item.row.written}” và một đơn vị khác của Cổng cùng khớp {item.unit.full_name}.")
        seen[item.unit.pk] = item.row.portal_id
    return resolved, errors


def body_create(*, province: AdministrativeUnit, row: PortalRow) -> AdministrativeUnit:
    """A provincial body named as the portal names it, under its province, coded with the portal's code."""
    return AdministrativeUnit.objects.create(
        code=row.code or row.portal_id[:16],
        name=row.name,
        kind=UnitKind.PROVINCIAL_BODY,
        parent=province,
        edition=Edition.Y2025,
        valid_from=province.valid_from,
    )


def portal_units_remember(*, pairs: list[tuple[AdministrativeUnit, PortalRow]]) -> None:
    """Keep the portal's id, code and name on each unit, so the next import matches it directly."""
    existing = {p.portal_id: p for p in PortalUnit.objects.filter(portal_id__in=[row.portal_id for _u, row in pairs])}
    to_create, to_update = [], []
    for unit, row in pairs:
        wanted = {"unit_id": unit.pk, "portal_code": row.code[:40], "portal_name": row.written[:300]}
        known = existing.get(row.portal_id)
        if known is None:
            to_create.append(PortalUnit(portal_id=row.portal_id, **wanted))
        elif any(getattr(known, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(known, name, value)
            to_update.append(known)
    PortalUnit.objects.bulk_create(to_create, batch_size=500)
    PortalUnit.objects.bulk_update(to_update, ["unit", "portal_code", "portal_name"], batch_size=500)


def province_create(*, row: PortalRow) -> AdministrativeUnit | None:
    """A 2025 province from the official list (the province only, not its communes), for the national summary."""
    try:
        source = province_find(value=row.name, edition=Edition.Y2025)
    except ValueError:
        return None
    kind = UnitKind.CENTRAL_CITY if source.full_name.startswith("Thành phố") else UnitKind.PROVINCE
    name = source.full_name.removeprefix("Thành phố ").removeprefix("Tỉnh ")
    unit, _ = AdministrativeUnit.objects.get_or_create(
        edition=Edition.Y2025, code=source.code, defaults={"name": name, "kind": kind, "valid_from": Y2025_VALID_FROM}
    )
    return unit
