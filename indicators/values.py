"""The entered value: its one type (`EntryValue`, keyed by `EntryKey`), the one rule that turns typed text into
numbers, and the one check of a value against its indicator or group (bounds, precision, not-applicable).

The entry form, the API and the file importer all call `entry_parse` then `values_problems` (or `entry_problem`),
so whatever the app displays in an input ("1.222", "45,5", "0", "0/0" as numerator and denominator) is accepted
back unchanged, and every refusal is a Vietnamese sentence naming the indicator, never a traceback.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from indicators.formatting import number_vi

HTML_TAG = re.compile(r"<[^>]+>")

NA_TEXTS = frozenset({"-", "–", "—", "x", "X"})  # how the reports write "không áp dụng"

PLACES = 2  # the precision of stored points (numeric(7, 2))

MAX_TEXT = 40  # no number anyone types is longer; a longer text is refused before it is parsed

MAX_COUNT = Decimal(10) ** 12 - 1  # counts are numeric(14, 2): twelve whole digits

MAX_LABEL = 40  # Scorecard.published_classification

MAX_CAUSE = 4000  # a group's cause (GroupNote.cause), in the form and the API alike

MAX_VERSION = 2_147_483_646  # Scorecard.version is a 32-bit integer and a save writes version + 1

EntryKey = tuple[int | None, int | None]  # (indicator_id, None) or (None, group_id), as scorecard_entries_replace


def clean(text: Any) -> str:
    """A cell as text, without HTML markup and surrounding space; a spreadsheet float as Excel shows it."""
    if text is None:
        return ""
    if isinstance(text, float):
        text = _float_text(text)
    return " ".join(html.unescape(HTML_TAG.sub("", str(text))).split())


def _float_text(number: float) -> str:
    """A float cell with Excel's 15 significant digits and a decimal comma, so 0.1 + 0.2 reads "0,3" and 1.222
    (points) is never taken for the Vietnamese thousands "1.222"."""
    if number != number or number in (float("inf"), float("-inf")):
        return str(number)
    value = Decimal(format(number, ".15g"))
    if value == value.to_integral_value():
        return str(int(value))
    return format(value, "f").replace(".", ",")


@dataclass(frozen=True)
class EntryValue:
    """A value to store for an indicator or group: points, or numerator and denominator, or N/A."""

    points: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    not_applicable: bool = False


class EntryTextError(ValueError):
    """Typed text that is not a value; `part` is the input it is about (points, numerator, denominator)."""

    def __init__(self, message: str, part: str = "points") -> None:
        super().__init__(message)
        self.part = part


class ValueProblem(str):
    """Why a value cannot be stored, as a sentence, remembering which input (`part`) it is about."""

    part: str

    def __new__(cls, message: str, part: str = "points") -> ValueProblem:
        problem = super().__new__(cls, message)
        problem.part = part
        return problem


# Vietnamese thousands ("1.222", "12.345,5"), English thousands with a decimal point ("1,222.5"), plain numbers
# with a decimal comma or point ("45,5", "45.5", ",5"). No exponent: "1e1000000" is not a count anyone typed.
_VI_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
_EN_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+\.\d+")
_PLAIN = re.compile(r"\d+(?:[.,]\d*)?|[.,]\d+")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def parse_number(text: str | int | float | Decimal) -> Decimal:
    """One rule for numbers, whatever typed them: `12,9`, `12.9`, `1.222`, `1 222`, `1.234,5` → Decimal.

    Raises ValueError whose text is the Vietnamese reason ("không phải là số"), to follow the value in a message.
    """
    if isinstance(text, bool):
        raise ValueError("không phải là số")
    raw = _SPACES.sub("", text if isinstance(text, str) else clean(text)).replace("\u2212", "-")
    if len(raw) > MAX_TEXT:
        raise ValueError(f"dài quá {MAX_TEXT} ký tự, không phải một số điểm hay số hồ sơ")
    if raw.endswith("%"):
        raise ValueError("là tỷ lệ phần trăm, cần nhập điểm")
    sign, body = ("", raw)
    if raw[:1] in ("+", "-"):
        sign, body = raw[0].replace("+", ""), raw[1:]
    if _VI_THOUSANDS.fullmatch(body):
        body = body.replace(".", "").replace(",", ".")
    elif _EN_THOUSANDS.fullmatch(body):
        body = body.replace(",", "")
    elif _PLAIN.fullmatch(body):
        body = body.replace(",", ".")
    else:
        raise ValueError("không phải là số")
    try:
        value = Decimal(sign + body)
    except InvalidOperation:  # pragma: no cover - the patterns above only let digits through
        raise ValueError("không phải là số") from None
    if value.adjusted() >= 12:
        raise ValueError("quá lớn để là số điểm hay số hồ sơ")
    return value


def _label(target: Any) -> str:
    return f"{target.code} ({target.name})"


def entry_parse(
    target: Any,
    *,
    points: Any = None,
    numerator: Any = None,
    denominator: Any = None,
    not_applicable: bool = False,
) -> EntryValue | None:
    """The value typed for `target` (an indicator or group), None when every input is empty.

    `points` may be a cell as the reports write it: "12,9", "12,9/18" (with the maximum), "-" (not applicable).
    Raises EntryTextError naming the input; bounds are checked afterwards by `entry_problem`.
    """
    texts = {"points": _text(points), "numerator": _text(numerator), "denominator": _text(denominator)}
    if not_applicable:
        if any(texts.values()):
            raise EntryTextError(
                f"{target.code}: đã đánh dấu “Không áp dụng” thì để trống điểm, tử số và mẫu số.",
                next(name for name, text in texts.items() if text),
            )
        return EntryValue(not_applicable=True)
    if not any(texts.values()):
        return None
    if texts["points"] in NA_TEXTS and not texts["numerator"] and not texts["denominator"]:
        return EntryValue(not_applicable=True)
    numbers: dict[str, Decimal | None] = {}
    for name, text in texts.items():
        numbers[name] = _number(target, name, text) if text else None
    return EntryValue(points=numbers["points"], numerator=numbers["numerator"], denominator=numbers["denominator"])


_PART_NAMES = {"points": "Điểm", "numerator": "Tử số", "denominator": "Mẫu số"}


def _text(value: Any) -> str:
    """An input as text: form strings, spreadsheet cells and JSON numbers alike."""
    return "" if value is None else clean(value)


def _number(target: Any, part: str, text: str) -> Decimal:
    """One input's number; points may carry the maximum the report printed after "/" ("12,9/18")."""
    label = f"{_PART_NAMES[part]} {target.code}"
    if part == "points" and "/" in text:
        points_text, _, max_text = text.partition("/")
        value = _number(target, part, points_text.strip())
        try:
            stated = parse_number(max_text)
        except ValueError as exc:
            raise EntryTextError(f"{label}: điểm tối đa “{max_text.strip()}” {exc}.", part) from None
        if stated != target.max_points:
            raise EntryTextError(
                f"ô ghi “/{fmt(stated)}” nhưng {_label(target)} có điểm tối đa là {fmt(target.max_points)}.", part
            )
        return value
    if len(text) > MAX_TEXT:
        raise EntryTextError(f"{label}: giá trị dài {len(text)} ký tự, không phải một số điểm hay số hồ sơ.", part)
    try:
        return parse_number(text)
    except ValueError as exc:
        if part != "points" and text.endswith("%"):
            message = f"{label}: “{text}” là tỷ lệ phần trăm; hãy nhập số hồ sơ (số đếm), không nhập %."
        else:
            message = f"{label}: “{text}” {exc}; hãy nhập số, ví dụ 12,5 hoặc 12.5."
        raise EntryTextError(message, part) from None


def entry_problem(target: Any, value: EntryValue, *, allows_not_applicable: bool) -> ValueProblem | None:
    """Why `value` cannot be stored for this group or indicator, in words an officer can act on."""
    maximum = target.max_points
    label = _label(target)
    if value.not_applicable:
        if not allows_not_applicable:
            return ValueProblem(f"{label} không được để “-” (không áp dụng); hãy nhập điểm từ 0 đến {fmt(maximum)}.")
        return None
    if value.points is not None and (value.numerator is not None or value.denominator is not None):
        return ValueProblem(f"{target.code}: nhập điểm hoặc tử số và mẫu số, không nhập cả hai.")
    if value.numerator is not None or value.denominator is not None:
        return _rate_problem(label, value.numerator, value.denominator)
    points = value.points
    if points is None:
        return ValueProblem(f"{label} chưa có giá trị.")
    if points < 0:
        return ValueProblem(f"điểm {fmt(points)} âm; {label} nhận điểm từ 0 đến {fmt(maximum)}.")
    if points > maximum:
        return ValueProblem(
            f"điểm {fmt(points)} vượt điểm tối đa {fmt(maximum)} của {label}; hãy nhập từ 0 đến {fmt(maximum)}."
        )
    if _too_precise(points):
        return ValueProblem(f"điểm {fmt(points)} có quá {PLACES} chữ số thập phân; hãy làm tròn đến {PLACES} chữ số.")
    return None


def _too_precise(value: Decimal) -> bool:
    return value != value.quantize(Decimal(1).scaleb(-PLACES))


def _rate_problem(label: str, numerator: Decimal | None, denominator: Decimal | None) -> ValueProblem | None:
    """Numerator and denominator: both given, whole, not negative, storable, the numerator not above the
    denominator (a rate is at most 100 %)."""
    if numerator is None:
        return ValueProblem(f"{label} có mẫu số nhưng thiếu tử số; hãy nhập cả tử số và mẫu số.", "numerator")
    if denominator is None:
        return ValueProblem(f"{label} có tử số nhưng thiếu mẫu số; hãy nhập cả tử số và mẫu số.", "denominator")
    for name, part, number in (("tử số", "numerator", numerator), ("mẫu số", "denominator", denominator)):
        if number < 0:
            return ValueProblem(f"{name} {fmt(number)} của {label} âm; hãy nhập số từ 0 trở lên.", part)
        if number != number.to_integral_value():
            return ValueProblem(
                f"{name} {fmt(number)} của {label} không phải số nguyên; tử số và mẫu số là số hồ sơ (số đếm).", part
            )
        if number > MAX_COUNT:
            return ValueProblem(f"{name} {fmt(number)} của {label} lớn quá {fmt(MAX_COUNT)}.", part)
    if numerator > denominator:
        return ValueProblem(
            f"tử số {fmt(numerator)} lớn hơn mẫu số {fmt(denominator)} của {label}; "
            "tử số là phần đạt được nên không thể vượt mẫu số.",
            "numerator",
        )
    return None


def values_problems(
    *, spec: Any, values: Mapping[EntryKey, EntryValue], level: int | None, unit_name: str = ""
) -> dict[EntryKey, ValueProblem]:
    """Every problem with a scorecard's `values` under a scheme (`SchemeSpec`), keyed like them: the key must be
    one of the scheme's indicators or groups, apply at the unit's level, and pass `entry_problem`."""
    errors: dict[EntryKey, ValueProblem] = {}
    for key, value in values.items():
        target = spec.target_of(key)
        if target is None:
            errors[key] = ValueProblem("Chỉ số không thuộc bộ chỉ số của phiếu điểm này.")
            continue
        if key[0] is not None and level is not None and not target.applies_to_level(level):
            errors[key] = ValueProblem(
                f"{target.code} không áp dụng cho cấp của {unit_name or 'đơn vị'}; hãy để trống."
            )
            continue
        problem = entry_problem(target, value, allows_not_applicable=spec.allows_not_applicable(key))
        if problem:  # a sentence of its own here, where the importer puts it after "Dòng 3, cột D:"
            errors[key] = ValueProblem(problem[:1].upper() + problem[1:], problem.part)
    return errors


def total_parse(text: Any, *, maximum: Decimal) -> Decimal:
    """A published total ("82,07"): a number from 0 to the scheme's maximum with at most 2 decimals."""
    value = parse_number(text)
    if value < 0 or value > maximum:
        raise ValueError(f"nằm ngoài khoảng 0 đến {fmt(maximum)} (điểm tối đa của bộ chỉ số)")
    if _too_precise(value):
        raise ValueError(f"có quá {PLACES} chữ số thập phân")
    return value


def label_problem(text: str) -> str | None:
    """A published class ("Xuất sắc") must fit its column; a longer text is a misplaced cell, not a class."""
    if len(text) > MAX_LABEL:
        return f"xếp loại dài {len(text)} ký tự, quá {MAX_LABEL} ký tự (“{text[:40]}…”)"
    return None


def fmt(value: Decimal) -> str:
    """A number the Vietnamese way, without trailing zeros: 12,9; 18; 1.222."""
    return number_vi(value)
