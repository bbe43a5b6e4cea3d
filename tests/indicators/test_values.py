"""The one rule for numbers and the one validator: what `number_vi` writes is read back unchanged, typed
variants people use are read the same, and every bound is a Vietnamese sentence naming the indicator."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.formatting import entry_display, number_vi
from indicators.schemes import scheme_spec_load
from indicators.values import (
    MAX_COUNT,
    EntryTextError,
    EntryValue,
    clean,
    entry_parse,
    entry_problem,
    label_problem,
    parse_number,
    total_parse,
)


@dataclass
class Target:
    code: str = "CKMB1"
    name: str = "Tỷ lệ TTHC được công bố đúng hạn"
    max_points: Decimal = Decimal(6)


CKMB1 = Target()

STORABLE = st.decimals(min_value=-(10**12) + 1, max_value=10**12 - 1, places=2, allow_nan=False)


@given(STORABLE)
def test_what_number_vi_writes_is_read_back_unchanged(value):
    assert parse_number(number_vi(value)) == value


@given(STORABLE)
def test_what_the_api_returns_is_read_back_unchanged(value):
    assert parse_number(f"{value:.2f}") == value and parse_number(str(value)) == value


@given(st.integers(0, 10**12 - 1))
def test_counts_read_the_same_with_dots_spaces_or_nothing(count):
    grouped = f"{count:,}"
    assert parse_number(grouped.replace(",", ".")) == count
    assert parse_number(grouped.replace(",", " ")) == count
    assert parse_number(grouped.replace(",", "\u00a0")) == count
    assert parse_number(str(count)) == count
    assert parse_number(count) == count


@given(st.decimals(min_value=0, max_value=99_999, places=2))
def test_spreadsheet_floats_read_as_excel_shows_them(value):
    assert parse_number(clean(float(value))) == value


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("45,5", "45.5"),
        ("45.5", "45.5"),
        ("1.222", "1222"),
        ("1.234,5", "1234.5"),
        ("1,222.5", "1222.5"),
        ("1,222", "1.222"),  # a decimal comma, as Vietnamese write it
        ("0", "0"),
        (",5", "0.5"),
        ("−3", "-3"),
        ("+2", "2"),
        ("0.125", "0.125"),  # "0." never starts a thousands group
    ],
)
def test_typed_variants(typed, expected):
    assert parse_number(typed) == Decimal(expected)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("1e1000000", "không phải là số"),
        ("1E5", "không phải là số"),
        ("NaN", "không phải là số"),
        ("Infinity", "không phải là số"),
        ("1.22.3", "không phải là số"),
        ("12%", "là tỷ lệ phần trăm"),
        ("1" * 13, "quá lớn"),
        ("9" * 41, "dài quá 40 ký tự"),
        (float("inf"), "không phải là số"),
        (True, "không phải là số"),
    ],
)
def test_what_is_not_a_number(typed, reason):
    with pytest.raises(ValueError, match=reason):
        parse_number(typed)


@given(st.integers(0, 600).map(lambda c: Decimal(c) / 100))
def test_any_points_within_the_maximum_are_accepted_and_shown_as_typed(points):
    value = entry_parse(CKMB1, points=number_vi(points))
    assert value == EntryValue(points=points)
    assert entry_problem(CKMB1, value, allows_not_applicable=False) is None
    assert entry_display(value) == number_vi(points)


@given(st.integers(0, MAX_COUNT).flatmap(lambda d: st.tuples(st.integers(0, d), st.just(d))))
def test_any_whole_counts_with_the_numerator_not_above_the_denominator_are_accepted(counts):
    numerator, denominator = counts
    value = entry_parse(CKMB1, numerator=number_vi(Decimal(numerator)), denominator=number_vi(Decimal(denominator)))
    assert value == EntryValue(numerator=Decimal(numerator), denominator=Decimal(denominator))
    assert entry_problem(CKMB1, value, allows_not_applicable=False) is None


@pytest.mark.parametrize(
    ("value", "message", "part"),
    [
        (EntryValue(points=Decimal("6.01")), "điểm 6,01 vượt điểm tối đa 6 của CKMB1", "points"),
        (EntryValue(points=Decimal(-1)), "điểm -1 âm; CKMB1", "points"),
        (EntryValue(points=Decimal("1.234")), "có quá 2 chữ số thập phân", "points"),
        (EntryValue(numerator=Decimal("4.5"), denominator=Decimal(5)), "tử số 4,5 của CKMB1", "numerator"),
        (EntryValue(numerator=Decimal(4), denominator=Decimal("5.5")), "mẫu số 5,5 của CKMB1", "denominator"),
        (EntryValue(numerator=Decimal(6), denominator=Decimal(5)), "tử số 6 lớn hơn mẫu số 5", "numerator"),
        (EntryValue(numerator=MAX_COUNT + 1, denominator=MAX_COUNT + 1), "lớn quá 999.999.999.999", "numerator"),
        (EntryValue(numerator=Decimal(1)), "có tử số nhưng thiếu mẫu số", "denominator"),
        (EntryValue(not_applicable=True), "không được để “-”", "points"),
        (EntryValue(points=Decimal(1), numerator=Decimal(1), denominator=Decimal(1)), "không nhập cả hai", "points"),
    ],
)
def test_each_bound_is_a_message_naming_the_indicator_and_the_input(value, message, part):
    problem = entry_problem(CKMB1, value, allows_not_applicable=False)
    assert problem is not None and message in problem and problem.part == part


def test_cells_as_the_reports_write_them():
    assert entry_parse(CKMB1, points="5,5/6") == EntryValue(points=Decimal("5.5"))
    assert entry_parse(CKMB1, points="-") == EntryValue(not_applicable=True)
    assert entry_parse(CKMB1, points="  ") is None
    with pytest.raises(EntryTextError, match="ô ghi “/18” nhưng CKMB1"):
        entry_parse(CKMB1, points="5/18")
    with pytest.raises(EntryTextError, match="đã đánh dấu “Không áp dụng”") as caught:
        entry_parse(CKMB1, numerator="3", not_applicable=True)
    assert caught.value.part == "numerator"


@pytest.mark.parametrize("text", ["-50", "99.999,99", "100000", "100,01", "90,125"])
def test_published_totals_outside_the_scheme_or_too_precise_are_refused(text):
    with pytest.raises(ValueError):
        total_parse(text, maximum=Decimal(100))


@given(st.integers(0, 10_000).map(lambda c: Decimal(c) / 100))
def test_published_totals_within_the_scheme_are_read_as_shown(total):
    assert total_parse(number_vi(total), maximum=Decimal(100)) == total


def test_a_class_label_must_fit_its_column():
    assert label_problem("Xuất sắc") is None
    assert "quá 40 ký tự" in label_problem("x" * 41)


@pytest.mark.django_db
def test_the_schemes_id_and_code_maps_are_built_once_and_agree(qd766):
    spec = scheme_spec_load(qd766)
    assert spec.code_by_key is spec.code_by_key  # computed once on the loaded scheme
    assert len(spec.code_by_key) == len(spec.groups) + sum(len(v) for v in spec.indicators_by_group.values())
    for key, code in spec.code_by_key.items():
        assert spec.key_by_code[code.upper()] == key
        assert spec.target_of(key).code == code
    assert spec.target_of((10**9, None)) is None
