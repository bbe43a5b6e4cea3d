"""Tests for units/matching.py: names as reports write them against official units under one parent."""

from __future__ import annotations

import unicodedata

import pytest

from units.constants import UnitKind
from units.matching import UnitMatcher, fold, normalize, strip_prefixes
from units.models import AdministrativeUnit


def unit(pk: int, code: str, name: str, kind: str = UnitKind.COMMUNE) -> AdministrativeUnit:
    """An unsaved unit: the matcher is pure, so most tests need no database."""
    return AdministrativeUnit(pk=pk, code=code, name=name, kind=kind)


@pytest.fixture
def lap_vo_matcher() -> UnitMatcher:
    """The 13 communes of legacy Huyện Lấp Vò, as the package lists them, plus two departments."""
    units = [
        unit(1, "30169", "Lấp Vò", UnitKind.TOWNSHIP),
        unit(2, "30172", "Mỹ An Hưng A"),
        unit(3, "30175", "Tân Mỹ"),
        unit(4, "30178", "Mỹ An Hưng B"),
        unit(5, "30181", "Tân Khánh Trung"),
        unit(6, "30184", "Long Hưng A"),
        unit(7, "30187", "Vĩnh Thạnh"),
        unit(8, "30190", "Long Hưng B"),
        unit(9, "30193", "Bình Thành"),
        unit(10, "30196", "Định An"),
        unit(11, "30199", "Định Yên"),
        unit(12, "30202", "Hội An Đông"),
        unit(13, "30205", "Bình Thạnh Trung"),
        unit(14, "875-MC", "Một cửa huyện", UnitKind.DEPARTMENT),
        unit(15, "875-TCKH", "Phòng Tài chính – Kế hoạch", UnitKind.DEPARTMENT),
    ]
    return UnitMatcher(units, scope="Huyện Lấp Vò")


def test_fold_strips_diacritics_including_d_bar() -> None:
    assert fold("Tìa Đình") == "tia dinh"
    assert fold("  ĐIỆN   BIÊN  ĐÔNG ") == "dien bien dong"
    assert fold("Phòng Tài chính – Kế hoạch") == fold("phong tai chinh-ke hoach")


def test_normalize_unifies_unicode_forms_dashes_and_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "Xã Bình Thành")
    assert decomposed != "Xã Bình Thành"
    assert normalize(decomposed) == "Xã Bình Thành"
    assert normalize("Tài chính—Kế  hoạch") == "Tài chính - Kế hoạch"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UBND Xã Bình Thành", "Bình Thành"),
        ("Ủy ban nhân dân huyện Lấp Vò", "Lấp Vò"),
        ("Thị trấn Lấp Vò", "Lấp Vò"),
        ("TP. Cao Lãnh", "Cao Lãnh"),
        ("TP.Cao Lãnh", "Cao Lãnh"),
        ("Xã Xa Dung", "Xa Dung"),  # only one kind word goes
        ("Bình Thành", "Bình Thành"),
        ("Phòng Tài chính – Kế hoạch", "Phòng Tài chính - Kế hoạch"),
    ],
)
def test_strip_prefixes(text: str, expected: str) -> None:
    assert strip_prefixes(text) == expected


@pytest.mark.parametrize(
    "text",
    ["UBND Xã Bình Thành", "Bình Thành", "BÌNH THÀNH", "Xã Bình Thành", "xã bình thành", "  Xã  Bình Thành "],
)
def test_case_and_prefix_variants_match_exactly(lap_vo_matcher: UnitMatcher, text: str) -> None:
    result = lap_vo_matcher.match(text)
    assert result.status == "exact"
    assert result.unit is not None and result.unit.code == "30193"
    assert result.message == ""


def test_decomposed_unicode_matches_exactly(lap_vo_matcher: UnitMatcher) -> None:
    result = lap_vo_matcher.match(unicodedata.normalize("NFD", "UBND Xã Bình Thành"))
    assert (result.status, result.unit.code) == ("exact", "30193")


@pytest.mark.parametrize(
    ("text", "code"),
    [("Binh Thanh", "30193"), ("XA BINH THANH", "30193"), ("Tấn Mỹ", "30175"), ("Hoi An Dong", "30202")],
)
def test_without_diacritics_matches_when_unique(lap_vo_matcher: UnitMatcher, text: str, code: str) -> None:
    result = lap_vo_matcher.match(text)
    assert result.status == "folded"
    assert result.unit.code == code


def test_upper_case_with_diacritics_is_exact(lap_vo_matcher: UnitMatcher) -> None:
    assert lap_vo_matcher.match("TÂN MỸ").status == "exact"


def test_township_by_full_name_and_by_code(lap_vo_matcher: UnitMatcher) -> None:
    assert lap_vo_matcher.match("Thị trấn Lấp Vò").unit.code == "30169"
    assert lap_vo_matcher.match("30169").unit.name == "Lấp Vò"
    assert lap_vo_matcher.match("30169").status == "exact"


def test_bare_kind_word_names_the_only_unit_of_that_kind(lap_vo_matcher: UnitMatcher) -> None:
    result = lap_vo_matcher.match("UBND Thị trấn")
    assert result.status == "exact"
    assert result.unit.code == "30169"


def test_bare_kind_word_with_several_units_is_ambiguous(lap_vo_matcher: UnitMatcher) -> None:
    result = lap_vo_matcher.match("UBND Xã")
    assert result.status == "ambiguous"
    assert result.unit is None
    assert len(result.candidates) == 5
    assert all(candidate.kind == UnitKind.COMMUNE for candidate in result.candidates)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Một cửa huyện", "875-MC"),
        ("Bộ phận Một cửa huyện", "875-MC"),
        ("Phòng Tài chính – Kế hoạch", "875-TCKH"),
        ("Phòng Tài chính - Kế hoạch", "875-TCKH"),
        ("Phòng Tài chính-Kế hoạch", "875-TCKH"),
        ("PHÒNG TÀI CHÍNH — KẾ HOẠCH", "875-TCKH"),
    ],
)
def test_departments_match_by_name(lap_vo_matcher: UnitMatcher, text: str, code: str) -> None:
    result = lap_vo_matcher.match(text)
    assert result.status == "exact"
    assert result.unit.code == code


def test_missing_lists_closest_candidates(lap_vo_matcher: UnitMatcher) -> None:
    result = lap_vo_matcher.match("Tân Mĩ")
    assert result.status == "missing"
    assert result.unit is None
    assert [candidate.name for candidate in result.candidates][:2] == ["Tân Mỹ", "Tân Khánh Trung"]
    assert result.message.startswith(
        "Không tìm thấy đơn vị “Tân Mĩ” trong Huyện Lấp Vò. Có thể là: Xã Tân Mỹ, Xã Tân Khánh Trung"
    )
    assert len(result.candidates) <= 5


def test_missing_without_anything_close(lap_vo_matcher: UnitMatcher) -> None:
    result = lap_vo_matcher.match("Quảng Trực")
    assert result.status == "missing"
    assert result.message == "Không tìm thấy đơn vị “Quảng Trực” trong Huyện Lấp Vò."


def test_empty_text_is_missing(lap_vo_matcher: UnitMatcher) -> None:
    assert lap_vo_matcher.match("   ").status == "missing"


def test_same_name_of_two_kinds_is_ambiguous_until_the_kind_is_written() -> None:
    matcher = UnitMatcher(
        [unit(1, "30037", "Mỹ An", UnitKind.TOWNSHIP), unit(2, "30064", "Mỹ An")], scope="Huyện Tháp Mười"
    )
    result = matcher.match("UBND Mỹ An")
    assert result.status == "ambiguous"
    assert {candidate.code for candidate in result.candidates} == {"30037", "30064"}
    assert result.message == (
        "Tên “UBND Mỹ An” khớp với nhiều đơn vị trong Huyện Tháp Mười: Thị trấn Mỹ An, Xã Mỹ An. "
        "Hãy ghi rõ loại đơn vị hoặc mã."
    )
    assert matcher.match("Xã Mỹ An").unit.code == "30064"
    assert matcher.match("thị trấn mỹ an").unit.code == "30037"
    assert matcher.match("Thi tran My An").unit.code == "30037"


def test_folding_never_picks_one_of_two_names_that_differ_only_in_diacritics() -> None:
    matcher = UnitMatcher([unit(1, "1", "Tân Mỹ"), unit(2, "2", "Tấn Mỹ")])
    assert matcher.match("Tân Mỹ").unit.code == "1"  # exact beats folded
    result = matcher.match("Tan My")
    assert result.status == "ambiguous"
    assert len(result.candidates) == 2


def test_name_starting_with_a_kind_like_word() -> None:
    matcher = UnitMatcher([unit(1, "03373", "Xa Dung"), unit(2, "03370", "Pu Nhi")])
    assert matcher.match("Xã Xa Dung").unit.code == "03373"
    assert matcher.match("Xa Dung").unit.code == "03373"
    assert matcher.match("UBND xa Xa Dung").unit.code == "03373"
    assert matcher.match("uy ban nhan dan xa pu nhi").unit.code == "03370"


@pytest.mark.django_db
def test_real_dien_bien_dong_names(dien_bien_dong: AdministrativeUnit, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        matcher = UnitMatcher.under(dien_bien_dong)
        results = {text: matcher.match(text) for text in ["UBND Thị trấn", "UBND xã Nong U", "Pú Nhi", "Tìa Đình"]}
    assert len(matcher.units) == 14
    assert results["UBND Thị trấn"].unit.full_name == "Thị trấn Điện Biên Đông"
    assert results["UBND Thị trấn"].status == "exact"
    assert results["UBND xã Nong U"].unit.full_name == "Xã Nong U"
    assert (results["Pú Nhi"].unit.full_name, results["Pú Nhi"].status) == ("Xã Pu Nhi", "folded")
    assert (results["Tìa Đình"].unit.full_name, results["Tìa Đình"].status) == ("Xã Tìa Dình", "folded")


@pytest.mark.django_db
def test_real_lap_vo_names(lap_vo: AdministrativeUnit, departments: list[AdministrativeUnit]) -> None:
    matcher = UnitMatcher.under(lap_vo)
    assert matcher.match("Thị trấn Lấp Vò").unit.code == "30169"
    assert matcher.match("UBND Xã Bình Thành").unit.code == "30193"
    assert matcher.match("Một cửa huyện").unit == departments[0]
    assert matcher.match("Phòng Tài chính - Kế hoạch").unit == departments[1]
    assert matcher.match("Tân Mĩ").message.startswith(
        "Không tìm thấy đơn vị “Tân Mĩ” trong Huyện Lấp Vò. Có thể là: Xã Tân Mỹ, Xã Tân Khánh Trung"
    )
