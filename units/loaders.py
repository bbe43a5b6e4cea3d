"""Load the official units of one province from the `vietnamadminunits` package (MIT) into the database.

The package ships an SQLite file with both code lists: `admin_units_legacy` (63 provinces, districts and
communes, QĐ 124/2004) and `admin_units` (34 provinces and their communes from 01/7/2025, QĐ 19/2025), plus
`converter_2025.json`, which says which old communes each new commune was formed from. We read them with
sqlite3 and json only, so loading needs neither pandas nor network access.

Loading is idempotent: units are keyed by (edition, code), only differences are written, and a second run
reports everything as unchanged. Merge links (`merged_into`, old unit -> new unit) are best effort:
- each legacy province -> the 2025 province it became part of (DICT_PROVINCE);
- each legacy commune -> every 2025 commune it was merged into (DICT_PROVINCE_WARD_NO_DIVIDED) or divided
  between (DICT_PROVINCE_WARD_DIVIDED);
- legacy districts are not linked: the district level was abolished, not merged.
A link is made only when both ends are loaded, whichever edition is loaded first; links are only ever added.
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from units.constants import EDITION_SHORT, KIND_LEVEL, Edition, Level, UnitKind
from units.matching import fold, normalize, strip_prefixes
from units.models import AdministrativeUnit
from units.services import unit_paths_rebuild

PACKAGE = "vietnamadminunits"
LEGACY_VALID_TO = date(2025, 6, 30)
Y2025_VALID_FROM = date(2025, 7, 1)

# Type words of the package, as they start the full names, mapped to our kinds per tier.
PROVINCE_KINDS: dict[str, str] = {"tỉnh": UnitKind.PROVINCE, "thành phố": UnitKind.CENTRAL_CITY}
DISTRICT_KINDS: dict[str, str] = {
    "huyện": UnitKind.DISTRICT,
    "quận": UnitKind.URBAN_DISTRICT,
    "thị xã": UnitKind.DISTRICT_TOWN,
    "thành phố": UnitKind.PROVINCIAL_CITY,
}
COMMUNE_KINDS: dict[str, str] = {
    "xã": UnitKind.COMMUNE,
    "phường": UnitKind.WARD,
    "thị trấn": UnitKind.TOWNSHIP,
    "đặc khu": UnitKind.SPECIAL_ZONE,
}

_UPDATED_FIELDS = ("name", "kind", "level", "parent_id", "valid_from", "valid_to")


class ProvinceNotFound(ValueError):
    """The --province value names no province of the edition; the message lists close names."""


@dataclass(frozen=True)
class ProvinceSource:
    """One province as the package lists it."""

    code: str
    full_name: str
    short_name: str
    key: str
    keywords: frozenset[str]


@dataclass(frozen=True)
class UnitRecord:
    """One unit to load; parents come before their children in a province's record list."""

    code: str
    name: str
    kind: str
    parent_code: str | None


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


# --- reading the package ------------------------------------------------------------------------------


def _data_file(name: str) -> Path:
    return Path(str(resources.files(PACKAGE) / "data" / name))


@contextmanager
def _dataset() -> Iterator[sqlite3.Connection]:
    """Read-only connection to the package's dataset.db (never written, so an installed package stays intact)."""
    path = _data_file("dataset.db")
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        connection.row_factory = sqlite3.Row
        yield connection


@lru_cache(maxsize=1)
def _converter() -> dict[str, Any]:
    return json.loads(_data_file("converter_2025.json").read_text(encoding="utf-8"))


def _table(edition: str) -> str:
    return "admin_units_legacy" if edition == Edition.LEGACY else "admin_units"


def _compact(text: str) -> str:
    """The package's key form: folded, letters and digits only ("Tỉnh Bà Rịa - Vũng Tàu" -> "tinhbariavungtau")."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


@lru_cache(maxsize=2)
def province_sources(*, edition: str) -> tuple[ProvinceSource, ...]:
    """All provinces of an edition as the package lists them (63 legacy, 34 from 2025)."""
    query = (
        f"SELECT DISTINCT provinceCode, province, provinceShort, provinceKey, provinceKeywords "
        f"FROM {_table(edition)} ORDER BY provinceCode"
    )
    with _dataset() as db:
        rows = db.execute(query).fetchall()
    sources = []
    for row in rows:
        keywords = {row["provinceKey"], _compact(row["province"]), _compact(row["provinceShort"])}
        keywords.update(json.loads(row["provinceKeywords"] or "[]"))
        sources.append(
            ProvinceSource(
                code=row["provinceCode"],
                full_name=row["province"],
                short_name=row["provinceShort"],
                key=row["provinceKey"],
                keywords=frozenset(keywords),
            )
        )
    return tuple(sources)


def province_find(*, value: str, edition: str) -> ProvinceSource:
    """The province named by a code ("87"), a name in any case or accents ("dong thap") or a full name."""
    sources = province_sources(edition=edition)
    wanted = value.strip()
    if wanted.isdigit():
        found = [source for source in sources if source.code == wanted.zfill(2)]
    else:
        key = _compact(wanted)
        found = [source for source in sources if key in source.keywords]
    if len(found) == 1:
        return found[0]
    raise ProvinceNotFound(_province_missing_message(wanted, edition, sources))


def _province_missing_message(value: str, edition: str, sources: tuple[ProvinceSource, ...]) -> str:
    message = _("Không tìm thấy tỉnh “%(value)s” trong %(edition)s.") % {
        "value": value,
        "edition": EDITION_SHORT[edition],
    }
    other_edition = Edition.LEGACY if edition == Edition.Y2025 else Edition.Y2025
    if value.isdigit():
        # Province codes changed in 2025 (Đồng Tháp was 87, is 82), so a code from the other list is likely.
        other = next((s for s in province_sources(edition=other_edition) if s.code == value.zfill(2)), None)
        if other is not None:
            message += " " + _("Mã %(code)s là %(name)s trong %(edition)s.") % {
                "code": other.code,
                "name": other.full_name,
                "edition": EDITION_SHORT[other_edition],
            }
    elif edition == Edition.Y2025:
        # A province merged away in 2025 is the most likely reason: say where it went.
        key = _compact(value)
        for old in province_sources(edition=Edition.LEGACY):
            if key in old.keywords:
                for new_key, old_keys in _converter()["DICT_PROVINCE"].items():
                    new = next((source for source in sources if source.key == new_key), None)
                    if old.key in old_keys and new is not None and new.key != old.key:
                        message += " " + _("%(old)s đã sáp nhập vào %(new)s từ 01/7/2025.") % {
                            "old": old.full_name,
                            "new": new.full_name,
                        }
    by_name = {fold(source.short_name): source for source in sources}
    close = difflib.get_close_matches(fold(strip_prefixes(value)), list(by_name), n=5, cutoff=0.5)
    if close:
        names = ", ".join(f"{by_name[name].short_name} ({by_name[name].code})" for name in close)
        message += " " + _("Có thể là: %(names)s.") % {"names": names}
    return message


def _split_name(full_name: str, type_word: str | None, kinds: dict[str, str]) -> tuple[str, str, str | None]:
    """(name without kind, kind, note) from a full name such as "Thị Trấn Ái Tử".

    The full name's own kind word wins over the type column: the package's type column is stale for a few
    units (e.g. "Thị trấn Ngọc Lặc" typed "Xã"), and its short names carry disambiguators ("Mỹ An (Xã)").
    """
    full_name = normalize(full_name)
    lowered = full_name.casefold()
    for word in sorted(kinds, key=len, reverse=True):
        if lowered.startswith(word + " "):
            name = full_name[len(word) :].strip()
            kind = kinds[word]
            note = None
            if type_word and kinds.get(type_word.casefold(), kind) != kind:
                note = _("%(name)s: cột loại ghi “%(type)s”, theo tên là %(word)s.") % {
                    "name": full_name,
                    "type": type_word,
                    "word": word,
                }
            return name, kind, note
    if type_word and type_word.casefold() in kinds:
        return full_name, kinds[type_word.casefold()], None
    raise ValueError(f"Unknown unit type in {full_name!r} ({type_word!r})")


def province_records(*, province: ProvinceSource, edition: str) -> tuple[list[UnitRecord], list[str]]:
    """The province's units, parents first, and notes about data the package disagrees with itself on."""
    notes: list[str] = []
    name, kind, _note = _split_name(province.full_name, None, PROVINCE_KINDS)
    records = [UnitRecord(code=province.code, name=name, kind=kind, parent_code=None)]
    seen: set[str] = {province.code}

    def add(code: str | None, full_name: str | None, type_word: str | None, kinds: dict[str, str], parent: str) -> None:
        if not code or not full_name or code in seen:
            return
        seen.add(code)
        unit_name, unit_kind, note = _split_name(full_name, type_word, kinds)
        if note:
            notes.append(note)
        records.append(UnitRecord(code=code, name=unit_name, kind=unit_kind, parent_code=parent))

    with _dataset() as db:
        if edition == Edition.LEGACY:
            rows = db.execute(
                "SELECT district, districtType, districtCode, ward, wardType, wardCode FROM admin_units_legacy "
                "WHERE provinceCode = ? ORDER BY districtCode, wardCode",
                [province.code],
            ).fetchall()
            for row in rows:
                add(row["districtCode"], row["district"], row["districtType"], DISTRICT_KINDS, province.code)
            for row in rows:
                add(row["wardCode"], row["ward"], row["wardType"], COMMUNE_KINDS, row["districtCode"])
        else:
            rows = db.execute(
                "SELECT ward, wardType, wardCode FROM admin_units WHERE provinceCode = ? ORDER BY wardCode",
                [province.code],
            ).fetchall()
            for row in rows:
                add(row["wardCode"], row["ward"], row["wardType"], COMMUNE_KINDS, province.code)
    return records, notes


# --- writing ------------------------------------------------------------------------------------------


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
            new_keys = [new for new, olds in _converter()["DICT_PROVINCE"].items() if source.key in olds]
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
    converter = _converter()
    old_province_keys: list[str] = converter["DICT_PROVINCE"].get(new_province_key, [])
    new_source = next(s for s in province_sources(edition=Edition.Y2025) if s.key == new_province_key)
    new_province = AdministrativeUnit.objects.filter(edition=Edition.Y2025, code=new_source.code).first()
    if new_province is None:
        return None

    with _dataset() as db:
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
