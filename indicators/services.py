"""Writes to scorecards: creating them, storing entries and recomputing every derived figure.

`scorecards_recompute` is the only writer of totals, classes, ranks and changes; submitting, approving,
importing and the command line all call it, so a report, a dashboard and the API cannot disagree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from indicators.bulk import model_columns, temp_table
from indicators.constants import DraftRanking
from indicators.models import Entry, GroupScore, Period, RecomputeRequest, Scheme, Scorecard
from indicators.periods import period_next_key, period_parse, period_previous_key
from indicators.ranking import CONTEXT, FIGURES, lock_period, period_figures_write
from indicators.schemes import scheme_spec_load
from indicators.scoring import score_scorecard
from indicators.selectors import scorecard_list
from indicators.values import EntryValue
from scorecard_site.gc_tuning import gc_paused
from units.models import AdministrativeUnit
from units.selectors import unit_validity_problem


class UnitOutsideValidity(ValueError):
    """The unit did not exist in the period (a legacy commune in 2026, a 2025 commune in 2024)."""


def scorecard_validity_problem(*, unit: AdministrativeUnit, period: Period) -> str | None:
    """Why `unit` may not have a scorecard for `period`, naming the unit and its dates; None when it may."""
    return unit_validity_problem(unit=unit, start=period.start, end=period.end, label=period.label.lower())


def _period_ensure(key: str) -> Period:
    """Create the period row for `key` if missing, linking it to its neighbours that exist."""
    spec = period_parse(key)
    period, created = Period.objects.get_or_create(
        key=spec.key, defaults={"kind": spec.kind, "start": spec.start, "end": spec.end}
    )
    if created or period.previous_id is None:
        previous = Period.objects.filter(key=period_previous_key(spec.key)).first()
        if previous is not None:
            period.previous = previous
            period.save(update_fields=["previous"])
    following = Period.objects.filter(key=period_next_key(spec.key), previous__isnull=True).first()
    if following is not None:
        following.previous = period
        following.save(update_fields=["previous"])
    return period


@transaction.atomic
def period_get_or_create(*, key: str) -> Period:
    """The period for `key`, created with its previous period so comparisons always have a partner.

    Raises PeriodKeyError (with the accepted forms) for a key that is not a period."""
    _period_ensure(period_previous_key(key))
    return _period_ensure(key)


def scorecard_get_or_create(*, unit: AdministrativeUnit, period: Period, scheme: Scheme) -> Scorecard:
    """The unit's scorecard for the period; raises UnitOutsideValidity rather than create one it cannot have."""
    scorecard = Scorecard.objects.filter(unit=unit, period=period, scheme=scheme).first()
    if scorecard is not None:
        return scorecard
    problem = scorecard_validity_problem(unit=unit, period=period)
    if problem:
        raise UnitOutsideValidity(problem)
    scorecard, _ = Scorecard.objects.get_or_create(unit=unit, period=period, scheme=scheme)
    return scorecard


KEEP: Any = object()  # leave a published figure as it is


ENTRY_VALUE_FIELDS = ["points", "numerator", "denominator", "not_applicable"]


def scorecard_entries_replace(
    *,
    scorecard: Scorecard,
    values: dict[tuple[int | None, int | None], EntryValue],
    covered_group_ids: set[int],
    indicator_group_ids: dict[int, int],
    published_total: Decimal | None = KEEP,
    published_classification: str = KEEP,
    stored: list[Entry] | None = None,
    version_claimed: bool = False,
) -> bool:
    """Make the entries of the covered groups exactly `values` (keyed (indicator_id, None) or (None, group_id));
    returns whether anything changed.

    Groups the source did not cover keep their entries, so a totals-only weekly file never erases detailed
    scores. Unchanged values are left alone (no version bump): importing the same file twice changes nothing.
    `stored`: the scorecard's entries as the caller has just read them in this transaction (not read again);
    `version_claimed`: the caller has already moved the version on with its own conditional UPDATE (the entry
    form's claim), so the scorecard row is written again only for a changed published figure.
    """
    existing: dict[tuple[int | None, int | None], Entry] = {}
    gone: list[int] = []
    for entry in scorecard.entries.all() if stored is None else stored:
        group_id = entry.group_id or indicator_group_ids.get(entry.indicator_id)
        key = (entry.indicator_id, entry.group_id)
        if group_id in covered_group_ids and key not in values:
            gone.append(entry.pk)
        else:
            existing[key] = entry
    by_indicator: list[Entry] = []
    by_group: list[Entry] = []
    for (indicator_id, group_id), value in values.items():
        fields = {name: getattr(value, name) for name in ENTRY_VALUE_FIELDS}
        entry = existing.get((indicator_id, group_id))
        if entry is None or any(getattr(entry, name) != val for name, val in fields.items()):
            row = Entry(scorecard=scorecard, indicator_id=indicator_id, group_id=group_id, **fields)
            (by_indicator if indicator_id else by_group).append(row)
    # One statement per kind of change, however many indicators: a whole scorecard saves in a few queries. New and
    # changed values go in one upsert on the (scorecard, indicator) or (scorecard, group) key: far cheaper for the
    # ORM to build than bulk_update's CASE WHEN per field and row, which cost a save more than its SQL did.
    if gone:
        Entry.objects.filter(pk__in=gone).delete()
    for rows, target in ((by_indicator, "indicator"), (by_group, "group")):
        if rows:
            Entry.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["scorecard", target], update_fields=ENTRY_VALUE_FIELDS
            )
    changed = bool(gone or by_indicator or by_group)
    published = False
    if published_total is not KEEP and scorecard.published_total != published_total:
        scorecard.published_total = published_total
        published = True
    if published_classification is not KEEP and scorecard.published_classification != published_classification:
        scorecard.published_classification = published_classification
        published = True
    if published or (changed and not version_claimed):
        if not version_claimed:
            scorecard.version += 1
        scorecard.save(update_fields=["published_total", "published_classification", "version", "updated_at"])
    return changed or published


@dataclass(slots=True)
class _StoredEntry:
    """An entry as read for scoring: plain values, no model instance (tens of thousands per period)."""

    points: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    not_applicable: bool


BATCH = 1000


GROUP_SCORE_FIELDS = ["scorecard", "group", "points", "applicable_max", "below_target"]


def _group_scores_upsert(rows: Iterable[list[Any]]) -> None:
    """Insert or update group scores in place (ON CONFLICT): rows keep their foreign keys, so PostgreSQL has no
    deferred constraint checks to run at commit, unlike delete-and-insert. A temporary table (COPY) feeds it."""
    columns = model_columns(GroupScore, GROUP_SCORE_FIELDS)
    names = ", ".join(column for column, _sql_type in columns)
    table = GroupScore._meta.db_table
    # Only rows whose values change are rewritten, so a re-run (or an unchanged group) costs no write; comparing
    # in the database is cheaper than reading every stored group score back into Python to compare there.
    distinct = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    changed = " OR ".join(f"{table}.{column} {distinct} excluded.{column}" for column, _type in columns[2:])
    with connection.cursor() as cursor, temp_table(cursor, name="fresh_groups", columns=columns, rows=rows):
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM fresh_groups WHERE true"
            " ON CONFLICT (scorecard_id, group_id) DO UPDATE SET points = excluded.points, "
            f"applicable_max = excluded.applicable_max, below_target = excluded.below_target WHERE {changed}"
        )


@transaction.atomic
@gc_paused()
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
    indicator_codes, group_codes = spec.indicator_codes, spec.group_codes
    band_ids = {b.label: b.pk for b in spec.bands}

    scope = scorecard_list(scheme=scheme, period=period, parent=parent)
    cards = list(scope.values_list("pk", "unit__level", "published_total", *CONTEXT))
    by_indicator: dict[int, dict[str, _StoredEntry]] = {card[0]: {} for card in cards}
    by_group: dict[int, dict[str, _StoredEntry]] = {card[0]: {} for card in cards}
    entries = Entry.objects.filter(scorecard__in=scope).values_list(
        "scorecard_id", "indicator_id", "group_id", "points", "numerator", "denominator", "not_applicable"
    )
    # Read through a server-side cursor: PostgreSQL then plans for the first rows (index lookups per scorecard)
    # rather than a parallel scan of every entry of every period, which a plain query gets at country size.
    for card_id, indicator_id, group_id, points, numerator, denominator, not_applicable in entries.iterator(5000):
        stored = _StoredEntry(points, numerator, denominator, not_applicable)
        if indicator_id:
            by_indicator[card_id][indicator_codes[indicator_id]] = stored
        else:
            by_group[card_id][group_codes[group_id]] = stored
    now = Scorecard._meta.get_field("recomputed_at").get_db_prep_save(timezone.now(), connection)
    card_rows: list[list[Any]] = []
    emptied: list[int] = []
    group_ids = [g.pk for g in spec.groups]  # in the order score_scorecard returns the groups

    def scored() -> Iterator[list[Any]]:
        """Score each card, keep its figures in card_rows and yield its group scores: the COPY of the group scores
        streams while the cards are scored, so PostgreSQL takes them in while Python computes the next ones."""
        for card_id, level, published_total, *context in cards:
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
                    *context,
                ]
            )
            if not (by_indicator[card_id] or by_group[card_id]):
                emptied.append(card_id)  # no entries (any more): no group scores either
                continue
            for group_id, g in zip(group_ids, result.groups, strict=True):
                below = g.below_target
                yield [card_id, group_id, g.points, g.applicable_max, json.dumps(below) if below else "[]"]

    _group_scores_upsert(scored())
    for start in range(0, len(emptied), BATCH):
        GroupScore.objects.filter(scorecard__in=emptied[start : start + BATCH]).delete()

    path_prefix = parent.path if parent is not None else "/"
    final_only = scheme.draft_ranking == DraftRanking.EXCLUDE
    period_figures_write(
        scheme_id=scheme.pk,
        previous_period_id=period.previous_id,
        rows=card_rows,
        recomputed_at=now,
        path_prefix=path_prefix,
        period_id=period.pk,
        final_only=final_only,
    )
    following = Period.objects.filter(previous=period).values_list("pk", flat=True).first()
    if following:  # the next period's changes compare against this one: same writer, its stored figures
        following_rows = scorecard_list(scheme=scheme, period=Period(pk=following), parent=parent).values_list(
            "pk", *FIGURES, *CONTEXT
        )
        period_figures_write(
            scheme_id=scheme.pk,
            previous_period_id=period.pk,
            rows=[list(row) for row in following_rows],
            recomputed_at=now,
            path_prefix=path_prefix,
            period_id=following,
            final_only=final_only,
        )
    # One UPDATE (no read-modify-write of the row, whose lease and pending flag other processes change).
    finished = timezone.now()
    if not RecomputeRequest.objects.filter(scheme=scheme, period=period).update(finished_at=finished):
        RecomputeRequest.objects.get_or_create(scheme=scheme, period=period, defaults={"finished_at": finished})
    return len(cards)
