"""Tests for units/selectors.py: one query per read, whatever the depth or the number of rows."""

from __future__ import annotations

import pytest

from units.constants import Edition, UnitKind
from units.models import AdministrativeUnit
from units.selectors import (
    UnitAmbiguous,
    UnitNotFound,
    unit_ancestors,
    unit_children,
    unit_descendants,
    unit_get_by_code_or_name,
)

pytestmark = pytest.mark.django_db


def test_children(lap_vo: AdministrativeUnit, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        children = list(unit_children(unit=lap_vo))
    assert len(children) == 13
    assert {child.full_name for child in children} >= {"Thị trấn Lấp Vò", "Xã Bình Thành"}


def test_children_of_some_kinds(lap_vo: AdministrativeUnit, departments: list[AdministrativeUnit]) -> None:
    assert unit_children(unit=lap_vo).count() == 15
    communes = unit_children(unit=lap_vo, kinds=[UnitKind.COMMUNE, UnitKind.TOWNSHIP])
    assert communes.count() == 13
    assert list(unit_children(unit=lap_vo, kinds=[UnitKind.DEPARTMENT])) == departments
    assert [u.name for u in unit_children(unit=lap_vo, kinds=[UnitKind.TOWNSHIP])] == ["Lấp Vò"]


def test_descendants_in_one_query_with_parents(dong_thap: AdministrativeUnit, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        rows = [(unit.full_name, unit.parent.full_name) for unit in unit_descendants(unit=dong_thap)]
    assert len(rows) == 12 + 141
    assert ("Xã Bình Thành", "Huyện Lấp Vò") in rows
    assert ("Huyện Lấp Vò", "Tỉnh Đồng Tháp") in rows


def test_descendants_include_self_and_stay_inside_the_subtree(
    lap_vo: AdministrativeUnit, departments: list[AdministrativeUnit]
) -> None:
    subtree = unit_descendants(unit=lap_vo, include_self=True)
    assert subtree.count() == 1 + 13 + 2
    assert lap_vo in subtree
    assert lap_vo not in unit_descendants(unit=lap_vo)
    assert not subtree.exclude(pk=lap_vo.pk).exclude(parent=lap_vo).exists()


def test_descendants_do_not_leak_into_a_sibling_with_a_longer_key(db) -> None:
    """Paths end with "/", so the subtree of unit 1 never includes unit 12's."""
    root = AdministrativeUnit.objects.create(code="01", name="A", kind=UnitKind.PROVINCE)
    others = [
        AdministrativeUnit.objects.create(code=f"9{i:02d}", name=f"B{i}", kind=UnitKind.PROVINCE) for i in range(12)
    ]
    child = AdministrativeUnit.objects.create(code="001", name="C", kind=UnitKind.DISTRICT, parent=root)
    grandchild = AdministrativeUnit.objects.create(code="00001", name="D", kind=UnitKind.COMMUNE, parent=others[-1])
    assert list(unit_descendants(unit=root)) == [child]
    assert grandchild not in unit_descendants(unit=root)


def test_ancestors_root_first_in_one_query(lap_vo: AdministrativeUnit, django_assert_num_queries) -> None:
    commune = AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="30193")
    with django_assert_num_queries(1):
        names = [unit.full_name for unit in unit_ancestors(unit=commune)]
    assert names == ["Tỉnh Đồng Tháp", "Huyện Lấp Vò"]
    assert list(unit_ancestors(unit=commune.parent.parent)) == []


def test_get_by_code(lap_vo: AdministrativeUnit, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        assert unit_get_by_code_or_name(value="875") == lap_vo
    assert unit_get_by_code_or_name(value=" 875 ", edition=Edition.LEGACY) == lap_vo


@pytest.mark.parametrize("value", ["Lấp Vò", "Huyện Lấp Vò", "huyện lấp vò", "Lap Vo"])
def test_get_by_name_under_a_parent(dong_thap: AdministrativeUnit, lap_vo: AdministrativeUnit, value: str) -> None:
    assert unit_get_by_code_or_name(value=value, parent=dong_thap) == lap_vo


def test_get_by_stored_name_is_one_query(dong_thap: AdministrativeUnit, lap_vo, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        assert unit_get_by_code_or_name(value="Lấp Vò", parent=dong_thap) == lap_vo


def test_get_by_full_name_across_the_edition(lap_vo: AdministrativeUnit) -> None:
    assert unit_get_by_code_or_name(value="Huyện Lấp Vò", edition=Edition.LEGACY) == lap_vo
    township = unit_get_by_code_or_name(value="Thị trấn Lấp Vò", edition=Edition.LEGACY)
    assert township.code == "30169"


def test_ambiguous_name_lists_candidates(lap_vo: AdministrativeUnit) -> None:
    with pytest.raises(UnitAmbiguous) as raised:
        unit_get_by_code_or_name(value="Lấp Vò", edition=Edition.LEGACY)
    message = str(raised.value)
    assert "Huyện Lấp Vò (mã 875, Tỉnh Đồng Tháp)" in message
    assert "Thị trấn Lấp Vò (mã 30169, Huyện Lấp Vò)" in message
    assert {unit.code for unit in raised.value.candidates} == {"875", "30169"}
    # Still a MultipleObjectsReturned, so generic handlers keep working.
    assert isinstance(raised.value, AdministrativeUnit.MultipleObjectsReturned)


def test_same_code_in_both_editions_is_ambiguous_without_edition(dong_thap: AdministrativeUnit) -> None:
    AdministrativeUnit.objects.create(code="87", name="Thử", kind=UnitKind.PROVINCE, edition=Edition.Y2025)
    with pytest.raises(UnitAmbiguous, match="nhiều đơn vị"):
        unit_get_by_code_or_name(value="87")
    assert unit_get_by_code_or_name(value="87", edition=Edition.LEGACY) == dong_thap


def test_missing_name_suggests_close_units(lap_vo: AdministrativeUnit) -> None:
    with pytest.raises(UnitNotFound) as raised:
        unit_get_by_code_or_name(value="Tân Mĩ", parent=lap_vo)
    assert str(raised.value).startswith("Không tìm thấy đơn vị “Tân Mĩ” trong Huyện Lấp Vò. Có thể là: Xã Tân Mỹ")
    assert isinstance(raised.value, AdministrativeUnit.DoesNotExist)


def test_missing_code(lap_vo: AdministrativeUnit) -> None:
    with pytest.raises(UnitNotFound, match="“99999”"):
        unit_get_by_code_or_name(value="99999", edition=Edition.LEGACY)
