"""Shared fixtures: real units loaded from the official lists (vietnamadminunits), as the seeds name them."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DEBUG", "1")

from units.constants import Edition
from units.loaders import province_load
from units.models import AdministrativeUnit


@pytest.fixture
def dong_thap(db) -> AdministrativeUnit:
    """Legacy Tỉnh Đồng Tháp (code 87) with its 12 districts and 141 communes."""
    return province_load(province="Đồng Tháp", edition=Edition.LEGACY).province


@pytest.fixture
def lap_vo(dong_thap: AdministrativeUnit) -> AdministrativeUnit:
    """Huyện Lấp Vò (code 875) and its 13 communes, as in seed 000."""
    return AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="875")


@pytest.fixture
def dien_bien_dong(db) -> AdministrativeUnit:
    """Legacy Huyện Điện Biên Đông (code 101), the 14 communes of seed 003; its only thị trấn is
    "Thị trấn Điện Biên Đông"."""
    province_load(province="Điện Biên", edition=Edition.LEGACY)
    return AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="101")


@pytest.fixture
def cho_moi(db) -> AdministrativeUnit:
    """Huyện Chợ Mới (An Giang), the 18 communes of seed 001."""
    province_load(province="An Giang", edition=Edition.LEGACY)
    return AdministrativeUnit.objects.get(edition=Edition.LEGACY, name="Chợ Mới", kind="huyen")
