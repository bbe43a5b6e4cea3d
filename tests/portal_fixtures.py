"""Phú Thọ (2025 edition, 148 communes), its provincial staff and the recorded portal responses of
tests/fixtures/portal/ (made by tests/fixtures/portal/make_responses.py), shared by the portal and browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.models import Scheme
from indicators.scheme_data import SHIPPED_SCHEMES
from indicators.schemes import scheme_install
from indicators.services import period_get_or_create
from units.constants import Edition
from units.loaders import province_load

PORTAL = Path(__file__).resolve().parent / "fixtures" / "portal"


@pytest.fixture
def phu_tho(db):
    """Tỉnh Phú Thọ of the 2025 list; the shipped schemes reinstalled when a transactional test flushed them."""
    if not Scheme.objects.filter(code="dvcqg-2026").exists():
        from django.apps import apps

        for definition in SHIPPED_SCHEMES:
            scheme_install(definition, lambda name: apps.get_model("indicators", name))
    return province_load(province="Phú Thọ", edition=Edition.Y2025).province


@pytest.fixture
def phu_tho_staff(phu_tho):
    """Provincial staff of the 2025 Tỉnh Phú Thọ."""
    from django.contrib.auth import get_user_model

    from accounts.constants import Role
    from accounts.models import Membership
    from tests.personas import PASSWORD

    user = get_user_model().objects.create_user(username="tinh.phutho", password=PASSWORD)
    Membership.objects.create(user=user, unit=phu_tho, role=Role.PROVINCE_STAFF)
    return user


@pytest.fixture
def period():
    return lambda key: period_get_or_create(key=key)


def responses(key: str, *, summary: bool = True) -> list[tuple[str, bytes]]:
    """The saved responses of Phú Thọ for a period, with the national summary unless told otherwise."""
    files = [(f.name, f.read_bytes()) for f in sorted((PORTAL / "phu-tho" / key).glob("*.json"))]
    if summary:
        path = PORTAL / "national" / f"service-results-{key}.json"
        files.append((path.name, path.read_bytes()))
    return files
