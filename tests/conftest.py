"""Shared fixtures: real units loaded from the official lists (vietnamadminunits), as the seeds name them,
the shipped schemes, and the seed tables as files."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps

from indicators.models import Scheme
from indicators.scheme_data import SHIPPED_SCHEMES
from indicators.schemes import scheme_install
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


# Named personas (officer, other_officer, district_staff, province_staff, ...) for permission and workflow tests.
pytest_plugins = ["tests.personas", "tests.portal_fixtures"]


FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def seed_file():
    return lambda name: FIXTURES / name


def _shipped(code: str) -> Scheme:
    """A shipped scheme; reinstalled when a transactional test's flush removed the migration's data."""
    if not Scheme.objects.filter(code=code).exists():
        for definition in SHIPPED_SCHEMES:
            scheme_install(definition, lambda name: apps.get_model("indicators", name))
    return Scheme.objects.get(code=code)


@pytest.fixture
def qd766(db) -> Scheme:
    return _shipped("qd766")


@pytest.fixture
def dienbien459(db) -> Scheme:
    return _shipped("dienbien-459")


@pytest.fixture
def dong_thap_2025(dong_thap) -> AdministrativeUnit:
    """Tỉnh Đồng Tháp of the 2025 edition (code 82, legacy Đồng Tháp and Tiền Giang merged), loaded beside the
    legacy Đồng Tháp so merge links and codes kept by both editions are real."""
    return province_load(province="Đồng Tháp", edition=Edition.Y2025).province
