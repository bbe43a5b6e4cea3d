"""Count columns of a score table: an indicator entered as numerator and denominator (numbers of dossiers), each
in a column of its own ("GQ2 tử số", "GQ2 mẫu số"), as the one-stop office's `mot-cua` scheme is kept.

The headers are recognised here and each pair of cells becomes one value through the one parser and validator
(`indicators.values.entry_parse`, `entry_problem`), exactly as the entry form's two inputs do; `parsing` puts the
row number in front of every problem.
"""

from __future__ import annotations

import re
from typing import Any

from indicators.constants import PointsMethod
from indicators.imports.columns import Column, column_label, column_title
from indicators.values import NA_TEXTS, EntryTextError, EntryValue, ValueProblem, clean, entry_parse, entry_problem
from units.matching import fold

NUMERATOR, DENOMINATOR = "numerator", "denominator"
PART_WORDS = {NUMERATOR: "tử số", DENOMINATOR: "mẫu số"}
_PART_OF = {re.compile(r"\btu so\b"): NUMERATOR, re.compile(r"\bmau so\b"): DENOMINATOR}
_TOKENS = re.compile(r"[\s\-–—:/()\[\],.]+")


def counts_scheme(spec: Any) -> bool:
    """A scheme whose indicators are all counts (tracked, not scored): its tables carry numerators and
    denominators, never points."""
    indicators = [i for items in spec.indicators_by_group.values() for i in items]
    return bool(indicators) and all(i.max_points == 0 and i.method != PointsMethod.DIRECT for i in indicators)


def count_only(indicator: Any) -> bool:
    """An indicator with no points to enter: only its counts mean anything."""
    return indicator.max_points == 0 and indicator.method != PointsMethod.DIRECT


def count_header_texts(code: str) -> tuple[str, str]:
    """The two headers the template writes and the importer reads back: "GQ2 tử số", "GQ2 mẫu số"."""
    return f"{code} {PART_WORDS[NUMERATOR]}", f"{code} {PART_WORDS[DENOMINATOR]}"


def _part(text: str) -> str | None:
    folded = fold(text)
    return next((part for words, part in _PART_OF.items() if words.search(folded)), None)


def _code(text: str, by_code: dict[str, Any]) -> Any | None:
    return next((by_code[token] for token in _TOKENS.split(text.upper()) if token in by_code), None)


def count_header(texts: list[str], by_code: dict[str, Any], carried: Any | None) -> tuple[Any, str] | None:
    """(indicator, part) when a column's header texts name a count: "GQ2 tử số", "Mẫu số GQ2", or "GQ2" over
    "Tử số" in two header rows. A column saying only "Mẫu số" belongs to the indicator of the column before it
    (`carried`), which is how a header merged over its two columns reads."""
    part = next((p for p in map(_part, texts) if p), None)
    if part is None:
        return None
    indicator = next((i for i in (_code(t, by_code) for t in texts) if i is not None), None)
    if indicator is None:
        indicator = carried
    return (indicator, part) if indicator is not None else None


def count_value(
    target: Any, cells: dict[str, str], *, allows_not_applicable: bool
) -> tuple[EntryValue | None, ValueProblem | None]:
    """The value of an indicator's numerator and denominator cells, or the problem (its `part` says which cell).

    "-" in both cells (or one, the other empty) is "không áp dụng", as in a points column.
    """
    numerator, denominator = clean(cells.get(NUMERATOR, "")), clean(cells.get(DENOMINATOR, ""))
    try:
        if {numerator, denominator} - {""} and {numerator, denominator} <= NA_TEXTS | {""}:
            value = entry_parse(target, points="-")
        else:
            value = entry_parse(target, numerator=numerator, denominator=denominator)
    except EntryTextError as exc:
        return None, ValueProblem(str(exc), exc.part)
    if value is None:
        return None, None
    return value, entry_problem(target, value, allows_not_applicable=allows_not_applicable)


def count_column_problems(columns: list[Column], spec: Any) -> list[str]:
    """An indicator with a numerator column but no denominator column (or the reverse), and, in a counts scheme,
    an indicator headed as if it had points: said once for the header, not once per row. (A scored scheme's
    tracked indicators, such as MDHL4 at 0 points, may still be given as points.)"""
    problems = []
    parts: dict[Any, dict[str, Column]] = {}
    counts = counts_scheme(spec)
    for column in columns:
        if column.role in PART_WORDS:
            parts.setdefault(column.target, {})[column.role] = column
        elif counts and column.role == "indicator" and count_only(column.target):
            numerator, denominator = (f"“{column.target.code} {word}”" for word in PART_WORDS.values())
            problems.append(
                f"{column_title(column)}: {column.target.code} là số hồ sơ (tử số trên mẫu số), không có "
                f"điểm; hãy ghi hai cột {numerator} và {denominator} như tệp mẫu."
            )
            column.role = "ignored"  # its cells are not points: said once here, not once per row
    for target, found in parts.items():
        for part, word in PART_WORDS.items():
            if part not in found:
                other = next(iter(found.values()))
                problems.append(
                    f"{column_title(other)}: có cột {PART_WORDS[other.role]} của {target.code} nhưng "
                    f"không có cột {word} (“{target.code} {word}”)."
                )
    return problems


def count_cells_read(values: dict[int, EntryValue], columns: list[Column], row: list[str], spec: Any) -> list[str]:
    """Each indicator's numerator and denominator cells of a row as one value; problems name the cell's column."""
    pairs: dict[Any, dict[str, Column]] = {}
    for column in columns:
        if column.role in PART_WORDS:
            pairs.setdefault(column.target, {})[column.role] = column
    problems = []
    for target, found in pairs.items():
        cells = {part: row[column.index] for part, column in found.items()}
        if len(found) < len(PART_WORDS) or not any(clean(text) for text in cells.values()):
            continue  # a column without its pair is refused once, for the header (count_column_problems)
        key = (target.pk, None)
        value, problem = count_value(target, cells, allows_not_applicable=spec.allows_not_applicable(key))
        if problem:
            column = found.get(problem.part) or next(iter(found.values()))
            problems.append(f"{column_label(column)}: {problem}")
        elif value is not None:
            values[min(c.index for c in found.values())] = value
    return problems
