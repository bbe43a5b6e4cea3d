"""Demo data: real units of two provinces and a year of plausible scorecards, so a newcomer sees a live app.

Values are generated (deterministically, from a fixed seed) around a quality level per unit with a gentle
trend, then go through the same recompute service as real data. Nothing here is used outside the demo.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from indicators.constants import PointsMethod, ScorecardStatus
from indicators.models import Entry, Period, Scheme, Scorecard
from indicators.periods import period_get_or_create
from indicators.schemes import scheme_spec_load
from indicators.services import scorecards_recompute
from units.loaders import province_load
from units.models import AdministrativeUnit
from units.selectors import unit_descendants

YEAR = 2024
DEMO_PROVINCES = [("Đồng Tháp", "qd766"), ("Điện Biên", "dienbien-459")]


@dataclass
class DemoSummary:
    units: int = 0
    scorecards: int = 0
    periods: int = 0
    skipped: bool = False


def _quality(rng: random.Random) -> tuple[float, float]:
    """A unit's level (share of the maximum) and its monthly drift."""
    return rng.uniform(0.55, 0.95), rng.uniform(-0.008, 0.012)


def _rate(level: float, step: int, drift: float, rng: random.Random) -> float:
    return max(0.0, min(1.0, level + drift * step + rng.gauss(0, 0.06)))


def _status(period_index: int, periods: int) -> str:
    if period_index < periods - 2:
        return ScorecardStatus.APPROVED
    return ScorecardStatus.SUBMITTED if period_index == periods - 2 else ScorecardStatus.DRAFT


def _entries_detailed(
    card: Scorecard, spec, level: float, step: int, drift: float, rng, scheme_code: str
) -> list[Entry]:
    entries: list[Entry] = []
    for items in spec.indicators_by_group.values():
        for indicator in items:
            if indicator.levels and card.unit.level not in indicator.levels:
                continue
            if scheme_code == "dienbien-459" and indicator.code in {"CK1", "CK3"}:
                entries.append(Entry(scorecard=card, indicator=indicator, not_applicable=True))
                continue
            rate = _rate(level, step, drift, rng)
            if indicator.method == PointsMethod.DIRECT or scheme_code == "dienbien-459":
                points = (indicator.max_points * Decimal(str(round(rate, 3)))).quantize(Decimal("0.1"))
                entries.append(Entry(scorecard=card, indicator=indicator, points=points))
                continue
            denominator = rng.randint(15, 400)
            numerator = round(denominator * rate)
            entries.append(
                Entry(
                    scorecard=card, indicator=indicator, numerator=Decimal(numerator), denominator=Decimal(denominator)
                )
            )
    return entries


def _entries_by_group(card: Scorecard, spec, level: float, step: int, drift: float, rng) -> list[Entry]:
    return [
        Entry(
            scorecard=card,
            group=group,
            points=(group.max_points * Decimal(str(round(_rate(level, step, drift, rng), 3)))).quantize(Decimal("0.1")),
        )
        for group in spec.groups
    ]


@transaction.atomic
def demo_load(*, reset: bool = False, seed: int = 766) -> DemoSummary:
    """Load the demo provinces and their 2024 scorecards (monthly and, for qd766, weekly). Idempotent."""
    summary = DemoSummary()
    for province_name, scheme_code in DEMO_PROVINCES:
        province_load(province=province_name, edition="legacy")
        province = AdministrativeUnit.objects.get(edition="legacy", level=1, name=province_name)
        scheme = Scheme.objects.get(code=scheme_code)
        units = list(unit_descendants(unit=province, include_self=True))
        summary.units += len(units)
        existing = Scorecard.objects.filter(scheme=scheme, unit__in=units)
        if existing.exists():
            if not reset:
                summary.skipped = True
                continue
            Entry.objects.filter(scorecard__in=existing).delete()
            existing.delete()
        rng = random.Random(f"{seed}-{scheme_code}")
        spec = scheme_spec_load(scheme)
        quality = {u.pk: _quality(rng) for u in units}
        plans = [(f"{YEAR}-{m:02d}", True) for m in range(1, 13)]
        if scheme_code == "qd766":
            plans += [(f"{YEAR}-W{w:02d}", False) for w in range(1, 53)]
        monthly_count = 12
        for index, (key, detailed) in enumerate(plans):
            period = period_get_or_create(key)
            position = index if detailed else (index - monthly_count)
            total_positions = 12 if detailed else 52
            cards = Scorecard.objects.bulk_create(
                Scorecard(unit=u, period=period, scheme=scheme, status=_status(position, total_positions))
                for u in units
            )
            entries: list[Entry] = []
            for card in cards:
                level, drift = quality[card.unit_id]
                step = position if detailed else position // 4
                if detailed:
                    entries += _entries_detailed(card, spec, level, step, drift, rng, scheme_code)
                else:
                    entries += _entries_by_group(card, spec, level, step, drift, rng)
            Entry.objects.bulk_create(entries, batch_size=2000)
            summary.scorecards += len(cards)
            summary.periods += 1
        for key, _ in plans:
            scorecards_recompute(scheme=scheme, period=period_get_or_create(key))
    return summary


# --- entry in the browser: deadlines on the legacy history ------------------------------------------

ENTRY_DISTRICT_CODE = "875"  # Huyện Lấp Vò, whose officers and staff are the legacy demo users


def _deadline(period) -> date:
    """Monthly and longer periods are due on the 5th of the following month; weeks on the Wednesday after."""
    if period.kind == "week":
        return period.end + timedelta(days=3)
    return period.end + timedelta(days=5)


@transaction.atomic
def demo_entry_periods_create() -> int:
    """Put deadlines on the legacy demo periods (2024); returns how many periods got one.

    The district era ended on 30/6/2025, so no legacy unit is opened for today's months any more: the periods
    open for entry now belong to the 2025 province (`indicators.demo_today`). Lấp Vò's last 2024 month stays a
    draft and the month before it submitted, so the legacy users still have something to enter and approve.
    """
    periods = list(Period.objects.filter(entry_deadline__isnull=True, start__year=YEAR))
    for period in periods:
        period.entry_deadline = _deadline(period)
        period.save(update_fields=["entry_deadline"])
    return len(periods)
