"""Numbers as users read them: decimal comma, dot for thousands, no trailing zeros (82,07; 18; 1.222)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

_SWAP = str.maketrans({",": ".", ".": ","})


def number_vi(value: Decimal | int | float | None, places: int | None = None) -> str:
    """Format like the seeds: 12,9 not 12,90; 1.222 not 1222; "" for None.

    `places` fixes the decimals (2 for totals in tables: 84,40 rather than 84,4). Called thousands of times per
    league table, so it stays a single format call.
    """
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if places is not None:
        return f"{number:,.{places}f}".translate(_SWAP)
    return f"{number.normalize():,f}".translate(_SWAP)


def signed_vi(value: Decimal | None) -> str:
    """A change with its sign: +1,63; -0,3; 0."""
    if value is None:
        return ""
    text = number_vi(abs(value))
    return f"+{text}" if value > 0 else (f"-{text}" if value < 0 else text)


def entry_display(value: Any) -> str:
    """An entered value as users read it: "12,9", "45/50" (numerator/denominator), "Không áp dụng", "" for none.

    Used by the change log, so the history reads the way the officer typed the value.
    """
    if value is None:
        return ""
    if value.not_applicable:
        return "Không áp dụng"
    if value.numerator is not None and value.denominator is not None:
        return f"{number_vi(value.numerator)}/{number_vi(value.denominator)}"
    return number_vi(value.points)
