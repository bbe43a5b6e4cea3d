"""Reporting periods: parsing keys, Vietnamese labels, date ranges and the previous and next keys.

Pure functions of a key, no database: creating the rows is `indicators.services.period_get_or_create`.

Keys: `2023-W49` (ISO week), `2024-01`, `2024-Q1`, `2024-H1`, `2024`. A week is named after the month
of its Monday and numbered by the Mondays of that month: ISO week 2023-W49 starts on Monday
04/12/2023, the first Monday of December, so it is "Tuần 1 tháng 12 năm 2023" (seed 001).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from indicators.constants import PeriodKind

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PATTERNS = [
    (PeriodKind.WEEK, re.compile(r"^(\d{4})-W(\d{2})$")),
    (PeriodKind.MONTH, re.compile(r"^(\d{4})-(\d{2})$")),
    (PeriodKind.QUARTER, re.compile(r"^(\d{4})-Q([1-4])$")),
    (PeriodKind.HALF_YEAR, re.compile(r"^(\d{4})-H([12])$")),
    (PeriodKind.YEAR, re.compile(r"^(\d{4})$")),
]


class PeriodKeyError(ValueError):
    """A period key that is not one of the accepted forms."""


@dataclass(frozen=True)
class PeriodSpec:
    """A parsed period key: its kind, year, number within the year and dates."""

    kind: str
    year: int
    number: int
    start: date
    end: date

    @property
    def key(self) -> str:
        return {
            PeriodKind.WEEK: f"{self.year}-W{self.number:02d}",
            PeriodKind.MONTH: f"{self.year}-{self.number:02d}",
            PeriodKind.QUARTER: f"{self.year}-Q{self.number}",
            PeriodKind.HALF_YEAR: f"{self.year}-H{self.number}",
            PeriodKind.YEAR: f"{self.year}",
        }[self.kind]


def _month_end(year: int, month: int) -> date:
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def period_parse(key: str) -> PeriodSpec:
    """Parse a key into its kind and dates, or raise PeriodKeyError saying which forms are accepted."""
    key = (key or "").strip().upper()
    for kind, pattern in _PATTERNS:
        match = pattern.match(key)
        if not match:
            continue
        year = int(match.group(1))
        number = int(match.group(2)) if kind != PeriodKind.YEAR else 1
        try:
            if kind == PeriodKind.WEEK:
                start = date.fromisocalendar(year, number, 1)
                return PeriodSpec(kind, year, number, start, start + timedelta(days=6))
            if kind == PeriodKind.MONTH:
                return PeriodSpec(kind, year, number, date(year, number, 1), _month_end(year, number))
            if kind == PeriodKind.QUARTER:
                first = 3 * number - 2
                return PeriodSpec(kind, year, number, date(year, first, 1), _month_end(year, first + 2))
            if kind == PeriodKind.HALF_YEAR:
                first = 6 * number - 5
                return PeriodSpec(kind, year, number, date(year, first, 1), _month_end(year, first + 5))
            return PeriodSpec(kind, year, 1, date(year, 1, 1), date(year, 12, 31))
        except ValueError:
            break
    raise PeriodKeyError(
        f"Mã kỳ “{key}” không hợp lệ. Dùng một trong các dạng: 2023-W49 (tuần), 2024-01 (tháng), "
        "2024-Q1 (quý), 2024-H1 (6 tháng), 2024 (năm)."
    )


def period_previous_key(key: str) -> str:
    """The key of the period of the same kind just before `key`."""
    spec = period_parse(key)
    if spec.kind == PeriodKind.WEEK:
        iso = (spec.start - timedelta(days=7)).isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if spec.kind == PeriodKind.YEAR:
        return f"{spec.year - 1}"
    per_year = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF_YEAR: 2}[spec.kind]
    year, number = (spec.year, spec.number - 1) if spec.number > 1 else (spec.year - 1, per_year)
    return PeriodSpec(spec.kind, year, number, spec.start, spec.end).key


def period_next_key(key: str) -> str:
    """The key of the period of the same kind just after `key`."""
    spec = period_parse(key)
    if spec.kind == PeriodKind.WEEK:
        iso = (spec.start + timedelta(days=7)).isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if spec.kind == PeriodKind.YEAR:
        return f"{spec.year + 1}"
    per_year = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF_YEAR: 2}[spec.kind]
    year, number = (spec.year, spec.number + 1) if spec.number < per_year else (spec.year + 1, 1)
    return PeriodSpec(spec.kind, year, number, spec.start, spec.end).key


def week_of_month(monday: date) -> tuple[int, int, int]:
    """(week number in month, month, year) for the week starting on `monday`."""
    return (monday.day - 1) // 7 + 1, monday.month, monday.year


def _period_names(key: str) -> tuple[str, str]:
    """A period's full name and the short one a chart's axis has room for, decided in one place."""
    spec = period_parse(key)
    if spec.kind == PeriodKind.WEEK:
        number, month, year = week_of_month(spec.start)
        return f"Tuần {number} tháng {month} năm {year}", f"Tuần {number}, {month}/{year}"
    if spec.kind == PeriodKind.MONTH:
        return f"Tháng {spec.number:02d} năm {spec.year}", f"{spec.number:02d}/{spec.year}"
    if spec.kind == PeriodKind.QUARTER:
        return f"Quý {ROMAN[spec.number]} năm {spec.year}", f"Quý {ROMAN[spec.number]}/{spec.year}"
    if spec.kind == PeriodKind.HALF_YEAR:
        half = "đầu" if spec.number == 1 else "cuối"
        return f"6 tháng {half} năm {spec.year}", f"6T {half} {spec.year}"
    return f"Năm {spec.year}", str(spec.year)


def period_label(key: str) -> str:
    """The Vietnamese name users write: "Tháng 01 năm 2024", "Tuần 1 tháng 12 năm 2023"."""
    return _period_names(key)[0]


def period_short_label(key: str) -> str:
    """The short name a chart's axis has room for: "01/2024", "Tuần 2, 5/2025", "Quý I/2024", "6T đầu 2024"."""
    return _period_names(key)[1]
