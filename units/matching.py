"""Match unit names as reports write them ("UBND xã Nong U", "TÂN MỸ") against the official units of one parent.

Reports rarely copy official names letter for letter: they add "UBND" or the kind, change the case, drop
diacritics or type "Đình" for "Dình". The matcher accepts those variations but only when the answer is
unique under the parent, so a loose spelling never silently picks the wrong commune. Everything here is pure
(no queries) so a table of 1,000 rows is matched against units fetched once.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from django.utils.translation import gettext as _

from units.constants import KIND_PREFIX, NAME_PREFIXES

if TYPE_CHECKING:
    from units.models import AdministrativeUnit

MatchStatus = Literal["exact", "folded", "ambiguous", "missing"]

MAX_CANDIDATES = 5
# Below this similarity a unit is too unlike the text to be worth suggesting.
CANDIDATE_CUTOFF = 0.5

# Words that say who reports ("UBND", "Ủy ban nhân dân") rather than which unit; the kind words
# ("xã", "huyện", ...) are the remaining NAME_PREFIXES.
_ORGANISATION_PREFIXES: tuple[str, ...] = ("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd")
# District departments are written with or without "Bộ phận" ("Bộ phận Một cửa huyện" / "Một cửa huyện").
_DEPARTMENT_PREFIXES: tuple[str, ...] = ("bộ phận",)
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFC, one kind of dash and single spaces: the forms Word, Excel and PDFs produce all compare equal."""
    text = unicodedata.normalize("NFC", text or "")
    text = _DASHES.sub("-", text)
    text = _SPACED_HYPHEN.sub(" - ", text)
    return _SPACES.sub(" ", text).strip()


def _key(text: str) -> str:
    """Case-insensitive comparison key that keeps diacritics."""
    return normalize(text).casefold()


def fold(text: str) -> str:
    """Lower case without diacritics ("Tìa Đình" -> "tia dinh"), so spellings without accents can be compared.

    Đ/đ is a letter of its own, not d plus a mark, so Unicode decomposition alone would keep it.
    """
    decomposed = unicodedata.normalize("NFD", _key(text).replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def _strip_leading(text: str, prefixes: Iterable[str]) -> tuple[str, str | None]:
    """Remove one leading word from `prefixes` (compared case-insensitively, as whole words)."""
    lowered = text.casefold()
    for prefix in sorted(prefixes, key=len, reverse=True):
        if lowered.startswith(prefix):
            rest = text[len(prefix) :]
            # "Xã Xa Dung" strips "Xã" but "Xangthong" must not lose "xa"; "TP.Cao Lãnh" may omit the space.
            if rest and (rest[0].isalnum() and not prefix.endswith(".")):
                continue
            return rest.lstrip(" .:-,"), prefix
    return text, None


def strip_prefixes(text: str) -> str:
    """The name without "UBND" and without the kind: "UBND Xã Bình Thành" -> "Bình Thành".

    Only one kind word is removed, because some names start with a kind-like word ("Xã Xa Dung").
    """
    text = normalize(text)
    text, _organisation = _strip_leading(text, _ORGANISATION_PREFIXES)
    text, _kind = _strip_leading(text, NAME_PREFIXES)
    return text


_FOLDED_ORGANISATION_PREFIXES: tuple[str, ...] = tuple({fold(p) for p in _ORGANISATION_PREFIXES})
_FOLDED_NAME_PREFIXES: tuple[str, ...] = tuple({fold(p) for p in NAME_PREFIXES})


def _kind_words() -> dict[str, frozenset[str]]:
    """Kind word as written, folded -> unit kinds it can mean ("thành phố" is province-level or provincial)."""
    words: dict[str, set[str]] = {}
    for kind, prefix in KIND_PREFIX.items():
        if prefix:
            words.setdefault(fold(prefix), set()).add(str(kind))
    return {word: frozenset(kinds) for word, kinds in words.items()}


_KIND_WORDS = _kind_words()


@dataclass(frozen=True)
class MatchResult:
    """What a text matched: `unit` is set only for "exact" and "folded"; `candidates` help a person decide."""

    text: str
    status: MatchStatus
    unit: AdministrativeUnit | None = None
    candidates: tuple[AdministrativeUnit, ...] = field(default_factory=tuple)
    scope: str = ""

    @property
    def matched(self) -> bool:
        return self.unit is not None

    @property
    def message(self) -> str:
        """A Vietnamese sentence for the person who uploaded the table; empty when the text matched."""
        if self.matched:
            return ""
        values = {"text": self.text, "scope": self.scope, "names": ", ".join(u.full_name for u in self.candidates)}
        if self.status == "ambiguous":
            if self.scope:
                message = _("Tên “%(text)s” khớp với nhiều đơn vị trong %(scope)s: %(names)s.")
            else:
                message = _("Tên “%(text)s” khớp với nhiều đơn vị: %(names)s.")
            return (message + " " + _("Hãy ghi rõ loại đơn vị hoặc mã.")) % values
        if self.scope:
            message = _("Không tìm thấy đơn vị “%(text)s” trong %(scope)s.")
        else:
            message = _("Không tìm thấy đơn vị “%(text)s”.")
        if self.candidates:
            message += " " + _("Có thể là: %(names)s.")
        return message % values


class UnitMatcher:
    """Indexes the units under one parent once, then matches any number of texts without queries.

    Tiers, first decisive one wins: official code; name or full name with diacritics (any case, with or
    without "UBND"/kind); the same without diacritics; a bare kind word ("UBND Thị trấn") naming the only unit
    of that kind. A tier that finds several units makes the result ambiguous rather than guessing.
    """

    def __init__(self, units: Iterable[AdministrativeUnit], *, scope: str = "") -> None:
        self.units: list[AdministrativeUnit] = list(units)
        self.scope = scope
        self._by_code: dict[str, list[AdministrativeUnit]] = {}
        self._exact: dict[str, list[AdministrativeUnit]] = {}
        self._folded: dict[str, list[AdministrativeUnit]] = {}
        self._by_kind: dict[str, list[AdministrativeUnit]] = {}
        for unit in self.units:
            self._by_code.setdefault(unit.code.strip(), []).append(unit)
            self._by_kind.setdefault(unit.kind, []).append(unit)
            for written in {unit.name, unit.full_name}:
                _add(self._exact, _key(written), unit)
                _add(self._folded, fold(written), unit)

    @classmethod
    def under(cls, parent: AdministrativeUnit) -> UnitMatcher:
        """Matcher for the children of `parent` (one query), with the parent's name in messages."""
        return cls(parent.children.all(), scope=parent.full_name)

    def match(self, text: str) -> MatchResult:
        """Find the one unit `text` names, or say why not (ambiguous/missing) with the closest candidates."""
        written = normalize(text)
        if not written:
            return MatchResult(text=written, status="missing", scope=self.scope)

        by_code = self._by_code.get(written, [])
        if by_code:
            return self._decide(written, by_code, "exact")

        without_org, _organisation = _strip_leading(written, _ORGANISATION_PREFIXES)
        without_kind, kind_prefix = _strip_leading(without_org, NAME_PREFIXES)
        without_department, _department = _strip_leading(without_org, _DEPARTMENT_PREFIXES)
        variants = [without_org, without_kind, without_department]

        for index, status in ((self._exact, "exact"), (self._folded, "folded")):
            transform = _key if status == "exact" else fold
            for variant in variants:
                hits = index.get(transform(variant), []) if variant else []
                if hits:
                    return self._decide(written, hits, status)

        # Texts typed without diacritics ("uy ban nhan dan xa pu nhi") need their prefixes stripped folded too.
        folded_rest, _folded_org = _strip_leading(fold(written), _FOLDED_ORGANISATION_PREFIXES)
        folded_rest, _folded_kind = _strip_leading(folded_rest, _FOLDED_NAME_PREFIXES)
        hits = self._folded.get(folded_rest, []) if folded_rest else []
        if hits:
            return self._decide(written, hits, "folded")

        bare_kind = fold(without_org).rstrip(" .")
        if bare_kind in _KIND_WORDS:
            of_kind = [unit for kind in _KIND_WORDS[bare_kind] for unit in self._by_kind.get(kind, [])]
            if of_kind:
                return self._decide(written, of_kind, "exact" if kind_prefix else "folded")

        return MatchResult(text=written, status="missing", candidates=self.closest(without_org), scope=self.scope)

    def closest(self, text: str, *, limit: int = MAX_CANDIDATES) -> tuple[AdministrativeUnit, ...]:
        """Units whose folded names look most like `text`, best first, for "Có thể là: …" suggestions."""
        wanted = fold(strip_prefixes(text))
        if not wanted:
            return ()
        wanted_words = set(wanted.split())
        scored: list[tuple[float, str, AdministrativeUnit]] = []
        for unit in self.units:
            name = fold(unit.name)
            similarity = difflib.SequenceMatcher(None, wanted, name).ratio()
            # Sharing whole words ("tân", "mỹ") counts too, so "Tân Mĩ" still suggests "Tân Khánh Trung".
            words = set(name.split())
            overlap = len(wanted_words & words) / max(len(wanted_words | words), 1)
            score = max(similarity, 0.4 + overlap / 2 if overlap else 0.0)
            if score >= CANDIDATE_CUTOFF:
                scored.append((score, unit.full_name, unit))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return tuple(unit for _score, _name, unit in scored[:limit])

    def _decide(self, text: str, hits: list[AdministrativeUnit], status: MatchStatus) -> MatchResult:
        unique = list({unit.pk if unit.pk is not None else id(unit): unit for unit in hits}.values())
        if len(unique) == 1:
            return MatchResult(text=text, status=status, unit=unique[0], candidates=(unique[0],), scope=self.scope)
        unique.sort(key=lambda unit: (unit.full_name, unit.code))
        return MatchResult(text=text, status="ambiguous", candidates=tuple(unique[:MAX_CANDIDATES]), scope=self.scope)


def _add(index: dict[str, list[AdministrativeUnit]], key: str, unit: AdministrativeUnit) -> None:
    bucket = index.setdefault(key, [])
    if unit not in bucket:
        bucket.append(unit)
