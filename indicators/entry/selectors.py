"""Reading what a scorecard holds, for the entry form, exports and reports."""

from __future__ import annotations

from collections.abc import Mapping

from indicators.models import Entry, GroupNote, Scorecard
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


def scorecard_score(
    *, scorecard: Scorecard, values: Mapping[EntryKey, EntryValue] | None = None, spec: SchemeSpec | None = None
) -> ScoreResult:
    """Score the stored entries, or `values` typed in a form, through the one scoring path (the live preview)."""
    spec = spec or scheme_spec_load(scorecard.scheme)
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
