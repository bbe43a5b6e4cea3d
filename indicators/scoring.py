"""The one code path from entered values to points, group totals, total, converted total and class.

Everything is `Decimal`. Indicator points stay unrounded until a published figure is made: group points,
the total and the converted total are each rounded half-up to 2 decimals from the unrounded sums, which is
how the portal publishes totals that differ from the sum of the rounded group points (seed 000).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any, Protocol

from indicators.constants import NotApplicablePolicy, PointsMethod, TargetDirection, ZeroDenominator
from indicators.formulas import FORMULAS

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def round_points(value: Decimal) -> Decimal:
    """Half-up to 2 decimals, the precision of published points."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def group_share(points: Decimal | None, maximum: Decimal | None) -> Decimal | None:
    """Points as a percentage of their maximum (2 decimals), so groups of 10 and 22 points compare; None when
    there are no points or no maximum. The dashboard's colours and charts and the reports' tables print this."""
    if points is None or not maximum:
        return None
    return round_points(Decimal(points) * 100 / Decimal(maximum))


def change_against_previous(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """The change of a figure since the previous period, at points precision; None when either is missing.

    The stored `delta_points` of a scorecard is this for its total (computed set-wise in SQL by ranking.py);
    a group's change is computed here from the two periods' stored points."""
    if current is None or previous is None:
        return None
    return round_points(Decimal(current) - Decimal(previous))


class EntryLike(Protocol):
    points: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    not_applicable: bool


class IndicatorLike(Protocol):
    code: str
    max_points: Decimal
    method: str
    target: Decimal | None
    formula: str
    levels: list[int]
    zero_denominator: str


class GroupLike(Protocol):
    code: str
    max_points: Decimal


class BandLike(Protocol):
    label: str
    min_score: Decimal


@dataclass(frozen=True)
class SchemeSpec:
    """A scheme's structure, loaded once and reused for every scorecard being scored."""

    policy: str
    groups: Sequence[GroupLike]
    indicators_by_group: Mapping[str, Sequence[IndicatorLike]]  # by group code
    bands: Sequence[BandLike]  # highest lower bound first

    @property
    def max_total(self) -> Decimal:
        return sum((g.max_points for g in self.groups), ZERO)

    # The id <-> code maps every caller needs (form, API, importer, recompute), built once per loaded scheme.
    # cached_property writes the instance __dict__ directly, so it works on this frozen dataclass.

    @cached_property
    def group_plan(self) -> tuple[tuple[GroupLike, Sequence[IndicatorLike]], ...]:
        """Each group with its indicators, in order: what scoring walks for every scorecard."""
        return tuple((g, self.indicators_by_group.get(g.code, ())) for g in self.groups)

    @cached_property
    def indicators_by_id(self) -> dict[int, Any]:
        return {i.pk: i for items in self.indicators_by_group.values() for i in items}  # type: ignore[attr-defined]

    @cached_property
    def groups_by_id(self) -> dict[int, Any]:
        return {g.pk: g for g in self.groups}  # type: ignore[attr-defined]

    @cached_property
    def indicator_codes(self) -> dict[int, str]:
        return {pk: i.code for pk, i in self.indicators_by_id.items()}

    @cached_property
    def group_codes(self) -> dict[int, str]:
        return {pk: g.code for pk, g in self.groups_by_id.items()}

    @cached_property
    def indicator_group_ids(self) -> dict[int, int]:
        return {pk: i.group_id for pk, i in self.indicators_by_id.items()}

    @cached_property
    def code_by_key(self) -> dict[tuple[int | None, int | None], str]:
        """(indicator_id, None) or (None, group_id) → its code, as entries are keyed."""
        codes: dict[tuple[int | None, int | None], str] = {(None, pk): c for pk, c in self.group_codes.items()}
        codes.update({(pk, None): code for pk, code in self.indicator_codes.items()})
        return codes

    @cached_property
    def key_by_code(self) -> dict[str, tuple[int | None, int | None]]:
        """An upper-case indicator or group code → its entry key (indicator codes win a clash)."""
        return {code.upper(): key for key, code in sorted(self.code_by_key.items(), key=lambda kv: kv[0][0] or 0)}

    def target_of(self, key: tuple[int | None, int | None]) -> Any | None:
        """The indicator or group an entry key names, None when it is not this scheme's."""
        indicator_id, group_id = key
        return self.indicators_by_id.get(indicator_id) if indicator_id else self.groups_by_id.get(group_id)

    def allows_not_applicable(self, key: tuple[int | None, int | None]) -> bool:
        """An indicator says so itself; a group allows "-" when it has indicators and every one of them does."""
        target = self.target_of(key)
        if target is None:
            return False
        if key[0] is not None:
            return bool(target.allows_not_applicable)
        items = self.indicators_by_group.get(target.code, ())
        return bool(items) and all(i.allows_not_applicable for i in items)  # type: ignore[attr-defined]


@dataclass(slots=True)
class IndicatorResult:
    indicator: IndicatorLike
    points: Decimal = ZERO  # unrounded
    rate: Decimal | None = None  # percent
    applicable: bool = True
    missing: bool = False
    below_target: bool = False
    null: bool = False  # the portal's null score: counts nothing, is not 0 and not "not applicable"
    published: bool = False  # the portal's published score taken as is (PointsMethod.PUBLISHED)


@dataclass(slots=True)
class GroupResult:
    group: GroupLike
    raw_points: Decimal = ZERO
    applicable_max: Decimal = ZERO
    from_group_entry: bool = False
    indicators: list[IndicatorResult] = field(default_factory=list)

    @property
    def points(self) -> Decimal | None:
        return round_points(self.raw_points) if self.applicable_max or self.raw_points else None

    # The fast paths for a group scored as a whole (no indicator results) matter to a national recompute, which
    # asks these of some 70,000 groups.
    @property
    def below_target(self) -> list[str]:
        return [r.indicator.code for r in self.indicators if r.below_target] if self.indicators else []

    @property
    def published_only(self) -> bool:
        """The group's points are the portal's published score, not recomputed from counts (DVCTT for communes)."""
        return bool(self.indicators) and all(r.published for r in self.indicators if not r.missing)

    @property
    def missing_count(self) -> int:
        return sum(1 for r in self.indicators if r.missing) if self.indicators else 0


@dataclass(slots=True)
class ScoreResult:
    groups: list[GroupResult]
    computed_total: Decimal | None
    total: Decimal | None
    applicable_max: Decimal
    converted_total: Decimal | None
    band: BandLike | None
    published_gap: Decimal | None

    @property
    def missing_count(self) -> int:
        return sum(g.missing_count for g in self.groups)


def rate_percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    """numerator / denominator in percent, capped at 100 so a slip like "1000%" cannot give extra points."""
    return min(HUNDRED, numerator * HUNDRED / denominator)


def misses_target(rate: Decimal, indicator: IndicatorLike) -> bool:
    """Whether a rate is on the wrong side of the indicator's target: below a floor, or above a ceiling."""
    if getattr(indicator, "target_direction", TargetDirection.FLOOR) == TargetDirection.CEILING:
        return rate > indicator.target
    return rate < indicator.target


def points_from_rate(indicator: IndicatorLike, rate: Decimal) -> Decimal:
    """Points for a rate, by the indicator's method: max × rate / 100, or min(max, max × rate / target)."""
    max_points = indicator.max_points
    if indicator.method == PointsMethod.FORMULA:
        return min(max_points, FORMULAS[indicator.formula](max_points, rate, indicator.target))
    if indicator.method == PointsMethod.TARGET_RATE and indicator.target:
        return min(max_points, max_points * rate / indicator.target)
    return max_points * rate / HUNDRED


def score_indicator(indicator: IndicatorLike, entry: EntryLike | None, level: int | None) -> IndicatorResult:
    """One indicator's unrounded points; `applicable` False means the scheme's N/A policy decides."""
    result = IndicatorResult(indicator=indicator)
    if level is not None and indicator.levels and level not in indicator.levels:
        result.applicable = False
        return result
    if entry is None:
        result.missing = True
        return result
    if entry.not_applicable:
        result.applicable = False
        return result
    if indicator.method == PointsMethod.PUBLISHED:
        # Only the published score exists (the portal does not publish the counts behind it).
        result.published = entry.points is not None
        result.missing = entry.points is None
        result.points = min(indicator.max_points, max(ZERO, entry.points or ZERO))
        return result
    if entry.numerator is not None and entry.denominator is not None:
        if entry.denominator == 0:
            rule = indicator.zero_denominator
            if rule == ZeroDenominator.NOT_APPLICABLE:
                result.applicable = False
            elif rule == ZeroDenominator.FULL:
                result.points = indicator.max_points
            elif rule == ZeroDenominator.NULL:
                result.null = True
            return result
        result.rate = rate_percent(entry.numerator, entry.denominator)
        result.points = points_from_rate(indicator, result.rate)
        if indicator.target is not None:
            result.below_target = misses_target(result.rate, indicator)
        return result
    if entry.points is not None:
        result.points = min(indicator.max_points, max(ZERO, entry.points))
        return result
    result.missing = True
    return result


def _apply_policy(result: IndicatorResult | GroupResult, max_points: Decimal, policy: str) -> Decimal:
    """Applicable maximum contributed by an item, giving full points to N/A items under the full-points policy."""
    if isinstance(result, IndicatorResult) and not result.applicable:
        if policy == NotApplicablePolicy.FULL_POINTS:
            result.points = max_points
            return max_points
        return ZERO
    return max_points


def score_group(
    group: GroupLike,
    indicators: Sequence[IndicatorLike],
    entries: Mapping[str, EntryLike],
    group_entry: EntryLike | None,
    level: int | None,
    policy: str,
) -> GroupResult:
    """A group's points: its group-level entry when one was given, else the sum of its indicators."""
    result = GroupResult(group=group)
    if group_entry is not None:
        result.from_group_entry = True
        if group_entry.not_applicable:
            if policy == NotApplicablePolicy.FULL_POINTS:
                result.raw_points = result.applicable_max = group.max_points
            return result
        if group_entry.points is not None:
            result.raw_points = min(group.max_points, max(ZERO, group_entry.points))
            result.applicable_max = group.max_points
            return result
    for indicator in indicators:
        item = score_indicator(indicator, entries.get(indicator.code), level)
        result.applicable_max += _apply_policy(item, indicator.max_points, policy)
        result.raw_points += item.points
        result.indicators.append(item)
    if not indicators and group_entry is None:
        result.applicable_max = group.max_points  # a group scored only as a whole, not entered yet
    return result


def classify(bands: Iterable[BandLike], score: Decimal | None) -> BandLike | None:
    """The band whose lower bound the score reaches (bands ordered highest first)."""
    if score is None:
        return None
    for band in bands:
        if score >= band.min_score:
            return band
    return None


def score_scorecard(
    spec: SchemeSpec,
    indicator_entries: Mapping[str, EntryLike],
    group_entries: Mapping[str, EntryLike],
    *,
    level: int | None,
    published_total: Decimal | None = None,
) -> ScoreResult:
    """Score one scorecard. The published total, when present, is the total that ranks and classifies;
    the gap between it and the computed sum is reported, never silently corrected."""
    has_entries = bool(indicator_entries or group_entries)
    policy = spec.policy
    groups = [
        score_group(group, indicators, indicator_entries, group_entries.get(group.code), level, policy)
        for group, indicators in spec.group_plan
    ]
    if has_entries:
        raw_total, applicable_max = ZERO, ZERO
        for g in groups:  # one pass, not two sums over generators (a national recompute scores 10,000 cards)
            raw_total += g.raw_points
            applicable_max += g.applicable_max
        computed_total: Decimal | None = round_points(raw_total)
    else:
        raw_total, applicable_max, computed_total = ZERO, spec.max_total, None

    total = published_total if published_total is not None else computed_total
    if total is None or not applicable_max:
        converted = None
    elif published_total is not None:
        converted = round_points(published_total * HUNDRED / applicable_max)
    else:
        converted = round_points(raw_total * HUNDRED / applicable_max)
    gap = published_total - computed_total if published_total is not None and computed_total is not None else None
    return ScoreResult(
        groups=groups,
        computed_total=computed_total,
        total=total,
        applicable_max=applicable_max,
        converted_total=converted,
        band=classify(spec.bands, converted),
        published_gap=gap,
    )
