"""A scored 2025 province, shared by the ranking and the report tests: its communes and five provincial bodies,
every child scored by group with seeded random points and recomputed, so ranks and classes are real."""

from __future__ import annotations

import random
from decimal import Decimal

from indicators.constants import ScorecardStatus
from indicators.models import Entry, Period, Scheme, Scorecard
from indicators.services import period_get_or_create, scorecards_recompute
from units.models import AdministrativeUnit
from units.services import provincial_body_create

BODIES = ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Văn phòng UBND tỉnh", "Thanh tra tỉnh"]


def bodies_create(province: AdministrativeUnit, names: list[str] = BODIES) -> None:
    for name in names:
        provincial_body_create(province=province, name=name)


def month_score(
    province: AdministrativeUnit,
    scheme: Scheme,
    key: str,
    seed: int,
    *,
    status: str = ScorecardStatus.DRAFT,
    lowest: int = 40,
) -> Period:
    """Score every child of the province for one period (`lowest`–100 % of each group's maximum), recompute."""
    period = period_get_or_create(key=key)
    children = list(AdministrativeUnit.objects.filter(parent=province))
    cards = Scorecard.objects.bulk_create(
        Scorecard(unit=u, period=period, scheme=scheme, status=status) for u in children
    )
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    groups = list(scheme.groups.all())
    Entry.objects.bulk_create(
        Entry(
            scorecard=c,
            group=g,
            points=(g.max_points * Decimal(rng.randint(lowest, 100)) / 100).quantize(Decimal("0.1")),
        )
        for c in cards
        for g in groups
    )
    scorecards_recompute(scheme=scheme, period=period)
    return period
