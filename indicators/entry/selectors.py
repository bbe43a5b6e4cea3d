"""Reading what a scorecard holds, for the entry form, exports and reports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet

from accounts import selectors as access
from indicators.constants import ScorecardStatus
from indicators.formatting import entry_display, number_vi
from indicators.models import Entry, EntryComment, GroupNote, Period, Scorecard
from indicators.periods import period_label
from indicators.schemes import scheme_spec_load
from indicators.scoring import SchemeSpec, ScoreResult, score_scorecard
from indicators.values import EntryKey, EntryValue


def entry_value_of(entry: Entry) -> EntryValue:
    return EntryValue(
        points=entry.points,
        numerator=entry.numerator,
        denominator=entry.denominator,
        not_applicable=entry.not_applicable,
    )


def entries_current(*, scorecard: Scorecard) -> dict[EntryKey, EntryValue]:
    """The scorecard's stored entries keyed like `scorecard_save` takes them."""
    return {(e.indicator_id, e.group_id): entry_value_of(e) for e in Entry.objects.filter(scorecard=scorecard)}


def causes_current(*, scorecard: Scorecard) -> dict[int, str]:
    return dict(GroupNote.objects.filter(scorecard=scorecard).values_list("group_id", "cause"))


def scorecard_spec(scorecard: Scorecard) -> SchemeSpec:
    """The scorecard's scheme, read once per scorecard object: one request validates, saves and submits it."""
    cached = getattr(scorecard, "_spec_cache", None)
    if cached is None or cached[0] != scorecard.scheme_id:
        cached = (scorecard.scheme_id, scheme_spec_load(scorecard.scheme))
        scorecard._spec_cache = cached
    return cached[1]


def scorecard_score(
    *, scorecard: Scorecard, values: Mapping[EntryKey, EntryValue] | None = None, spec: SchemeSpec | None = None
) -> ScoreResult:
    """Score the stored entries, or `values` typed in a form, through the one scoring path (the live preview)."""
    spec = spec or scorecard_spec(scorecard)
    if values is None:
        values = entries_current(scorecard=scorecard)
    indicator_codes, group_codes = spec.indicator_codes, spec.group_codes
    return score_scorecard(
        spec,
        {indicator_codes[i]: v for (i, g), v in values.items() if i is not None and i in indicator_codes},
        {group_codes[g]: v for (i, g), v in values.items() if g is not None and g in group_codes},
        level=scorecard.unit.level,
        published_total=scorecard.published_total,
    )


HISTORY_PERIODS = 12


@dataclass(frozen=True)
class PastValue:
    """One earlier period's value of an indicator, as the history beside the form lists it."""

    period_key: str
    period_label: str
    value: EntryValue | None

    @property
    def text(self) -> str:
        """ "45/50 (90 %)", "3,5", "Không áp dụng" or "–" when nothing was entered."""
        if self.value is None:
            return "–"
        shown = entry_display(self.value)
        if self.value.numerator is not None and self.value.denominator:
            rate = self.value.numerator * 100 / self.value.denominator
            shown += f" ({number_vi(rate.quantize(Decimal('0.01')))} %)"
        return shown


def comments_current(*, scorecard: Scorecard) -> dict[EntryKey, EntryComment]:
    """The officer's notes and the reviewer's requests beside the scorecard's values, keyed like the entries."""
    return {(c.indicator_id, c.group_id): c for c in EntryComment.objects.filter(scorecard=scorecard)}


def entry_history(*, scorecard: Scorecard, limit: int = HISTORY_PERIODS) -> dict[EntryKey, list[PastValue]]:
    """Each value of the unit over the last `limit` periods of the same kind before this one, oldest first.

    Two queries whatever the number of indicators: the periods, then their entries."""
    periods = list(
        Period.objects.filter(
            kind=scorecard.period.kind,
            start__lt=scorecard.period.start,
            scorecards__unit_id=scorecard.unit_id,
            scorecards__scheme_id=scorecard.scheme_id,
        )
        .order_by("-start")
        .only("key", "start")[:limit]
    )
    periods.reverse()
    if not periods:
        return {}
    by_period: dict[int, dict[EntryKey, EntryValue]] = {p.pk: {} for p in periods}
    entries = Entry.objects.filter(
        scorecard__unit_id=scorecard.unit_id, scorecard__scheme_id=scorecard.scheme_id, scorecard__period__in=periods
    ).values_list(
        "scorecard__period_id", "indicator_id", "group_id", "points", "numerator", "denominator", "not_applicable"
    )
    keys: set[EntryKey] = set()
    for period_id, indicator_id, group_id, points, numerator, denominator, not_applicable in entries:
        key = (indicator_id, group_id)
        keys.add(key)
        by_period[period_id][key] = EntryValue(
            points=points, numerator=numerator, denominator=denominator, not_applicable=not_applicable
        )
    return {key: [PastValue(p.key, period_label(p.key), by_period[p.pk].get(key)) for p in periods] for key in keys}


def scorecards_waiting_for(*, user: Any) -> QuerySet[Scorecard]:
    """Submitted scorecards this user reviews (units strictly below their staff units), oldest period first,
    then by unit name: the order "next card waiting for me" walks."""
    queryset = access.scorecard_list_for_user(user=user, filters={"status": ScorecardStatus.SUBMITTED})
    if not access.is_administrator(user=user):
        roots = list(access.review_units_for_user(user=user))
        if not roots:
            return queryset.none()
        queryset = queryset.filter(reduce(or_, (Q(unit__path__startswith=r.path) for r in roots))).exclude(
            unit_id__in=[r.pk for r in roots]
        )
    return queryset.order_by("period__start", "unit__name", "pk")


def scorecard_next_waiting(*, user: Any, current: Scorecard | None = None) -> Scorecard | None:
    """The next submitted scorecard waiting for this user's review, other than `current`."""
    queryset = scorecards_waiting_for(user=user).select_related("unit", "period")
    if current is not None:
        queryset = queryset.exclude(pk=current.pk)
    return queryset.first()
