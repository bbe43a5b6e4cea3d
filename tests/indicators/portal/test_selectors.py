"""The portal's published dossier counts per unit, read back from the kept responses: exactly the recorded files'
figures, whatever an entry says since, and only for the period and the units asked about."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from indicators.models import Entry, PortalResponse, PortalUnit
from indicators.portal.selectors import portal_progress_get
from indicators.portal.services import portal_import
from tests.portal_fixtures import PORTAL, responses
from units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def recorded(key: str) -> dict[str, dict]:
    """The progress rows of the recorded files, by the portal's id."""
    rows = {}
    for path in sorted((PORTAL / "phu-tho" / key).glob("dvc-progress-tree*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
        for raw in [data["parent"], *data["children"]]:
            rows[raw["departmentId"]] = {**raw, "file": path.name}
    return rows


def test_counts_are_the_recorded_files_and_not_the_entries(phu_tho, period):
    october = period("2026-10")
    portal_import(files=responses("2026-10", summary=False), period=october)
    units = [phu_tho, *AdministrativeUnit.objects.filter(parent=phu_tho)]
    # An officer's later figure in the same scorecard is not the portal's.
    Entry.objects.filter(scorecard__unit=phu_tho, scorecard__period=october, indicator__code="TDGQ1").update(
        numerator=1, denominator=1
    )
    found = portal_progress_get(units=units, period=october)
    files = recorded("2026-10")
    assert len(found) == len(files) == 1 + 148 + 14
    for unit_id, portal_id in PortalUnit.objects.filter(unit__in=units).values_list("unit_id", "portal_id"):
        raw, figures = files[portal_id], found[unit_id]
        assert (figures.received, figures.on_time, figures.overdue) == (
            raw["totalReceived"],
            raw["totalOnTime"],
            raw["totalOverdue"],
        )
        assert figures.ratio == Decimal(str(raw["ratio"])) and figures.file == raw["file"]
        assert figures.sha256 == PortalResponse.objects.get(name=raw["file"], period=october).sha256


def test_only_the_period_and_units_asked_about(phu_tho, period):
    portal_import(files=responses("2026-10", summary=False), period=period("2026-10"))
    commune = AdministrativeUnit.objects.filter(parent=phu_tho, kind="xa").first()
    assert list(portal_progress_get(units=[commune], period=period("2026-10"))) == [commune.pk]
    assert portal_progress_get(units=[commune], period=period("2026-09")) == {}
    assert portal_progress_get(units=[], period=period("2026-10")) == {}
