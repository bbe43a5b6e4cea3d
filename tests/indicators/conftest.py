"""Fixtures for scoring tests: real units loaded from the official lists, seed tables as files."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.models import Scheme
from units.loaders import province_load
from units.models import AdministrativeUnit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def seed_file():
    return lambda name: FIXTURES / name


@pytest.fixture
def qd766(db) -> Scheme:
    return Scheme.objects.get(code="qd766")


@pytest.fixture
def dienbien459(db) -> Scheme:
    return Scheme.objects.get(code="dienbien-459")


@pytest.fixture
def lap_vo(db) -> AdministrativeUnit:
    """Huyện Lấp Vò (Đồng Tháp, code 875) and its 13 communes, as in seed 000."""
    province_load(province="Đồng Tháp", edition="legacy")
    return AdministrativeUnit.objects.get(edition="legacy", code="875")


@pytest.fixture
def cho_moi(db) -> AdministrativeUnit:
    """Huyện Chợ Mới (An Giang), the 18 communes of seed 001."""
    province_load(province="An Giang", edition="legacy")
    return AdministrativeUnit.objects.get(edition="legacy", name="Chợ Mới", kind="huyen")


@pytest.fixture
def dien_bien_dong(db) -> AdministrativeUnit:
    """Huyện Điện Biên Đông (code 101), the 14 communes of seed 003."""
    province_load(province="Điện Biên", edition="legacy")
    return AdministrativeUnit.objects.get(edition="legacy", code="101")
