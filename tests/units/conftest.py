"""Fixtures for the units tests: real provinces loaded from the vietnamadminunits package, and a tiny tree."""

from __future__ import annotations

import pytest

from units.constants import Edition, UnitKind
from units.loaders import province_load
from units.models import AdministrativeUnit


@pytest.fixture
def dong_thap(db) -> AdministrativeUnit:
    """Legacy Tỉnh Đồng Tháp (code 87) with its 12 districts and 141 communes."""
    return province_load(province="Đồng Tháp", edition=Edition.LEGACY).province


@pytest.fixture
def lap_vo(dong_thap: AdministrativeUnit) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="875")


@pytest.fixture
def dien_bien_dong(db) -> AdministrativeUnit:
    """Legacy Huyện Điện Biên Đông (code 101), whose only thị trấn is "Thị trấn Điện Biên Đông"."""
    province_load(province="Điện Biên", edition=Edition.LEGACY)
    return AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="101")


@pytest.fixture
def departments(lap_vo: AdministrativeUnit) -> list[AdministrativeUnit]:
    """District departments that district reports rank beside communes (created by hand, as in production)."""
    return [
        AdministrativeUnit.objects.create(code="875-MC", name="Một cửa huyện", kind=UnitKind.DEPARTMENT, parent=lap_vo),
        AdministrativeUnit.objects.create(
            code="875-TCKH", name="Phòng Tài chính – Kế hoạch", kind=UnitKind.DEPARTMENT, parent=lap_vo
        ),
    ]
