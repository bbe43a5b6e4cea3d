"""Named formulas an indicator can use when a plain rate or rate-against-target does not fit.

A scheme refers to them by name (`Indicator.formula`), so provinces can pick one without code changes;
adding a formula is a function here and a name in FORMULAS.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

HUNDRED = Decimal(100)

Formula = Callable[[Decimal, Decimal, Decimal | None], Decimal]


def inverse_rate(max_points: Decimal, rate: Decimal, target: Decimal | None) -> Decimal:
    """Points fall as a bad rate rises (overdue dossiers): max × (1 − rate / 100), floored at 0."""
    return max(Decimal(0), max_points * (HUNDRED - rate) / HUNDRED)


def threshold(max_points: Decimal, rate: Decimal, target: Decimal | None) -> Decimal:
    """All or nothing: full points once the rate reaches the target (100 % without one)."""
    return max_points if rate >= (target if target is not None else HUNDRED) else Decimal(0)


FORMULAS: dict[str, Formula] = {
    "inverse_rate": inverse_rate,
    "threshold": threshold,
}
