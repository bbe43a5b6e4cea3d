"""Tests for units/services.py: paths rebuilt after bulk writes that bypass save()."""

from __future__ import annotations

import pytest

from units.constants import UnitKind
from units.models import AdministrativeUnit
from units.services import unit_paths_rebuild

pytestmark = pytest.mark.django_db


def test_rebuild_sets_paths_of_bulk_created_units() -> None:
    province = AdministrativeUnit.objects.create(code="01", name="Hà Nội", kind=UnitKind.CENTRAL_CITY)
    district = AdministrativeUnit(code="001", name="Ba Đình", kind=UnitKind.URBAN_DISTRICT, level=2, parent=province)
    AdministrativeUnit.objects.bulk_create([district])
    commune = AdministrativeUnit(code="00001", name="Phúc Xá", kind=UnitKind.WARD, level=3, parent=district)
    AdministrativeUnit.objects.bulk_create([commune])
    assert AdministrativeUnit.objects.get(pk=commune.pk).path == ""

    assert unit_paths_rebuild() == 2
    commune.refresh_from_db()
    assert commune.path == f"/{province.pk}/{district.pk}/{commune.pk}/"
    assert unit_paths_rebuild() == 0


def test_rebuild_follows_a_bulk_moved_subtree() -> None:
    old = AdministrativeUnit.objects.create(code="01", name="A", kind=UnitKind.PROVINCE)
    new = AdministrativeUnit.objects.create(code="02", name="B", kind=UnitKind.PROVINCE)
    district = AdministrativeUnit.objects.create(code="001", name="C", kind=UnitKind.DISTRICT, parent=old)
    commune = AdministrativeUnit.objects.create(code="00001", name="D", kind=UnitKind.COMMUNE, parent=district)
    AdministrativeUnit.objects.filter(pk=district.pk).update(parent=new)

    assert unit_paths_rebuild() == 2
    commune.refresh_from_db()
    assert commune.path == f"/{new.pk}/{district.pk}/{commune.pk}/"
