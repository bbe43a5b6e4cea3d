"""A unit's own standing, for its officer's landing page and its own page: rank "05/13 ▲ 2 bậc", class, trend,
points needed for the next class and the groups that lose it most, and last period's comparison.

Built on the league table's selectors (`league_row_get`, `unit_history`) over the unit's own
stored figures, so the rank and points shown are those the district's league table ranks; nothing is recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Case, IntegerField, Value, When
from django.utils.safestring import SafeString

from accounts import selectors as access
from indicators.constants import PeriodKind
from indicators.dashboards.charts import line_chart
from indicators.dashboards.selectors import LeagueRow, league_row_get, unit_history
from indicators.models import Scorecard
from indicators.periods import period_short_label
from units.models import AdministrativeUnit

TREND_PERIODS = 6


@dataclass
class Standing:
    """What a unit's officer wants to know first about their unit."""

    unit: AdministrativeUnit
    card: Scorecard | None = None
    row: LeagueRow | None = None
    previous: Scorecard | None = None
    trend: list[tuple[str, Decimal | None]] = field(default_factory=list)
    chart: SafeString | None = None

    @property
    def rank_text(self) -> str:
        """ "05/13 ▲ 2 bậc", "05/13 ▼ 1 bậc", "05/13 (giữ nguyên)", "05/13"."""
        card = self.card
        if card is None or card.rank is None:
            return ""
        text = f"{card.rank:02d}/{card.rank_of or 0:02d}"
        if card.delta_rank is None:
            return text
        if card.delta_rank > 0:
            return f"{text} ▲ {card.delta_rank} bậc"
        if card.delta_rank < 0:
            return f"{text} ▼ {-card.delta_rank} bậc"
        return f"{text} (giữ nguyên thứ hạng)"


def _latest_ranked(user: Any, unit: AdministrativeUnit) -> Scorecard | None:
    """The unit's most recent ranked scorecard, months before weeks (the reports' usual period)."""
    queryset = access.scorecard_list_for_user(user=user).filter(unit=unit, rank__isnull=False)
    order = Case(When(period__kind=PeriodKind.MONTH, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        queryset.select_related("unit", "period", "scheme", "classification", "previous_classification")
        .annotate(kind_order=order)
        .order_by("kind_order", "-period__end")
        .first()
    )


def unit_standing(*, user: Any, unit: AdministrativeUnit) -> Standing:
    """The standing of one unit the user may see (empty when it has no ranked scorecard yet)."""
    standing = Standing(unit=unit)
    card = _latest_ranked(user, unit)
    if card is None:
        return standing
    standing.card = card
    standing.row = league_row_get(scheme=card.scheme, period=card.period, unit=unit)
    history = [c for c in unit_history(unit_id=unit.pk, scheme=card.scheme, period_kind=card.period.kind)]
    history = [c for c in history if c.period.start <= card.period.start][-TREND_PERIODS:]
    standing.trend = [(c.period.label, c.converted_total) for c in history]
    standing.previous = next((c for c in history if c.period_id == card.period.previous_id), None)
    if len(history) > 1:
        standing.chart = line_chart(
            [period_short_label(c.period.key) for c in history],
            {"Điểm tổng": [c.converted_total for c in history]},
            title="Điểm tổng các kỳ gần đây",
            y_max=Decimal(100),
            width=420,
            height=180,
        )
    return standing


def unit_standings_for_user(*, user: Any, units: list[AdministrativeUnit]) -> list[Standing]:
    """One standing per unit the user belongs to (an officer may belong to several)."""
    return [unit_standing(user=user, unit=unit) for unit in units]
