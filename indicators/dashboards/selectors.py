"""What the ranking dashboards show, derived from stored figures only (never recomputed here).

The league table's rows, the class counts, the heat map, the biggest movers, the units below target per group
and each unit's distance to the next class all come from one queryset of scorecards with their group scores,
so the page, its export and a report built from the same queryset cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from indicators.dashboards.charts import heat_color
from indicators.models import ClassificationBand, GroupScore, IndicatorGroup, Scheme, Scorecard

ZERO = Decimal(0)


@dataclass
class GroupCell:
    group: IndicatorGroup
    points: Decimal | None
    maximum: Decimal
    below_target: list[str]

    @property
    def ratio(self) -> Decimal | None:
        return self.points / self.maximum if self.points is not None and self.maximum else None

    @property
    def color(self) -> str:
        return heat_color(self.ratio)

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


@dataclass
class LeagueTable:
    rows: list[LeagueRow]
    groups: list[IndicatorGroup]
    bands: list[ClassificationBand]
    class_counts: list[tuple[ClassificationBand, int]]
    gains: list[LeagueRow]
    losses: list[LeagueRow]
    below_target: list[tuple[IndicatorGroup, list[LeagueRow]]]


LEAGUE_FIELDS = (
    "unit__id",
    "unit__code",
    "unit__name",
    "unit__kind",
    "unit__level",
    "unit__parent_id",
    "unit__path",
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


def league_queryset(queryset: QuerySet[Scorecard]) -> QuerySet[Scorecard]:
    """The scorecards of a league table with only the columns the page reads (700 rows stay light)."""
    return queryset.select_related("unit", "classification", "previous_classification").only(*LEAGUE_FIELDS)


def group_scores_by_card(card_ids: list[int]) -> dict[int, dict[int, tuple[Decimal | None, Decimal, list[str]]]]:
    """{card: {group: (points, applicable max, indicators below target)}} in one query, without model objects."""
    scores: dict[int, dict[int, tuple[Decimal | None, Decimal, list[str]]]] = {pk: {} for pk in card_ids}
    rows = GroupScore.objects.filter(scorecard_id__in=card_ids).values_list(
        "scorecard_id", "group_id", "points", "applicable_max", "below_target"
    )
    for card_id, group_id, points, maximum, below in rows:
        scores[card_id][group_id] = (points, maximum, below)
    return scores


def league_table(*, scheme: Scheme, cards: list[Scorecard]) -> LeagueTable:
    """Rows with group cells and the summaries beside the table."""
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
        row = LeagueRow(card=card, cells=cells)
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


def unit_history(*, unit_id: int, scheme: Scheme, period_kind: str) -> list[Scorecard]:
    """A unit's scorecards of one period kind, oldest first, with group scores: its trend and rank history."""
    return list(
        Scorecard.objects.filter(unit_id=unit_id, scheme=scheme, period__kind=period_kind)
        .select_related("unit", "period", "classification")
        .prefetch_related(Prefetch("group_scores", queryset=GroupScore.objects.order_by("group_id")))
        .order_by("period__start")
    )
