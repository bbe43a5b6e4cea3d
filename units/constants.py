"""Choices for administrative units: kinds, levels and editions, kept in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Edition(models.TextChoices):
    """Which official code list a unit belongs to: codes are only meaningful with their edition."""

    LEGACY = "legacy", _("Danh mục trước 01/7/2025 (QĐ 124/2004/QĐ-TTg)")
    Y2025 = "2025", _("Danh mục từ 01/7/2025 (QĐ 19/2025/QĐ-TTg)")


class Level(models.IntegerChoices):
    """Tier in the hierarchy; scheme indicators say which tiers they apply to."""

    PROVINCE = 1, _("Cấp tỉnh")
    DISTRICT = 2, _("Cấp huyện")
    COMMUNE = 3, _("Cấp xã")


class UnitKind(models.TextChoices):
    """Official kinds of unit, plus district departments that district reports rank beside communes."""

    PROVINCE = "tinh", _("Tỉnh")
    CENTRAL_CITY = "thanh_pho_tw", _("Thành phố trực thuộc Trung ương")
    DISTRICT = "huyen", _("Huyện")
    URBAN_DISTRICT = "quan", _("Quận")
    DISTRICT_TOWN = "thi_xa", _("Thị xã")
    PROVINCIAL_CITY = "thanh_pho", _("Thành phố thuộc tỉnh")
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    TOWNSHIP = "thi_tran", _("Thị trấn")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")
    DEPARTMENT = "bo_phan", _("Phòng, ban, bộ phận")
    PROVINCIAL_BODY = "co_quan_tinh", _("Sở, ban, ngành")


KIND_LEVEL: dict[str, int] = {
    UnitKind.PROVINCE: Level.PROVINCE,
    UnitKind.CENTRAL_CITY: Level.PROVINCE,
    UnitKind.DISTRICT: Level.DISTRICT,
    UnitKind.URBAN_DISTRICT: Level.DISTRICT,
    UnitKind.DISTRICT_TOWN: Level.DISTRICT,
    UnitKind.PROVINCIAL_CITY: Level.DISTRICT,
    UnitKind.COMMUNE: Level.COMMUNE,
    UnitKind.WARD: Level.COMMUNE,
    UnitKind.TOWNSHIP: Level.COMMUNE,
    UnitKind.SPECIAL_ZONE: Level.COMMUNE,
    # A department works at its parent's level (a district's Phòng Tài chính – Kế hoạch).
    UnitKind.DEPARTMENT: Level.DISTRICT,
    # A provincial body (sở, ban, ngành) is scored at province level, beside the communes of its province.
    UnitKind.PROVINCIAL_BODY: Level.PROVINCE,
}

# The word officials put before a name ("Xã Bình Thành", "Thị trấn Lấp Vò"), by kind.
KIND_PREFIX: dict[str, str] = {
    UnitKind.PROVINCE: "Tỉnh",
    UnitKind.CENTRAL_CITY: "Thành phố",
    UnitKind.DISTRICT: "Huyện",
    UnitKind.URBAN_DISTRICT: "Quận",
    UnitKind.DISTRICT_TOWN: "Thị xã",
    UnitKind.PROVINCIAL_CITY: "Thành phố",
    UnitKind.COMMUNE: "Xã",
    UnitKind.WARD: "Phường",
    UnitKind.TOWNSHIP: "Thị trấn",
    UnitKind.SPECIAL_ZONE: "Đặc khu",
    UnitKind.DEPARTMENT: "",
    UnitKind.PROVINCIAL_BODY: "",
}

# Kinds ranked apart from the communes beside them (a district's departments, a province's bodies).
BODY_KINDS = frozenset({UnitKind.DEPARTMENT, UnitKind.PROVINCIAL_BODY})

# Words reports put before unit names that are not part of the name itself.
NAME_PREFIXES: tuple[str, ...] = (
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "ubnd",
    "thành phố",
    "thị trấn",
    "thị xã",
    "tỉnh",
    "huyện",
    "quận",
    "phường",
    "xã",
    "đặc khu",
    "tp.",
    "tp",
)
