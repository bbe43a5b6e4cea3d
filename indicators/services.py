"""Writes to scorecards: creating them, storing entries and recomputing every derived figure.

`scorecards_recompute` is the only writer of totals, classes, ranks and changes; submitting, approving,
importing and the command line all call it, so a report, a dashboard and the API cannot disagree.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from indicators.formatting import entry_display, number_vi
from indicators.importing import ImportFileError, ParsedRow, column_label, fold, parse_table, read_rows
from indicators.models import Entry, GroupScore, Period, RecomputeRequest, Scheme, Scorecard
from indicators.ranking import FIGURES, lock_period, period_figures_write
from indicators.schemes import scheme_spec_load
from indicators.scoring import score_scorecard
from indicators.selectors import scorecard_list
from units.matching import MatchResult, UnitMatcher
from units.models import AdministrativeUnit
from units.selectors import unit_children


@dataclass(frozen=True)
class EntryValue:
    """A value to store for an indicator or group: points, or numerator and denominator, or N/A."""

    points: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    not_applicable: bool = False


def scorecard_get_or_create(*, unit: AdministrativeUnit, period: Period, scheme: Scheme) -> Scorecard:
    scorecard, _ = Scorecard.objects.get_or_create(unit=unit, period=period, scheme=scheme)
    return scorecard


KEEP: Any = object()  # leave a published figure as it is


def scorecard_entries_replace(
    *,
    scorecard: Scorecard,
    values: dict[tuple[int | None, int | None], EntryValue],
    covered_group_ids: set[int],
    indicator_group_ids: dict[int, int],
    published_total: Decimal | None = KEEP,
    published_classification: str = KEEP,
) -> bool:
    """Make the entries of the covered groups exactly `values` (keyed (indicator_id, None) or (None, group_id));
    returns whether anything changed.

    Groups the source did not cover keep their entries, so a totals-only weekly file never erases detailed
    scores. Unchanged values are left alone (no version bump): importing the same file twice changes nothing.
    """
    changed = False
    existing: dict[tuple[int | None, int | None], Entry] = {}
    for entry in scorecard.entries.all():
        group_id = entry.group_id or indicator_group_ids.get(entry.indicator_id)
        key = (entry.indicator_id, entry.group_id)
        if group_id in covered_group_ids and key not in values:
            entry.delete()
            changed = True
        else:
            existing[key] = entry
    for (indicator_id, group_id), value in values.items():
        fields = {
            "points": value.points,
            "numerator": value.numerator,
            "denominator": value.denominator,
            "not_applicable": value.not_applicable,
        }
        entry = existing.get((indicator_id, group_id))
        if entry is None:
            Entry.objects.create(scorecard=scorecard, indicator_id=indicator_id, group_id=group_id, **fields)
            changed = True
        elif any(getattr(entry, name) != val for name, val in fields.items()):
            for name, val in fields.items():
                setattr(entry, name, val)
            entry.save()
            changed = True
    if published_total is not KEEP and scorecard.published_total != published_total:
        scorecard.published_total = published_total
        changed = True
    if published_classification is not KEEP and scorecard.published_classification != published_classification:
        scorecard.published_classification = published_classification
        changed = True
    if changed:
        scorecard.version += 1
        scorecard.save(update_fields=["published_total", "published_classification", "version", "updated_at"])
    return changed


@dataclass(slots=True)
class _StoredEntry:
    """An entry as read for scoring: plain values, no model instance (tens of thousands per period)."""

    points: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    not_applicable: bool


BATCH = 1000


def _copy(cursor: Any, table: str, columns: list[str], rows: list[list[Any]]) -> None:
    """PostgreSQL COPY of plain rows: the fastest way in, tens of thousands of rows in a fraction of a second."""
    with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


GROUP_SCORE_COLUMNS = ["scorecard_id", "group_id", "points", "applicable_max", "below_target"]


def _group_scores_upsert(rows: list[list[Any]]) -> None:
    """Insert or update group scores in place (ON CONFLICT): rows keep their foreign keys, so PostgreSQL has no
    deferred constraint checks to run at commit, unlike delete-and-insert. COPY feeds it on PostgreSQL."""
    if not rows:
        return
    table, columns = GroupScore._meta.db_table, ", ".join(GROUP_SCORE_COLUMNS)
    upsert = (
        " ON CONFLICT (scorecard_id, group_id) DO UPDATE SET points = excluded.points, "
        "applicable_max = excluded.applicable_max, below_target = excluded.below_target"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TEMPORARY TABLE fresh_groups (scorecard_id bigint, group_id bigint, points numeric, "
                "applicable_max numeric, below_target jsonb) ON COMMIT DROP"
            )
            _copy(cursor, "fresh_groups", GROUP_SCORE_COLUMNS, rows)
            cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM fresh_groups WHERE true{upsert}")
            cursor.execute("DROP TABLE fresh_groups")
            return
        row_sql = "(" + ", ".join(["%s"] * len(GROUP_SCORE_COLUMNS)) + ")"
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([row_sql] * len(chunk))}{upsert}",
                [value for row in chunk for value in row],
            )


@transaction.atomic
def scorecards_recompute(*, scheme: Scheme, period: Period, parent: AdministrativeUnit | None = None) -> int:
    """Recompute totals, classes, ranks and changes for a scheme and period (under `parent`, or everywhere).

    Runs in one transaction, so readers never see half a ranking; also refreshes the next period's changes,
    which compare against this one. Only rows whose figures change are written, so a re-run (the nightly
    safety net) costs reads, not writes. Returns the number of scorecards scored.
    """
    lock_period(scheme_id=scheme.pk, period_id=period.pk)
    if connection.vendor == "postgresql":
        # Derived figures can always be recomputed, so this commit need not wait for the disk flush.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
    spec = scheme_spec_load(scheme)
    indicator_codes = {i.pk: i.code for items in spec.indicators_by_group.values() for i in items}
    group_codes = {g.pk: g.code for g in spec.groups}
    band_ids = {b.label: b.pk for b in spec.bands}

    scope = scorecard_list(scheme=scheme, period=period, parent=parent)
    cards = list(scope.values_list("pk", "unit__level", "published_total"))
    by_indicator: dict[int, dict[str, _StoredEntry]] = {card[0]: {} for card in cards}
    by_group: dict[int, dict[str, _StoredEntry]] = {card[0]: {} for card in cards}
    entries = Entry.objects.filter(scorecard__in=scope).values_list(
        "scorecard_id", "indicator_id", "group_id", "points", "numerator", "denominator", "not_applicable"
    )
    for card_id, indicator_id, group_id, points, numerator, denominator, not_applicable in entries.iterator(5000):
        stored = _StoredEntry(points, numerator, denominator, not_applicable)
        if indicator_id:
            by_indicator[card_id][indicator_codes[indicator_id]] = stored
        else:
            by_group[card_id][group_codes[group_id]] = stored
    # Stored group scores, to rewrite only those that change; the JSON list is compared as its text, since
    # decoding tens of thousands of small lists cost most of a re-run.
    stored_groups: dict[int, set[tuple[Any, ...]]] = {card[0]: set() for card in cards}
    for card_id, group_id, points, maximum, below in (
        GroupScore.objects.filter(scorecard__in=scope)
        .annotate(below_text=Cast("below_target", TextField()))
        .values_list("scorecard_id", "group_id", "points", "applicable_max", "below_text")
    ):
        stored_groups[card_id].add((group_id, points, maximum, below))

    now = Scorecard._meta.get_field("recomputed_at").get_db_prep_save(timezone.now(), connection)
    card_rows: list[list[Any]] = []
    group_rows: list[list[Any]] = []
    emptied: list[int] = []
    for card_id, level, published_total in cards:
        result = score_scorecard(
            spec, by_indicator[card_id], by_group[card_id], level=level, published_total=published_total
        )
        card_rows.append(
            [
                card_id,
                result.computed_total,
                result.total,
                result.applicable_max,
                result.converted_total,
                result.published_gap,
                band_ids.get(result.band.label) if result.band else None,
                result.missing_count,
            ]
        )
        groups = set()
        if by_indicator[card_id] or by_group[card_id]:
            groups = {
                (g.group.pk, g.points, g.applicable_max, json.dumps(g.below_target) if g.below_target else "[]")
                for g in result.groups
            }
        if groups != stored_groups[card_id]:
            group_rows.extend([card_id, *group] for group in groups - stored_groups[card_id])
            if not groups:
                emptied.append(card_id)  # its entries are gone: so are its group scores
    for start in range(0, len(emptied), BATCH):
        GroupScore.objects.filter(scorecard__in=emptied[start : start + BATCH]).delete()
    _group_scores_upsert(group_rows)

    path_prefix = parent.path if parent is not None else "/"
    period_figures_write(
        scheme_id=scheme.pk,
        previous_period_id=period.previous_id,
        rows=card_rows,
        recomputed_at=now,
        path_prefix=path_prefix,
    )
    following = Period.objects.filter(previous=period).values_list("pk", flat=True).first()
    if following:  # the next period's changes compare against this one: same writer, its stored figures
        following_rows = scorecard_list(scheme=scheme, period=Period(pk=following), parent=parent).values_list(
            "pk", *FIGURES
        )
        period_figures_write(
            scheme_id=scheme.pk,
            previous_period_id=period.pk,
            rows=[list(row) for row in following_rows],
            recomputed_at=now,
            path_prefix=path_prefix,
        )
    RecomputeRequest.objects.update_or_create(scheme=scheme, period=period, defaults={"finished_at": timezone.now()})
    return len(cards)


# --- importing score tables --------------------------------------------------------------------


class ScoresImportError(Exception):
    """The file has problems; nothing was written. `errors` name the row and column of each."""

    def __init__(
        self, errors: list[str], warnings: list[str] | None = None, unsure: list[UnsureRow] | None = None
    ) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors
        self.warnings = warnings or []
        self.unsure = unsure or []  # rows a person can settle by choosing the unit (unit_overrides)


@dataclass
class UnsureRow:
    """A row whose unit the matcher could not settle (ambiguous, missing) or settled only without diacritics."""

    number: int
    text: str
    status: str  # folded, ambiguous, missing
    candidates: tuple[AdministrativeUnit, ...]


@dataclass
class ImportedRow:
    """What one file row became, for previews and command output."""

    number: int
    unit: AdministrativeUnit
    scorecard: Scorecard
    changed: bool
    text: str = ""  # the unit as the file wrote it
    match: str = ""  # code, exact, folded, parent or chosen (unit_overrides)
    values: dict[str, str] = field(default_factory=dict)  # code → value as stored, for previews


@dataclass
class ImportReport:
    rows: list[ImportedRow]
    warnings: list[str]
    dry_run: bool
    codes: list[str] = field(default_factory=list)  # the groups and indicators the file covers, in its order
    sha256: str = ""

    @property
    def unsure(self) -> list[ImportedRow]:
        return [r for r in self.rows if r.match == "folded"]

    @property
    def changed_count(self) -> int:
        return sum(1 for r in self.rows if r.changed)


def _row_unit(
    row: ParsedRow, matcher: UnitMatcher, by_code: dict[str, AdministrativeUnit], parent: AdministrativeUnit | None
) -> tuple[AdministrativeUnit | None, str | None, MatchResult | None]:
    """The unit a row names (official code first, then name), or the message saying why none fits; the
    matcher's result when a name was matched, so a preview can offer a choice when it was unsure."""
    if row.unit_code:
        unit = by_code.get(row.unit_code.strip())
        if unit is None:
            scope = f" trong {parent.full_name}" if parent else ""
            return None, f"không có đơn vị mã “{row.unit_code}”{scope}.", None
        return unit, None, None
    if parent is not None and (
        fold(row.unit_text).startswith("toan ") or fold(row.unit_text) == fold(parent.full_name)
    ):
        return parent, None, None  # "TOÀN HUYỆN": the parent's own figures
    result = matcher.match(row.unit_text)
    if result.unit is None:
        return None, result.message, result
    return result.unit, None, result


def scores_import(
    *,
    path: Path,
    scheme: Scheme,
    period: Period,
    parent: AdministrativeUnit | None = None,
    dry_run: bool = False,
    user: Any = None,
    unit_overrides: dict[int, AdministrativeUnit] | None = None,
) -> ImportReport:
    """Import a score table for one period: all rows or none.

    Raises ScoresImportError listing every problem (row, column, value, candidates) before anything is
    written. A dry run does the whole import, recompute included, inside a transaction it then rolls back.
    Each changed scorecard gets a change-log event naming the file and its SHA-256 (`user` None: the command line).
    `unit_overrides` maps a file row number to the unit a person chose for it in a preview; it must be one of the
    units the row could name (a child of `parent`, or the parent itself).
    """
    spec = scheme_spec_load(scheme)
    try:
        table = parse_table(read_rows(path), groups=list(spec.groups), indicators_by_group=spec.indicators_by_group)
    except ImportFileError as exc:
        raise ScoresImportError([str(exc)]) from None
    errors = list(table.errors)

    if parent is not None:
        candidates = list(unit_children(unit=parent))
        matcher = UnitMatcher(candidates, scope=parent.full_name)
    else:
        candidates = list(AdministrativeUnit.objects.all())
        matcher = UnitMatcher(candidates)
    by_code = {u.code: u for u in candidates}

    unit_column = next((c for c in table.columns if c.role in {"unit", "code"}), None)
    overrides = unit_overrides or {}
    allowed = {u.pk for u in candidates} | ({parent.pk} if parent is not None else set())
    matched: list[tuple[ParsedRow, AdministrativeUnit, str]] = []
    unsure: list[UnsureRow] = []
    first_row_of: dict[int, int] = {}
    for row in table.rows:
        unit, problem, result = _row_unit(row, matcher, by_code, parent)
        how = "code" if row.unit_code else (result.status if result else "parent")
        chosen = overrides.get(row.number)
        if chosen is not None and chosen.pk not in allowed:
            scope = f" trong {parent.full_name}" if parent else ""
            errors.append(f"Dòng {row.number}: đơn vị được chọn {chosen.full_name} không thuộc các đơn vị{scope}.")
            continue
        if chosen is not None:
            unit, how = chosen, "chosen"
        elif result is not None and result.status != "exact":
            unsure.append(
                UnsureRow(number=row.number, text=row.unit_text, status=result.status, candidates=result.candidates)
            )
        if unit is None:
            errors.append(f"Dòng {row.number}, {column_label(unit_column)}: {problem}")
            continue
        if unit.pk in first_row_of:
            errors.append(
                f"Dòng {row.number}: {unit.full_name} đã có ở dòng {first_row_of[unit.pk]}; mỗi đơn vị chỉ một dòng."
            )
            continue
        first_row_of[unit.pk] = row.number
        matched.append((row, unit, how))
    if errors:
        raise ScoresImportError(errors, table.warnings, unsure)

    columns = {c.index: c for c in table.columns}
    indicator_group_ids = {i.pk: i.group_id for items in spec.indicators_by_group.values() for i in items}
    covered = {
        c.target.pk if c.role == "group" else c.target.group_id
        for c in table.columns
        if c.role in {"group", "indicator"}
    }
    has_total = any(c.role == "total" for c in table.columns)
    has_class = any(c.role == "classification" for c in table.columns)

    source = {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    report = ImportReport(
        rows=[],
        warnings=table.warnings,
        dry_run=dry_run,
        codes=[c.target.code for c in table.columns if c.role in {"group", "indicator"}],
        sha256=source["sha256"],
    )
    codes = {(i.pk, None): i.code for items in spec.indicators_by_group.values() for i in items}
    codes.update({(None, g.pk): g.code for g in spec.groups})  # type: ignore[attr-defined]
    with transaction.atomic():
        for row, unit, how in matched:
            values: dict[tuple[int | None, int | None], EntryValue] = {}
            for index, cell in row.values.items():
                column = columns[index]
                key = (column.target.pk, None) if column.role == "indicator" else (None, column.target.pk)
                values[key] = EntryValue(points=cell.points, not_applicable=cell.not_applicable)
            scorecard = scorecard_get_or_create(unit=unit, period=period, scheme=scheme)
            before_entries = _entries_shown(scorecard, codes)
            before_total = scorecard.published_total
            changed = scorecard_entries_replace(
                scorecard=scorecard,
                values=values,
                covered_group_ids=covered,
                indicator_group_ids=indicator_group_ids,
                published_total=row.total if has_total else KEEP,
                published_classification=row.classification if has_class else KEEP,
            )
            if changed:
                _import_audit(
                    scorecard, user, before_entries, _entries_shown(scorecard, codes), before_total, source, row.number
                )
            report.rows.append(
                ImportedRow(
                    number=row.number,
                    unit=unit,
                    scorecard=scorecard,
                    changed=changed,
                    text=row.unit_text or row.unit_code,
                    match=how,
                    values={codes[key]: entry_display(value) for key, value in values.items()},
                )
            )
        if report.changed_count or dry_run:
            scorecards_recompute(scheme=scheme, period=period)
        for item in report.rows:
            item.scorecard.refresh_from_db()
        if dry_run:
            transaction.set_rollback(True)
    return report


def _entries_shown(scorecard: Scorecard, codes: dict[tuple[int | None, int | None], str]) -> dict[str, str]:
    """A scorecard's entries by code, as the change log shows them."""
    return {
        codes.get((e.indicator_id, e.group_id), "?"): entry_display(e)
        for e in Entry.objects.filter(scorecard=scorecard)
    }


def _import_audit(
    scorecard: Scorecard,
    user: Any,
    before: dict[str, str],
    after: dict[str, str],
    before_total: Decimal | None,
    source: dict[str, str],
    row_number: int,
) -> None:
    """One event per changed scorecard (its changed items before and after), and one for a changed published total."""
    from audit.constants import EventKind
    from audit.services import audit_record

    changed = sorted(code for code in set(before) | set(after) if before.get(code) != after.get(code))
    reason = f"Nhập tệp {source['file']}, dòng {row_number}"
    details = {**source, "row": row_number}
    if changed:
        audit_record(
            kind=EventKind.IMPORT,
            user=user,
            scorecard=scorecard,
            field=f"{len(changed)} mục",
            target=", ".join(changed),
            before="; ".join(f"{code}: {before.get(code) or '–'}" for code in changed),
            after="; ".join(f"{code}: {after.get(code) or '–'}" for code in changed),
            reason=reason,
            details=details,
        )
    if scorecard.published_total != before_total:
        audit_record(
            kind=EventKind.PUBLISHED_TOTAL,
            user=user,
            scorecard=scorecard,
            field="published_total",
            target="Điểm tổng công bố",
            before=number_vi(before_total),
            after=number_vi(scorecard.published_total),
            reason=reason,
            details=details,
        )
