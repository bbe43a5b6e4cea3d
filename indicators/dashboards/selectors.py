"""What the ranking dashboards show, derived from stored figures only (never recomputed here).

The league table's rows, the class counts, the heat map, the biggest movers, the units below target per group
and each unit's distance to the next class all come from one queryset of scorecards with their group scores,
so the page, its export and a report built from the same queryset cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from indicators.dashboards.charts import heat_color
from indicators.filtersets import ScorecardFilterSet
from indicators.models import ClassificationBand, GroupScore, IndicatorGroup, Period, Scheme, Scorecard
from indicators.scoring import group_share
from indicators.selectors import scorecard_list
from units.collation import vietnamese_key
from units.constants import COHORT_BODIES, COHORT_UNITS, cohort_label, cohort_of
from units.models import AdministrativeUnit

ZERO = Decimal(0)


@dataclass
class GroupCell:
    group: IndicatorGroup
    points: Decimal | None
    maximum: Decimal
    below_target: list[str]

    @property
    def share(self) -> Decimal | None:
        return group_share(self.points, self.maximum)

    @property
    def color(self) -> str:
        return heat_color(self.share / 100 if self.share is not None else None)

    @property
    def lost(self) -> Decimal:
        return self.maximum - self.points if self.points is not None else ZERO


@dataclass
class LeagueRow:
    card: Scorecard
    cells: list[GroupCell]
    next_band: ClassificationBand | None = None
    points_to_next: Decimal | None = None
    weakest: list[GroupCell] = field(default_factory=list)
    cohort: str = COHORT_UNITS  # ranked among the communes (units) or among the bodies beside them
    cohort_label: str = ""  # "sở, ban, ngành", "xã, phường": what the rank is "out of"

    @property
    def rank_text(self) -> str:
        """ "03/15" (the rank within the row's cohort), "" when unranked."""
        card = self.card
        return f"{card.rank:02d}/{card.rank_of:02d}" if card.rank else ""


@dataclass
class LeagueTable:
    rows: list[LeagueRow]
    groups: list[IndicatorGroup]
    bands: list[ClassificationBand]
    class_counts: list[tuple[ClassificationBand, int]]
    gains: list[LeagueRow]
    losses: list[LeagueRow]
    below_target: list[tuple[IndicatorGroup, list[LeagueRow]]]
    filterset: ScorecardFilterSet | None = None  # the bound filters, for the page's filter form

    @property
    def cohorts(self) -> list[str]:
        """The cohorts present, communes first; two when a parent has both communes and bodies."""
        present = {row.cohort for row in self.rows}
        return [c for c in (COHORT_UNITS, COHORT_BODIES) if c in present]


class LeagueFiltersInvalid(ValueError):
    """The filters or sort of a league table request are not valid; `errors` names each field."""

    def __init__(self, filterset: ScorecardFilterSet) -> None:
        super().__init__(str(dict(filterset.errors)))
        self.filterset = filterset
        self.errors = filterset.errors


LEAGUE_FIELDS = (
    "unit__id",
    "unit__code",
    "unit__name",
    "unit__kind",
    "unit__level",
    "unit__parent_id",
    "unit__path",
    "unit__edition",
    "period_id",
    "scheme_id",
    "status",
    "total",
    "applicable_max",
    "converted_total",
    "published_gap",
    "rank",
    "rank_of",
    "delta_points",
    "delta_rank",
    "recomputed_at",
    "classification__code",
    "classification__label",
    "classification__min_score",
    "previous_classification__label",
)


def _league_cards(queryset: QuerySet[Scorecard]) -> list[Scorecard]:
    """The scorecards of a league table with only the columns the page reads (700 rows stay light)."""
    return list(queryset.select_related("unit", "classification", "previous_classification").only(*LEAGUE_FIELDS))


def _cohort_first(card: Scorecard) -> bool:
    """Communes first, then the bodies ranked apart from them (departments; a province's sở, ban, ngành)."""
    return cohort_of(card.unit.kind) == COHORT_BODIES


def league_order(cards: list[Scorecard]) -> list[Scorecard]:
    """Per cohort, ranked units by rank then Vietnamese name, unranked units last by name: the order everything
    prints."""
    return sorted(cards, key=lambda c: (_cohort_first(c), c.rank is None, c.rank or 0, vietnamese_key(c.unit.name)))


def _ordered(cards: list[Scorecard], sort: str) -> list[Scorecard]:
    """The default order, or a sort column (already applied in SQL) with names in Vietnamese order."""
    if sort == "-rank":  # worst first within each cohort, unranked still last
        return sorted(
            cards, key=lambda c: (_cohort_first(c), c.rank is None, -(c.rank or 0), vietnamese_key(c.unit.name))
        )
    if sort in ("", "rank"):
        return league_order(cards)
    if sort.lstrip("-") == "unit":  # SQL orders "Đ" after "Z"; users expect the alphabet
        return sorted(cards, key=lambda c: vietnamese_key(c.unit.name), reverse=sort.startswith("-"))
    return cards


def group_scores_by_card(card_ids: list[int]) -> dict[int, dict[int, tuple[Decimal | None, Decimal, list[str]]]]:
    """{card: {group: (points, applicable max, indicators below target)}} in one query, without model objects."""
    scores: dict[int, dict[int, tuple[Decimal | None, Decimal, list[str]]]] = {pk: {} for pk in card_ids}
    rows = GroupScore.objects.filter(scorecard_id__in=card_ids).values_list(
        "scorecard_id", "group_id", "points", "applicable_max", "below_target"
    )
    for card_id, group_id, points, maximum, below in rows:
        scores[card_id][group_id] = (points, maximum, below)
    return scores


def _league_table(*, scheme: Scheme, cards: list[Scorecard]) -> LeagueTable:
    """Rows with group cells and the summaries beside the table, in the order of `cards`."""
    groups = list(scheme.groups.order_by("order"))
    bands = list(scheme.bands.order_by("min_score"))  # lowest first
    rows = []
    all_scores = group_scores_by_card([card.pk for card in cards])
    for card in cards:
        scores = all_scores[card.pk]
        cells = []
        for group in groups:
            points, maximum, below = scores.get(group.pk, (None, None, []))
            cells.append(GroupCell(group=group, points=points, maximum=maximum or group.max_points, below_target=below))
        row = LeagueRow(
            card=card,
            cells=cells,
            cohort=cohort_of(card.unit.kind),
            cohort_label=cohort_label(kind=card.unit.kind, edition=card.unit.edition),
        )
        if card.converted_total is not None:
            row.next_band = next((b for b in bands if b.min_score > card.converted_total), None)
            if row.next_band is not None:
                row.points_to_next = row.next_band.min_score - card.converted_total
            row.weakest = sorted((c for c in cells if c.points is not None and c.lost > 0), key=lambda c: -c.lost)[:2]
        rows.append(row)

    counts = Counter(r.card.classification_id for r in rows if r.card.classification_id)
    moved = [r for r in rows if r.card.delta_points is not None]
    below = [(group, [r for r in rows if r.cells[index].below_target]) for index, group in enumerate(groups)]
    return LeagueTable(
        rows=rows,
        groups=groups,
        bands=list(reversed(bands)),
        class_counts=[(band, counts.get(band.pk, 0)) for band in reversed(bands)],
        gains=sorted((r for r in moved if r.card.delta_points > 0), key=lambda r: -r.card.delta_points)[:5],
        losses=sorted((r for r in moved if r.card.delta_points < 0), key=lambda r: r.card.delta_points)[:5],
        below_target=[(group, units) for group, units in below if units],
    )


# Query parameters that name the table itself rather than filter it.
TABLE_KEYS = ("scheme", "period", "parent", "format")


def league_table_get(
    *,
    scheme: Scheme,
    period: Period,
    parent: AdministrativeUnit,
    filters: Mapping[str, Any] | None = None,
) -> LeagueTable:
    """The ranking of `parent`'s children for a scheme and period: the one league table the page, its exports,
    the API, the `rankings` command and the reports all print.

    `filters` are the shared filterset's parameters (class, unit kind, `sort`); without `sort` rows are ranked
    units by rank then Vietnamese name, unranked units last by name. Invalid filters raise LeagueFiltersInvalid.
    """
    params = QueryDict(mutable=True)
    for key, value in (filters or {}).items():
        if key in TABLE_KEYS:
            continue
        values = filters.getlist(key) if isinstance(filters, QueryDict) else value
        params.setlist(key, list(values) if isinstance(values, (list, tuple)) else [values])
    base = scorecard_list(scheme=scheme, period=period, parent=parent, children_only=True)
    filterset = ScorecardFilterSet(params, queryset=base)
    if not filterset.is_valid():
        raise LeagueFiltersInvalid(filterset)
    cards = _ordered(_league_cards(filterset.qs), params.get("sort", ""))
    table = _league_table(scheme=scheme, cards=cards)
    table.filterset = filterset
    return table


def league_row_get(*, scheme: Scheme, period: Period, unit: AdministrativeUnit) -> LeagueRow | None:
    """A unit's own row as it appears in its parent's league table (a report's "own result"), or None."""
    cards = _league_cards(Scorecard.objects.filter(scheme=scheme, period=period, unit=unit))
    return _league_table(scheme=scheme, cards=cards).rows[0] if cards else None


def unit_history(*, unit_id: int, scheme: Scheme, period_kind: str) -> list[Scorecard]:
    """A unit's scorecards of one period kind, oldest first, with group scores: its trend and rank history."""
    return list(
        Scorecard.objects.filter(unit_id=unit_id, scheme=scheme, period__kind=period_kind)
        .select_related("unit", "period", "classification")
        .prefetch_related(Prefetch("group_scores", queryset=GroupScore.objects.order_by("group_id")))
        .order_by("period__start")
    )
