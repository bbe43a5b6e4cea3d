"""Load the official units of one province (read by `units.sources`) into the database, and link merges.

Loading is idempotent: units are keyed by (edition, code), only differences are written, and a second run
reports everything as unchanged. Merge links (`merged_into`, old unit -> new unit) are best effort:
- each legacy province -> the 2025 province it became part of (DICT_PROVINCE);
- each legacy commune -> every 2025 commune it was merged into (DICT_PROVINCE_WARD_NO_DIVIDED) or divided
  between (DICT_PROVINCE_WARD_DIVIDED);
- legacy districts are not linked: the district level was abolished, not merged.
A link is made only when both ends are loaded, whichever edition is loaded first; links are only ever added.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from units.constants import EDITION_SHORT, KIND_LEVEL, Edition, Level
from units.models import AdministrativeUnit
from units.services import unit_paths_rebuild
from units.sources import (
    LEGACY_VALID_TO,
    Y2025_VALID_FROM,
    UnitRecord,
    converter_data,
    dataset_open,
    province_find,
    province_records,
    province_sources,
)

_UPDATED_FIELDS = ("name", "kind", "level", "parent_id", "valid_from", "valid_to")


@dataclass
class MergeResult:
    """Merge links between the legacy units and one 2025 province."""

    new_province: str
    created: int = 0
    existing: int = 0
    legacy_missing: int = 0
    unresolved: int = 0
    provinces_missing: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    """What one `province_load` did, for the command's summary."""

    province: AdministrativeUnit
    edition: str
    by_level: dict[int, int]
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    merges: list[MergeResult] = field(default_factory=list)


def province_load(*, province: str, edition: str) -> LoadResult:
    """Create or update one province's units of one edition, then link merges with the other edition."""
    if edition not in EDITION_SHORT:
        raise ValueError(f"Unknown edition {edition!r}")
    source = province_find(value=province, edition=edition)
    records, notes = province_records(province=source, edition=edition)
    with transaction.atomic():
        units, created, updated, unchanged = _units_upsert(records=records, edition=edition)
        unit_paths_rebuild()
        if edition == Edition.Y2025:
            merges = [merge_links_sync(new_province_key=source.key)]
        else:
            new_keys = [new for new, olds in converter_data()["DICT_PROVINCE"].items() if source.key in olds]
            merges = [merge_links_sync(new_province_key=new_key) for new_key in new_keys]
    province_unit = units[source.code]
    province_unit.refresh_from_db(fields=["path"])
    return LoadResult(
        province=province_unit,
        edition=edition,
        by_level=dict(Counter(KIND_LEVEL[record.kind] for record in records)),
        created=created,
        updated=updated,
        unchanged=unchanged,
        warnings=notes,
        merges=[merge for merge in merges if merge is not None],
    )


def _units_upsert(*, records: list[UnitRecord], edition: str) -> tuple[dict[str, AdministrativeUnit], int, int, int]:
    """Bulk create missing units and bulk update changed ones, tier by tier so parents have keys first."""
    valid_from = Y2025_VALID_FROM if edition == Edition.Y2025 else None
    valid_to = LEGACY_VALID_TO if edition == Edition.LEGACY else None
    existing = {
        unit.code: unit
        for unit in AdministrativeUnit.objects.filter(edition=edition, code__in=[record.code for record in records])
    }
    units: dict[str, AdministrativeUnit] = {}
    created = updated = unchanged = 0
    for level in Level.values:
        to_create: list[AdministrativeUnit] = []
        to_update: list[AdministrativeUnit] = []
        for record in records:
            if KIND_LEVEL[record.kind] != level:
                continue
            wanted = {
                "name": record.name,
                "kind": record.kind,
                "level": KIND_LEVEL[record.kind],
                "parent_id": units[record.parent_code].pk if record.parent_code else None,
                "valid_from": valid_from,
                "valid_to": valid_to,
            }
            unit = existing.get(record.code)
            if unit is None:
                unit = AdministrativeUnit(code=record.code, edition=edition, **wanted)
                to_create.append(unit)
            elif any(getattr(unit, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(unit, name, value)
                to_update.append(unit)
            else:
                unchanged += 1
            units[record.code] = unit
        AdministrativeUnit.objects.bulk_create(to_create, batch_size=500)
        if any(unit.pk is None for unit in to_create):  # databases that cannot return keys from bulk inserts
            keys = dict(
                AdministrativeUnit.objects.filter(edition=edition, code__in=[u.code for u in to_create]).values_list(
                    "code", "pk"
                )
            )
            for unit in to_create:
                unit.pk = keys[unit.code]
        AdministrativeUnit.objects.bulk_update(
            to_update, [name.removesuffix("_id") for name in _UPDATED_FIELDS], batch_size=500
        )
        created += len(to_create)
        updated += len(to_update)
    return units, created, updated, unchanged


def merge_links_sync(*, new_province_key: str) -> MergeResult | None:
    """Add the missing `merged_into` links from loaded legacy units to one loaded 2025 province's units.

    Returns None when that 2025 province is not loaded. Links whose legacy unit is not loaded yet are
    counted in `legacy_missing`; loading that legacy province later creates them.
    """
    converter = converter_data()
    old_province_keys: list[str] = converter["DICT_PROVINCE"].get(new_province_key, [])
    new_source = next(s for s in province_sources(edition=Edition.Y2025) if s.key == new_province_key)
    new_province = AdministrativeUnit.objects.filter(edition=Edition.Y2025, code=new_source.code).first()
    if new_province is None:
        return None

    with dataset_open() as db:
        new_codes = dict(
            db.execute("SELECT wardKey, wardCode FROM admin_units WHERE provinceKey = ?", [new_province_key]).fetchall()
        )
        marks = ", ".join("?" * len(old_province_keys))
        old_rows = db.execute(
            f"SELECT provinceKey, districtKey, wardKey, wardCode FROM admin_units_legacy "
            f"WHERE provinceKey IN ({marks}) AND wardCode IS NOT NULL",
            old_province_keys,
        ).fetchall()
    old_codes = {f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}": r["wardCode"] for r in old_rows}
    old_provinces = {s.key: s for s in province_sources(edition=Edition.LEGACY) if s.key in old_province_keys}

    result = MergeResult(new_province=new_province.full_name)
    pairs: set[tuple[str, str]] = {(old.code, new_source.code) for old in old_provinces.values()}
    for new_ward_key, old_keys in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(new_province_key, {}).items():
        for old_key in old_keys:
            if old_key in old_codes and new_ward_key in new_codes:
                pairs.add((old_codes[old_key], new_codes[new_ward_key]))
            else:
                result.unresolved += 1
    for old_key, targets in converter["DICT_PROVINCE_WARD_DIVIDED"].get(new_province_key, {}).items():
        for target in targets:
            if old_key in old_codes and target["newWardKey"] in new_codes:
                pairs.add((old_codes[old_key], new_codes[target["newWardKey"]]))
            else:
                result.unresolved += 1

    legacy = dict(
        AdministrativeUnit.objects.filter(edition=Edition.LEGACY, code__in={old for old, _new in pairs}).values_list(
            "code", "pk"
        )
    )
    new = dict(
        AdministrativeUnit.objects.filter(edition=Edition.Y2025, code__in={n for _old, n in pairs}).values_list(
            "code", "pk"
        )
    )
    result.provinces_missing = sorted(s.full_name for s in old_provinces.values() if s.code not in legacy)
    wanted: set[tuple[int, int]] = set()
    for old_code, new_code in pairs:
        if old_code not in legacy:
            result.legacy_missing += 1
        elif new_code in new:
            wanted.add((legacy[old_code], new[new_code]))

    link = AdministrativeUnit.merged_into.through
    present = set(
        link.objects.filter(
            from_administrativeunit_id__in={old for old, _new in wanted},
            to_administrativeunit_id__in={n for _old, n in wanted},
        ).values_list("from_administrativeunit_id", "to_administrativeunit_id")
    )
    missing = wanted - present
    link.objects.bulk_create(
        [link(from_administrativeunit_id=old, to_administrativeunit_id=n) for old, n in sorted(missing)],
        batch_size=500,
    )
    result.created = len(missing)
    result.existing = len(wanted & present)
    return result
