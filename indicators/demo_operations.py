"""Demo counts for the one-stop office's six-month report (`mot-cua` scheme) of Xã Bình Thành, 2024-H1.

The figures are seed 004's (Bộ phận một cửa xã Tỉnh Châu, 6 tháng đầu năm 2024), so the demo report can be read
side by side with the real one: 1.222 dossiers received, 41 resolved late (3,4 % against a 3 % ceiling), 411 survey
answers. Stored as entries through the same writer as every other scorecard, then recomputed.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from indicators.constants import ScorecardStatus
from indicators.models import Indicator, Scheme
from indicators.services import (
    period_get_or_create,
    scorecard_entries_replace,
    scorecard_get_or_create,
    scorecards_recompute,
)
from indicators.values import EntryValue
from units.models import AdministrativeUnit

OPERATIONS_UNIT = "30193"  # Xã Bình Thành (Lấp Vò, Đồng Tháp), the demo commune
OPERATIONS_PERIOD = "2024-H1"

# indicator code → (numerator, denominator), from seed 004.
SEED_004_COUNTS: dict[str, tuple[int, int]] = {
    "TN1": (1207, 1222),
    "TN2": (11, 1222),
    "TN3": (4, 1222),
    "GQ1": (1178, 1219),
    "GQ2": (41, 1219),
    "GQ3": (3, 3),
    "TT1": (1131, 1131),
    "TT2": (76, 76),
    "TT3": (52, 52),  # the seed says "đạt 100%" without counts
    "SH1": (1150, 1218),
    "SH2": (960, 1219),
    "HL1": (341, 411),
    "HL2": (70, 411),
    "HL3": (0, 411),
    "HL4": (1, 1),
}


@transaction.atomic
def demo_operations_load() -> int:
    """Fill Bình Thành's 2024-H1 `mot-cua` scorecard (submitted); returns the number of counts stored."""
    unit = AdministrativeUnit.objects.filter(code=OPERATIONS_UNIT, edition="legacy").first()
    scheme = Scheme.objects.filter(code="mot-cua").first()
    if unit is None or scheme is None:
        return 0
    period = period_get_or_create(key=OPERATIONS_PERIOD)
    card = scorecard_get_or_create(unit=unit, period=period, scheme=scheme)
    indicators = {i.code: i for i in Indicator.objects.filter(group__scheme=scheme)}
    values = {
        (indicators[code].pk, None): EntryValue(numerator=Decimal(num), denominator=Decimal(den))
        for code, (num, den) in SEED_004_COUNTS.items()
    }
    scorecard_entries_replace(
        scorecard=card,
        values=values,
        covered_group_ids={i.group_id for i in indicators.values()},
        indicator_group_ids={i.pk: i.group_id for i in indicators.values()},
    )
    if card.status == ScorecardStatus.DRAFT:
        card.status = ScorecardStatus.SUBMITTED
        card.save(update_fields=["status"])
    scorecards_recompute(scheme=scheme, period=period, parent=unit.parent)
    return len(values)
