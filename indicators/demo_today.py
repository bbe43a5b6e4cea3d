"""Demo data for today's two-tier world: one 2025-edition province, its communes and its sở, ban, ngành,
scored monthly from July 2025 to the current month and weekly for the last weeks.

The legacy demo (`indicators.demo`) keeps the district era's 2024 history; this module adds the periods people
work in now, relative to today: the current month open for entry, last month submitted (a few late), the months
before approved. Every scorecard is checked against its unit's validity, so none falls outside it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from indicators.constants import ScorecardStatus
from indicators.demo import _deadline, _entries_by_group, _entries_detailed, _quality
from indicators.models import Entry, Period, Scheme, Scorecard
from indicators.periods import period_get_or_create, period_next_key
from indicators.schemes import scheme_spec_load
from indicators.services import scorecard_validity_problem, scorecards_recompute
from units.constants import Edition
from units.loaders import province_load
from units.models import AdministrativeUnit
from units.selectors import unit_descendants, unit_valid_on_q
from units.services import provincial_body_create

PROVINCE = "Đồng Tháp"  # 2025 edition, code 82: legacy Đồng Tháp and Tiền Giang merged, 102 communes
SCHEME = "qd766"
FIRST_MONTH = "2025-07"  # the first month of the two-tier administration
WEEKS = 8
# A realistic set of a province's bodies scored on the portal since 1/7/2025 (15, as "xếp hạng 03/15").
PROVINCIAL_BODIES = [
    "Văn phòng UBND tỉnh",
    "Thanh tra tỉnh",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Dân tộc và Tôn giáo",
    "Ban Quản lý các khu công nghiệp",
    "Ban Quản lý Khu kinh tế",
]
DETAILED_MONTHS = 4  # the latest months carry every indicator's counts; earlier ones group points only
LATE_LAST_MONTH = 3  # communes that have not submitted last month, so the matrix shows "x/y đã nộp"


@dataclass
class TodaySummary:
    province: AdministrativeUnit | None = None
    units: int = 0
    bodies: int = 0
    scorecards: int = 0
    periods: int = 0
    months: tuple[str, str] = ("", "")
    skipped: bool = False


def month_keys(*, first: str, today: date) -> list[str]:
    """Month keys from `first` up to and including today's month."""
    keys, key, last = [], first, f"{today.year}-{today.month:02d}"
    while key <= last:
        keys.append(key)
        key = period_next_key(key)
    return keys


def week_keys(*, today: date, count: int) -> list[str]:
    """The `count` whole ISO weeks before the current one, oldest first."""
    monday = today - timedelta(days=today.weekday())
    keys = []
    for back in range(count, 0, -1):
        iso = (monday - timedelta(weeks=back)).isocalendar()
        keys.append(f"{iso.year}-W{iso.week:02d}")
    return keys


def _month_status(index: int, months: int, late: bool) -> str:
    if index < months - 2:
        return ScorecardStatus.APPROVED
    if index == months - 2:
        return ScorecardStatus.DRAFT if late else ScorecardStatus.SUBMITTED
    return ScorecardStatus.DRAFT  # the current month: open for entry


@transaction.atomic
def demo_today_load(*, today: date | None = None, reset: bool = False, seed: int = 766) -> TodaySummary:
    """Load the 2025 province, its bodies and its scorecards up to today's month (idempotent; `reset` redoes)."""
    today = today or timezone.localdate()
    province = province_load(province=PROVINCE, edition=Edition.Y2025).province
    bodies = [provincial_body_create(province=province, name=name) for name in PROVINCIAL_BODIES]
    scheme = Scheme.objects.get(code=SCHEME)
    units = list(unit_descendants(unit=province, include_self=True))
    months, weeks = month_keys(first=FIRST_MONTH, today=today), week_keys(today=today, count=WEEKS)
    summary = TodaySummary(province=province, units=len(units), bodies=len(bodies), months=(months[0], months[-1]))
    existing = Scorecard.objects.filter(scheme=scheme, unit__in=units)
    if existing.exists():
        if not reset:
            summary.skipped = True
            return summary
        Entry.objects.filter(scorecard__in=existing).delete()
        existing.delete()

    rng = random.Random(f"{seed}-{PROVINCE}-2025")  # noqa: S311 - demo values, not secrets
    spec = scheme_spec_load(scheme)
    quality = {u.pk: _quality(rng) for u in units}
    communes = sorted((u for u in units if u.level == 3), key=lambda u: u.code)
    late = {u.pk for u in rng.sample(communes, LATE_LAST_MONTH)}
    plans = [(key, index, True) for index, key in enumerate(months)] + [
        (key, index, False) for index, key in enumerate(weeks)
    ]
    for key, index, monthly in plans:
        period = period_get_or_create(key)
        # No demo scorecard outside its unit's validity (a body may carry its own dates).
        valid = [u for u in units if scorecard_validity_problem(unit=u, period=period) is None]
        if monthly:
            statuses = {u.pk: _month_status(index, len(months), u.pk in late) for u in valid}
        else:
            last = index == len(weeks) - 1
            statuses = {u.pk: ScorecardStatus.SUBMITTED if last else ScorecardStatus.APPROVED for u in valid}
        cards = Scorecard.objects.bulk_create(
            Scorecard(unit=u, period=period, scheme=scheme, status=statuses[u.pk]) for u in valid
        )
        entries: list[Entry] = []
        for card in cards:
            if card.status == ScorecardStatus.DRAFT:
                continue  # open or late: nothing entered yet
            level, drift = quality[card.unit_id]
            if monthly and index >= len(months) - DETAILED_MONTHS:
                entries += _entries_detailed(card, spec, level, index, drift, rng, scheme.code)
            else:  # older months and weeks by group, as the portal's tables give them (keeps make demo quick)
                entries += _entries_by_group(card, spec, level, index if monthly else len(months) - 2, drift, rng)
        Entry.objects.bulk_create(entries, batch_size=2000)
        summary.scorecards += len(cards)
        summary.periods += 1
    _deadlines_set(months=months, weeks=weeks, today=today)
    for key, _index, _monthly in plans:
        scorecards_recompute(scheme=scheme, period=Period.objects.get(key=key))
    return summary


def _deadlines_set(*, months: list[str], weeks: list[str], today: date) -> None:
    """Due dates as offices set them; this month due in 3 days ("Còn 3 ngày"), last month 2 days ago."""
    for period in Period.objects.filter(key__in=months + weeks):
        period.entry_deadline = _deadline(period)
        period.save(update_fields=["entry_deadline"])
    Period.objects.filter(key=months[-1]).update(entry_deadline=today + timedelta(days=3))
    if len(months) > 1:
        Period.objects.filter(key=months[-2]).update(entry_deadline=today - timedelta(days=2))


@transaction.atomic
def demo_outside_validity_remove(*, units: list[AdministrativeUnit]) -> int:
    """Delete the demo's scorecards that fall outside their unit's validity (left by demos before the reform
    was modelled, e.g. Huyện Lấp Vò's communes in December 2026); returns how many were removed."""
    removed = 0
    cards = Scorecard.objects.filter(unit__in=units)
    for period in Period.objects.filter(pk__in=cards.values("period_id")):
        stale = cards.filter(period=period).exclude(unit_valid_on_q(day=period.end, prefix="unit__"))
        Entry.objects.filter(scorecard__in=stale).delete()
        removed += stale.delete()[1].get("indicators.Scorecard", 0)
    return removed
