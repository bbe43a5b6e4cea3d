"""Read the official unit lists of the `vietnamadminunits` package (MIT): provinces and their units per edition.

The package ships an SQLite file with both code lists: `admin_units_legacy` (63 provinces, districts and
communes, QĐ 124/2004) and `admin_units` (34 provinces and their communes from 01/7/2025, QĐ 19/2025), plus
`converter_2025.json`, which says which old communes each new commune was formed from. We read them with
sqlite3 and json only, so loading needs neither pandas nor network access. Writing them is `units.loaders`.
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from units.constants import EDITION_SHORT, Edition, UnitKind
from units.matching import fold, normalize, strip_prefixes

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


def _data_file(name: str) -> Path:
    return Path(str(resources.files(PACKAGE) / "data" / name))


@contextmanager
def dataset_open() -> Iterator[sqlite3.Connection]:
    """Read-only connection to the package's dataset.db (never written, so an installed package stays intact)."""
    path = _data_file("dataset.db")
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        connection.row_factory = sqlite3.Row
        yield connection


@lru_cache(maxsize=1)
def converter_data() -> dict[str, Any]:
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
    with dataset_open() as db:
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
                for new_key, old_keys in converter_data()["DICT_PROVINCE"].items():
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

    with dataset_open() as db:
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
