"""Named formulas an indicator can use when a plain rate or rate-against-target does not fit.

A scheme refers to them by name (`Indicator.formula`), so provinces can pick one without code changes;
adding a formula is a function here and a name in FORMULAS.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)

Formula = Callable[[Decimal, Decimal, Decimal | None], Decimal]


def inverse_rate(max_points: Decimal, rate: Decimal, target: Decimal | None) -> Decimal:
    """Points fall as a bad rate rises (overdue dossiers): max × (1 − rate / 100), floored at 0."""
    return max(Decimal(0), max_points * (HUNDRED - rate) / HUNDRED)


def threshold(max_points: Decimal, rate: Decimal, target: Decimal | None) -> Decimal:
    """All or nothing: full points once the rate reaches the target (100 % without one)."""
    return max_points if rate >= (target if target is not None else HUNDRED) else Decimal(0)


def portal_rounded(max_points: Decimal, rate: Decimal, target: Decimal | None) -> Decimal:
    """The national portal's 2026 rule: min(max, max × rate / target) (target 100 % without one), each metric
    rounded half-up to 2 decimals before the group sums it (portal.md §2).

    The rate arrives already divided to 28 digits (2/3 → 66,66…67), so the product is first cut to 10 decimals:
    a score that is exactly half a cent (6 × 1/1200 = 0,005) must round up, not fall to 0,00 on a last-digit
    artefact."""
    value = min(max_points, max_points * rate / (target if target else HUNDRED))
    return value.quantize(Decimal("1e-10"), rounding=ROUND_HALF_UP).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


FORMULAS: dict[str, Formula] = {
    "inverse_rate": inverse_rate,
    "threshold": threshold,
    "portal_rounded": portal_rounded,
}
