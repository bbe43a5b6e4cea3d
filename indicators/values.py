"""The entered value: its one type (`EntryValue`, keyed by `EntryKey`), parsing of typed numbers and the
one check of a value against its indicator or group (bounds, precision, not-applicable)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

HTML_TAG = re.compile(r"<[^>]+>")


def clean(text: Any) -> str:
    """A cell as text, without HTML markup and surrounding space."""
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    return " ".join(html.unescape(HTML_TAG.sub("", str(text))).split())


@dataclass(frozen=True)
class EntryValue:
    """A value to store for an indicator or group: points, or numerator and denominator, or N/A."""

    points: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    not_applicable: bool = False


def parse_number(text: str) -> Decimal:
    """`12,9`, `12.9`, `1.234,5` → Decimal; raises ValueError with the Vietnamese reason."""
    raw = text.strip().replace(" ", "")
    if raw.endswith("%"):
        raise ValueError("là tỷ lệ phần trăm, cần nhập điểm")
    raw = raw.replace(".", "").replace(",", ".") if "," in raw and "." in raw else raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError("không phải là số") from None
    if not value.is_finite():
        raise ValueError("không phải là số")
    return value


@dataclass(frozen=True)
class CellValue:
    """A parsed score cell: points (with the maximum the file wrote after "/", if any), or not applicable.

    The entry form also gives a numerator and denominator, so one validator serves files and the browser.
    """

    points: Decimal | None = None
    stated_max: Decimal | None = None
    not_applicable: bool = False
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def parse_cell(text: str) -> CellValue | None:
    """None for an empty cell; raises ValueError saying what is wrong with a bad one."""
    text = clean(text)
    if not text:
        return None
    if text in {"-", "–", "—", "x", "X"}:
        return CellValue(not_applicable=True)
    if "/" in text:
        points_text, _, max_text = text.partition("/")
        return CellValue(points=parse_number(points_text), stated_max=parse_number(max_text))
    return CellValue(points=parse_number(text))


def value_problem(target: Any, value: CellValue, *, allows_not_applicable: bool) -> str | None:
    """Why a value cannot be stored for this group or indicator, in words an officer can act on."""
    maximum = target.max_points
    label = f"{target.code} ({target.name})"
    if value.not_applicable:
        if not allows_not_applicable:
            return f"{label} không được để “-” (không áp dụng); hãy nhập điểm từ 0 đến {fmt(maximum)}."
        return None
    if value.numerator is not None or value.denominator is not None:
        return _rate_problem(label, value.numerator, value.denominator)
    points = value.points
    assert points is not None
    if value.stated_max is not None and value.stated_max != maximum:
        return f"ô ghi “/{fmt(value.stated_max)}” nhưng {label} có điểm tối đa là {fmt(maximum)}."
    if points < 0:
        return f"điểm {fmt(points)} âm; {label} nhận điểm từ 0 đến {fmt(maximum)}."
    if points > maximum:
        return f"điểm {fmt(points)} vượt điểm tối đa {fmt(maximum)} của {label}; hãy nhập từ 0 đến {fmt(maximum)}."
    if _too_precise(points):
        return f"điểm {fmt(points)} có quá {PLACES} chữ số thập phân; hãy làm tròn đến {PLACES} chữ số."
    return None


PLACES = 2  # the precision of stored points and counts


def _too_precise(value: Decimal) -> bool:
    return value != value.quantize(Decimal(1).scaleb(-PLACES)) if value.is_finite() else True


def _rate_problem(label: str, numerator: Decimal | None, denominator: Decimal | None) -> str | None:
    """Numerator and denominator: both given, not negative, the numerator not above the denominator."""
    if numerator is None:
        return f"{label} có mẫu số nhưng thiếu tử số; hãy nhập cả tử số và mẫu số."
    if denominator is None:
        return f"{label} có tử số nhưng thiếu mẫu số; hãy nhập cả tử số và mẫu số."
    for name, number in (("tử số", numerator), ("mẫu số", denominator)):
        if number < 0:
            return f"{name} {fmt(number)} của {label} âm; hãy nhập số từ 0 trở lên."
        if _too_precise(number):
            return f"{name} {fmt(number)} của {label} có quá {PLACES} chữ số thập phân."
    if numerator > denominator:
        return (
            f"tử số {fmt(numerator)} lớn hơn mẫu số {fmt(denominator)} của {label}; "
            "tử số là phần đạt được nên không thể vượt mẫu số."
        )
    return None


def fmt(value: Decimal) -> str:
    """A number the Vietnamese way, without trailing zeros: 12,9; 18; 1.222."""
    from indicators.formatting import number_vi

    return number_vi(value)


EntryKey = tuple[int | None, int | None]  # (indicator_id, None) or (None, group_id), as scorecard_entries_replace
