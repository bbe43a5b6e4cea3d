"""Fixtures for the units tests; the province fixtures are shared in tests/conftest.py."""

from __future__ import annotations

import pytest

from units.constants import UnitKind
from units.models import AdministrativeUnit


@pytest.fixture
def departments(lap_vo: AdministrativeUnit) -> list[AdministrativeUnit]:
    """District departments that district reports rank beside communes (created by hand, as in production)."""
    return [
        AdministrativeUnit.objects.create(code="875-MC", name="Một cửa huyện", kind=UnitKind.DEPARTMENT, parent=lap_vo),
        AdministrativeUnit.objects.create(
            code="875-TCKH", name="Phòng Tài chính – Kế hoạch", kind=UnitKind.DEPARTMENT, parent=lap_vo
        ),
    ]
