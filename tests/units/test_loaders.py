"""Tests for units/loaders.py and units/sources.py (`manage.py load_units`): real provinces from the package."""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from units.constants import Edition, Level, UnitKind
from units.loaders import province_load
from units.models import AdministrativeUnit
from units.sources import ProvinceNotFound, province_find, province_records, province_sources

pytestmark = pytest.mark.django_db


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_units", *args, stdout=out)
    return out.getvalue()


def snapshot() -> tuple[list[tuple], list[tuple]]:
    """Every stored value of every unit and every merge link, to compare runs."""
    units = list(
        AdministrativeUnit.objects.order_by("pk").values_list(
            "pk", "code", "name", "kind", "level", "parent_id", "edition", "valid_from", "valid_to", "path"
        )
    )
    links = list(
        AdministrativeUnit.merged_into.through.objects.order_by("pk").values_list(
            "from_administrativeunit_id", "to_administrativeunit_id"
        )
    )
    return units, links


@pytest.mark.parametrize("value", ["Đồng Tháp", "dong thap", "Tỉnh Đồng Tháp", "ĐỒNG THÁP", "87", "tinh dong thap"])
def test_province_find_accepts_names_and_codes(value: str) -> None:
    province = province_find(value=value, edition=Edition.LEGACY)
    assert (province.code, province.full_name) == ("87", "Tỉnh Đồng Tháp")


def test_province_codes_changed_in_2025() -> None:
    assert province_find(value="Đồng Tháp", edition=Edition.Y2025).code == "82"
    assert province_find(value="82", edition=Edition.LEGACY).full_name == "Tỉnh Tiền Giang"
    assert len(province_sources(edition=Edition.LEGACY)) == 63
    assert len(province_sources(edition=Edition.Y2025)) == 34


def test_unknown_province_lists_close_names() -> None:
    with pytest.raises(ProvinceNotFound, match="Có thể là: Đồng Tháp \\(87\\)"):
        province_find(value="Đồng Thắp Sáng", edition=Edition.LEGACY)


def test_province_merged_away_in_2025_says_where_it_went() -> None:
    with pytest.raises(ProvinceNotFound, match="Tỉnh Tiền Giang đã sáp nhập vào Tỉnh Đồng Tháp"):
        province_find(value="Tiền Giang", edition=Edition.Y2025)


def test_command_unknown_province_is_a_command_error() -> None:
    with pytest.raises(CommandError, match="Không tìm thấy tỉnh “Atlantis” trong danh mục trước 2025"):
        load("--province", "Atlantis", "--edition", "legacy")
    with pytest.raises(CommandError, match="Mã 87 là Tỉnh Đồng Tháp trong danh mục trước 2025"):
        load("--province", "87", "--edition", "2025")
    assert not AdministrativeUnit.objects.exists()


def test_load_dong_thap_legacy() -> None:
    output = load("--province", "Đồng Tháp", "--edition", "legacy")
    assert output.strip() == (
        "Đã nạp Tỉnh Đồng Tháp (danh mục trước 2025): 1 đơn vị cấp tỉnh, 12 đơn vị cấp huyện, "
        "141 đơn vị cấp xã; thêm mới 154, cập nhật 0, không đổi 0."
    )
    province = AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="87")
    assert (province.name, province.kind, province.level, province.parent) == (
        "Đồng Tháp",
        UnitKind.PROVINCE,
        Level.PROVINCE,
        None,
    )
    lap_vo = AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="875")
    assert (lap_vo.name, lap_vo.kind, lap_vo.level, lap_vo.parent) == ("Lấp Vò", UnitKind.DISTRICT, 2, province)
    assert (lap_vo.valid_from, lap_vo.valid_to) == (None, date(2025, 6, 30))
    communes = {unit.full_name: unit for unit in lap_vo.children.all()}
    assert len(communes) == 13
    assert communes["Thị trấn Lấp Vò"].kind == UnitKind.TOWNSHIP
    assert communes["Xã Bình Thành"].code == "30193"
    assert communes["Xã Bình Thành"].path == f"/{province.pk}/{lap_vo.pk}/{communes['Xã Bình Thành'].pk}/"
    assert all(unit.level == Level.COMMUNE for unit in communes.values())
    # The three cities of the province are district-level "thành phố", not province-level ones.
    cities = AdministrativeUnit.objects.filter(parent=province, kind=UnitKind.PROVINCIAL_CITY)
    assert sorted(cities.values_list("name", flat=True)) == ["Cao Lãnh", "Hồng Ngự", "Sa Đéc"]


def test_every_path_is_right_after_a_bulk_load() -> None:
    province_load(province="Đồng Tháp", edition=Edition.LEGACY)
    for unit in AdministrativeUnit.objects.select_related("parent"):
        expected = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
        assert unit.path == expected


def test_load_dien_bien_dong_has_14_communes() -> None:
    province_load(province="Điện Biên", edition=Edition.LEGACY)
    district = AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="101")
    assert district.full_name == "Huyện Điện Biên Đông"
    names = set(district.children.values_list("name", flat=True))
    assert len(names) == 14
    assert {"Điện Biên Đông", "Nong U", "Pu Nhi", "Tìa Dình"} <= names


def test_loading_twice_changes_nothing() -> None:
    load("--province", "Đồng Tháp", "--edition", "legacy")
    before = snapshot()
    output = load("--province", "dong thap", "--edition", "legacy")
    assert "thêm mới 0, cập nhật 0, không đổi 154." in output
    assert snapshot() == before


def test_reloading_repairs_edited_units_and_then_settles() -> None:
    province_load(province="Đồng Tháp", edition=Edition.LEGACY)
    before = snapshot()
    other = AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="874")
    AdministrativeUnit.objects.filter(code="875").update(name="Lấp Vò cũ", valid_to=None)
    moved = AdministrativeUnit.objects.get(code="30193")
    moved.parent = other
    moved.save()

    result = province_load(province="Đồng Tháp", edition=Edition.LEGACY)
    assert (result.created, result.updated, result.unchanged) == (0, 2, 152)
    assert snapshot() == before
    again = province_load(province="Đồng Tháp", edition=Edition.LEGACY)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 154)


def test_load_is_a_handful_of_queries(django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(30):
        province_load(province="Đồng Tháp", edition=Edition.LEGACY)
    with django_assert_max_num_queries(15):
        province_load(province="Đồng Tháp", edition=Edition.LEGACY)


def test_load_dong_thap_2025_has_no_districts() -> None:
    output = load("--province", "Đồng Tháp", "--edition", "2025")
    assert output.startswith(
        "Đã nạp Tỉnh Đồng Tháp (danh mục 2025): 1 đơn vị cấp tỉnh, 102 đơn vị cấp xã; thêm mới 103, cập nhật 0"
    )
    province = AdministrativeUnit.objects.get(edition=Edition.Y2025, code="82")
    assert (province.valid_from, province.valid_to) == (date(2025, 7, 1), None)
    units = AdministrativeUnit.objects.filter(edition=Edition.Y2025)
    assert units.count() == 103
    assert not units.filter(level=Level.DISTRICT).exists()
    assert set(units.exclude(pk=province.pk).values_list("parent", flat=True)) == {province.pk}
    assert set(units.exclude(pk=province.pk).values_list("kind", flat=True)) == {UnitKind.COMMUNE, UnitKind.WARD}
    assert not AdministrativeUnit.merged_into.through.objects.exists()
    assert "Liên kết sáp nhập vào Tỉnh Đồng Tháp: thêm mới 0, đã có 0." in output


def test_editions_do_not_clash_on_codes() -> None:
    """Code 82 is legacy Tiền Giang and 2025 Đồng Tháp; (edition, code) keeps them apart."""
    province_load(province="Tiền Giang", edition=Edition.LEGACY)
    province_load(province="Đồng Tháp", edition=Edition.Y2025)
    assert AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="82").name == "Tiền Giang"
    assert AdministrativeUnit.objects.get(edition=Edition.Y2025, code="82").name == "Đồng Tháp"


def test_merge_links_after_legacy_provinces_are_loaded() -> None:
    province_load(province="Đồng Tháp", edition=Edition.LEGACY)
    province_load(province="Tiền Giang", edition=Edition.LEGACY)
    output = load("--province", "Đồng Tháp", "--edition", "2025")
    assert "Liên kết sáp nhập vào Tỉnh Đồng Tháp: thêm mới" in output
    assert "Chưa nạp" not in output

    new_province = AdministrativeUnit.objects.get(edition=Edition.Y2025, code="82")
    assert set(new_province.merged_from.values_list("name", flat=True)) == {"Đồng Tháp", "Tiền Giang"}
    # Every legacy commune of both provinces went somewhere; no legacy district is linked.
    legacy_communes = AdministrativeUnit.objects.filter(edition=Edition.LEGACY, level=Level.COMMUNE)
    assert legacy_communes.count() == 141 + 164
    assert not legacy_communes.filter(merged_into__isnull=True).exists()
    assert not AdministrativeUnit.objects.filter(
        edition=Edition.LEGACY, level=Level.DISTRICT, merged_into__isnull=False
    )
    assert not AdministrativeUnit.objects.filter(edition=Edition.Y2025, merged_into__isnull=False).exists()
    # Phường Cai Lậy (2025) was formed from Phường 5 and Xã Long Khánh of Thị xã Cai Lậy, among others.
    cai_lay = AdministrativeUnit.objects.get(edition=Edition.Y2025, kind=UnitKind.WARD, name="Cai Lậy")
    sources = {(unit.full_name, unit.parent.full_name) for unit in cai_lay.merged_from.select_related("parent")}
    assert {("Phường 5", "Thị xã Cai Lậy"), ("Xã Long Khánh", "Thị xã Cai Lậy")} <= sources

    before = snapshot()
    output = load("--province", "Đồng Tháp", "--edition", "2025")
    assert "thêm mới 0, đã có" in output
    assert snapshot() == before


def test_merge_links_when_legacy_is_loaded_after_2025() -> None:
    province_load(province="Đồng Tháp", edition=Edition.LEGACY)
    first = province_load(province="Đồng Tháp", edition=Edition.Y2025)
    [merge] = first.merges
    assert merge.created > 0
    assert merge.provinces_missing == ["Tỉnh Tiền Giang"]
    waiting = merge.legacy_missing

    output = load("--province", "Tiền Giang", "--edition", "legacy")
    assert f"Liên kết sáp nhập vào Tỉnh Đồng Tháp: thêm mới {waiting}, đã có {merge.created}." in output
    tien_giang = AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="82")
    assert [unit.code for unit in tien_giang.merged_into.all()] == ["82"]


def test_numbered_wards_keep_their_number_as_name() -> None:
    province_load(province="Tiền Giang", edition=Edition.LEGACY)
    ward = AdministrativeUnit.objects.get(
        edition=Edition.LEGACY, parent__name="Cai Lậy", parent__kind="thi_xa", name="5"
    )
    assert ward.full_name == "Phường 5"


def test_kinds_come_from_the_names_and_match_the_official_2025_totals() -> None:
    """Resolution 202/2025: 2,621 xã, 687 phường, 13 đặc khu. The package's type column is off for four
    communes, the kind word in their full names is not, so kinds are read from the names."""
    kinds: Counter[str] = Counter()
    notes: list[str] = []
    for province in province_sources(edition=Edition.Y2025):
        records, province_notes = province_records(province=province, edition=Edition.Y2025)
        kinds.update(str(record.kind) for record in records)
        notes += province_notes
    assert (kinds["xa"], kinds["phuong"], kinds["dac_khu"]) == (2621, 687, 13)
    assert kinds["tinh"] + kinds["thanh_pho_tw"] == 34
    assert "Xã Phong Điền: cột loại ghi “Phường”, theo tên là xã." in notes
