"""Writes to scorecards: creating them, storing entries and recomputing every derived figure.

`scorecards_recompute` is the only writer of totals, classes, ranks and changes; submitting, approving,
importing and the command line all call it, so a report, a dashboard and the API cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from indicators.importing import ImportFileError, ParsedRow, column_label, fold, parse_table, read_rows
from indicators.models import Entry, GroupScore, Period, Scheme, Scorecard
from indicators.ranking import deltas_update, lock_period, ranks_update
from indicators.schemes import scheme_spec_load
from indicators.scoring import score_scorecard
from indicators.selectors import scorecard_list
from units.matching import UnitMatcher
from units.models import AdministrativeUnit
from units.selectors import unit_children

DERIVED_FIELDS = [
    "computed_total",
    "total",
    "applicable_max",
    "converted_total",
    "published_gap",
    "classification",
    "missing_count",
    "recomputed_at",
]


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


@transaction.atomic
def scorecards_recompute(*, scheme: Scheme, period: Period, parent: AdministrativeUnit | None = None) -> int:
    """Recompute totals, classes, ranks and changes for a scheme and period (under `parent`, or everywhere).

    Runs in one transaction, so readers never see half a ranking; also refreshes the next period's
    changes, which compare against this one. Returns the number of scorecards scored.
    """
    lock_period(scheme_id=scheme.pk, period_id=period.pk)
    spec = scheme_spec_load(scheme)
    indicator_codes = {i.pk: i.code for items in spec.indicators_by_group.values() for i in items}
    group_codes = {g.pk: g.code for g in spec.groups}
    bands_by_label = {b.label: b for b in spec.bands}

    cards = list(
        scorecard_list(scheme=scheme, period=period, parent=parent).select_related("unit").prefetch_related("entries")
    )
    now = timezone.now()
    group_rows: list[GroupScore] = []
    for card in cards:
        entries = list(card.entries.all())
        result = score_scorecard(
            spec,
            {indicator_codes[e.indicator_id]: e for e in entries if e.indicator_id},
            {group_codes[e.group_id]: e for e in entries if e.group_id},
            level=card.unit.level,
            published_total=card.published_total,
        )
        card.computed_total = result.computed_total
        card.total = result.total
        card.applicable_max = result.applicable_max
        card.converted_total = result.converted_total
        card.published_gap = result.published_gap
        card.classification = bands_by_label.get(result.band.label) if result.band else None
        card.missing_count = result.missing_count
        card.recomputed_at = now
        if entries:
            group_rows.extend(
                GroupScore(
                    scorecard=card,
                    group_id=g.group.pk,  # type: ignore[attr-defined]
                    points=g.points,
                    applicable_max=g.applicable_max,
                    below_target=g.below_target,
                )
                for g in result.groups
            )
    Scorecard.objects.bulk_update(cards, DERIVED_FIELDS, batch_size=500)
    GroupScore.objects.filter(scorecard__in=[c.pk for c in cards]).delete()
    GroupScore.objects.bulk_create(group_rows, batch_size=1000)

    path_prefix = parent.path if parent is not None else "/"
    ranks_update(scheme_id=scheme.pk, period_id=period.pk, path_prefix=path_prefix)
    following = Period.objects.filter(previous=period).values_list("pk", flat=True).first()
    deltas_update(
        scheme_id=scheme.pk,
        period_ids=[period.pk] + ([following] if following else []),
        path_prefix=path_prefix,
    )
    return len(cards)


# --- importing score tables --------------------------------------------------------------------


class ScoresImportError(Exception):
    """The file has problems; nothing was written. `errors` name the row and column of each."""

    def __init__(self, errors: list[str], warnings: list[str] | None = None) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors
        self.warnings = warnings or []


@dataclass
class ImportedRow:
    """What one file row became, for previews and command output."""

    number: int
    unit: AdministrativeUnit
    scorecard: Scorecard
    changed: bool


@dataclass
class ImportReport:
    rows: list[ImportedRow]
    warnings: list[str]
    dry_run: bool

    @property
    def changed_count(self) -> int:
        return sum(1 for r in self.rows if r.changed)


def _row_unit(
    row: ParsedRow, matcher: UnitMatcher, by_code: dict[str, AdministrativeUnit], parent: AdministrativeUnit | None
) -> tuple[AdministrativeUnit | None, str | None]:
    """The unit a row names (official code first, then name), or the message saying why none fits."""
    if row.unit_code:
        unit = by_code.get(row.unit_code.strip())
        if unit is None:
            scope = f" trong {parent.full_name}" if parent else ""
            return None, f"không có đơn vị mã “{row.unit_code}”{scope}."
        return unit, None
    if parent is not None and (
        fold(row.unit_text).startswith("toan ") or fold(row.unit_text) == fold(parent.full_name)
    ):
        return parent, None  # "TOÀN HUYỆN": the parent's own figures
    result = matcher.match(row.unit_text)
    if result.unit is None:
        return None, result.message
    return result.unit, None


def scores_import(
    *, path: Path, scheme: Scheme, period: Period, parent: AdministrativeUnit | None = None, dry_run: bool = False
) -> ImportReport:
    """Import a score table for one period: all rows or none.

    Raises ScoresImportError listing every problem (row, column, value, candidates) before anything is
    written. A dry run does the whole import, recompute included, inside a transaction it then rolls back.
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
    matched: list[tuple[ParsedRow, AdministrativeUnit]] = []
    first_row_of: dict[int, int] = {}
    for row in table.rows:
        unit, problem = _row_unit(row, matcher, by_code, parent)
        if unit is None:
            errors.append(f"Dòng {row.number}, {column_label(unit_column)}: {problem}")
            continue
        if unit.pk in first_row_of:
            errors.append(
                f"Dòng {row.number}: {unit.full_name} đã có ở dòng {first_row_of[unit.pk]}; mỗi đơn vị chỉ một dòng."
            )
            continue
        first_row_of[unit.pk] = row.number
        matched.append((row, unit))
    if errors:
        raise ScoresImportError(errors, table.warnings)

    columns = {c.index: c for c in table.columns}
    indicator_group_ids = {i.pk: i.group_id for items in spec.indicators_by_group.values() for i in items}
    covered = {
        c.target.pk if c.role == "group" else c.target.group_id
        for c in table.columns
        if c.role in {"group", "indicator"}
    }
    has_total = any(c.role == "total" for c in table.columns)
    has_class = any(c.role == "classification" for c in table.columns)

    report = ImportReport(rows=[], warnings=table.warnings, dry_run=dry_run)
    with transaction.atomic():
        for row, unit in matched:
            values: dict[tuple[int | None, int | None], EntryValue] = {}
            for index, cell in row.values.items():
                column = columns[index]
                key = (column.target.pk, None) if column.role == "indicator" else (None, column.target.pk)
                values[key] = EntryValue(points=cell.points, not_applicable=cell.not_applicable)
            scorecard = scorecard_get_or_create(unit=unit, period=period, scheme=scheme)
            changed = scorecard_entries_replace(
                scorecard=scorecard,
                values=values,
                covered_group_ids=covered,
                indicator_group_ids=indicator_group_ids,
                published_total=row.total if has_total else KEEP,
                published_classification=row.classification if has_class else KEEP,
            )
            report.rows.append(ImportedRow(number=row.number, unit=unit, scorecard=scorecard, changed=changed))
        if report.changed_count or dry_run:
            scorecards_recompute(scheme=scheme, period=period)
        for item in report.rows:
            item.scorecard.refresh_from_db()
        if dry_run:
            transaction.set_rollback(True)
    return report
