"""Admin import and export (django-import-export): units, schemes and scorecards, with dry runs and row errors."""

from __future__ import annotations

import pytest
import tablib
from django.contrib.auth import get_user_model

from indicators.models import Indicator, IndicatorGroup
from indicators.resources import IndicatorGroupResource, IndicatorResource, ScorecardResource
from units.models import AdministrativeUnit
from units.resources import AdministrativeUnitResource

pytestmark = pytest.mark.django_db


def test_units_round_trip_with_a_dry_run(lap_vo):
    exported = AdministrativeUnitResource().export(queryset=AdministrativeUnit.objects.filter(parent=lap_vo))
    assert exported.headers[:5] == ["edition", "code", "name", "kind", "parent"]
    assert exported.dict[0]["parent"] == "875"
    rows = tablib.Dataset(headers=["edition", "code", "name", "kind", "parent", "valid_from", "valid_to"])
    rows.append(["legacy", "99999", "Thử Nghiệm", "xa", "875", "", ""])
    dry = AdministrativeUnitResource().import_data(rows, dry_run=True)
    assert not dry.has_errors() and not AdministrativeUnit.objects.filter(code="99999").exists()
    AdministrativeUnitResource().import_data(rows, dry_run=False)
    unit = AdministrativeUnit.objects.get(code="99999")
    assert unit.parent == lap_vo and unit.level == 3 and unit.path == f"{lap_vo.path}{unit.pk}/"


def test_unit_row_errors_name_the_row(lap_vo):
    rows = tablib.Dataset(headers=["edition", "code", "name", "kind", "parent", "valid_from", "valid_to"])
    rows.append(["legacy", "99998", "Không Cha", "xa", "00000", "", ""])
    result = AdministrativeUnitResource().import_data(rows, dry_run=True)
    assert result.has_errors() or result.has_validation_errors()
    assert not AdministrativeUnit.objects.filter(code="99998").exists()


def test_scheme_groups_and_indicators_export_and_reimport_unchanged(qd766):
    groups = IndicatorGroupResource().export(queryset=IndicatorGroup.objects.filter(scheme=qd766))
    indicators = IndicatorResource().export(queryset=Indicator.objects.filter(group__scheme=qd766))
    assert groups.dict[0]["scheme"] == "qd766" and indicators.dict[0]["group"] == "CKMB"
    result = IndicatorResource().import_data(indicators, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}


def test_scorecards_export(card):
    exported = ScorecardResource().export()
    assert exported.dict[0]["unit"] == "Xã Bình Thành" and exported.dict[0]["period"] == "2024-05"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/units/administrativeunit/import/",
        "/admin/units/administrativeunit/export/",
        "/admin/indicators/scheme/import/",
        "/admin/indicators/indicator/export/",
        "/admin/indicators/scorecard/export/",
    ],
)
def test_admin_pages(client, qd766, url):
    admin = get_user_model().objects.create_superuser("qt", password="x-766-pass")
    client.force_login(admin)
    assert client.get(url).status_code == 200


def test_scorecards_have_no_admin_import(client, qd766):
    client.force_login(get_user_model().objects.create_superuser("qt", password="x-766-pass"))
    page = client.get("/admin/indicators/scorecard/").content.decode()
    assert "scorecard/export/" in page and "scorecard/import/" not in page
