"""What a column of an imported table holds, and how every message names it ("cột D “CKMB1”")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from indicators.imports.reading import column_letter


@dataclass
class Column:
    """What one column of the table holds."""

    index: int
    header: str
    role: str  # unit, code, total, classification, group, indicator, numerator, denominator, ignored
    target: Any = None  # the group or indicator
    stated_max: Decimal | None = None


def column_label(column: Column) -> str:
    return (
        f"cột {column_letter(column.index)} “{column.header}”"
        if column.header
        else f"cột {column_letter(column.index)}"
    )


def column_title(column: Column) -> str:
    """The column's label opening a sentence: "Cột D “CKMB1”" (str.capitalize would lower the letter and header)."""
    label = column_label(column)
    return label[:1].upper() + label[1:]
