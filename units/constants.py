"""Choices for administrative units: kinds, levels and editions, kept in one place."""

from datetime import date

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
    # A province's sở, ban, ngành (Văn phòng UBND tỉnh, Thanh tra tỉnh) are scored at province level.
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

# Units ranked apart from the communes under the same parent: a district's departments, a province's bodies.
BODY_KINDS: frozenset[str] = frozenset({UnitKind.DEPARTMENT, UnitKind.PROVINCIAL_BODY})

# What a cohort is called in "xếp hạng 03/15 sở, ban, ngành" and "12/148 xã, phường", by (cohort, parent level).
COHORT_BODIES = "bodies"
COHORT_UNITS = "units"


def cohort_of(kind: str) -> str:
    """The ranking cohort of a unit kind: bodies (departments, provincial bodies) or territorial units."""
    return COHORT_BODIES if kind in BODY_KINDS else COHORT_UNITS


def cohort_label(*, kind: str, edition: str) -> str:
    """The plural noun a rank is "out of" ("03/15 sở, ban, ngành", "12/148 xã, phường", "08/12 huyện")."""
    if kind == UnitKind.PROVINCIAL_BODY:
        return "sở, ban, ngành"
    if kind == UnitKind.DEPARTMENT:
        return "phòng, ban"
    level = KIND_LEVEL.get(kind)
    if level == Level.DISTRICT:
        return "huyện, thị xã, thành phố"
    if level == Level.COMMUNE:
        return "xã, phường" if edition == Edition.Y2025 else "xã, phường, thị trấn"
    return "tỉnh, thành phố"


# The dates each edition covers, for units without their own valid_from / valid_to (Nghị quyết 202/2025/QH15).
EDITION_VALIDITY: dict[str, tuple[date | None, date | None]] = {
    Edition.LEGACY: (None, date(2025, 6, 30)),
    Edition.Y2025: (date(2025, 7, 1), None),
}

# Short edition names for messages ("danh mục trước 2025"); the choice labels cite the decisions and are long.
EDITION_SHORT: dict[str, str] = {Edition.LEGACY: "danh mục trước 2025", Edition.Y2025: "danh mục 2025"}

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
