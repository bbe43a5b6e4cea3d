"""Across the reform of 1/7/2025: the legacy units a 2025 unit was formed from (and the reverse), with their history.

A unit lives in one edition, so its own trend never crosses the reform; what came before is read through the merge
links (`AdministrativeUnit.merged_into`) and shown apart, labelled "trước sắp xếp", never as a change in points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from indicators.models import GroupScore, Scheme, Scorecard
from units.models import AdministrativeUnit


@dataclass
class ReformLink:
    """A unit on the other side of the reform, whether the user may open its page, and its scorecards."""

    unit: AdministrativeUnit
    visible: bool
    cards: list[Scorecard] = field(default_factory=list)

    @property
    def latest(self) -> Scorecard | None:
        return self.cards[-1] if self.cards else None


def reform_predecessors(
    *, unit: AdministrativeUnit, scheme: Scheme | None, period_kind: str, visible_ids: set[int]
) -> list[ReformLink]:
    """The legacy units `unit` was formed from, each with its scorecards of one period kind (oldest first)."""
    sources = list(unit.merged_from.select_related("parent").order_by("code"))
    if not sources:
        return []
    by_unit: dict[int, list[Scorecard]] = {source.pk: [] for source in sources}
    if scheme is not None:
        cards = (
            Scorecard.objects.filter(unit__in=sources, scheme=scheme, period__kind=period_kind)
            .select_related("period", "classification")
            .prefetch_related(Prefetch("group_scores", queryset=GroupScore.objects.order_by("group_id")))
            .order_by("period__start")
        )
        for card in cards:
            by_unit[card.unit_id].append(card)
    return [ReformLink(unit=s, visible=s.pk in visible_ids, cards=by_unit[s.pk]) for s in sources]


def reform_successors(*, unit: AdministrativeUnit, visible_ids: set[int]) -> list[ReformLink]:
    """The 2025 units a legacy unit became part of (a commune divided between several lists them all)."""
    return [
        ReformLink(unit=target, visible=target.pk in visible_ids)
        for target in unit.merged_into.select_related("parent").order_by("code")
    ]
