"""The portal import against the recorded Phú Thọ responses: reproduction, all-or-nothing, idempotence, evidence."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

import pytest

from audit.models import AuditEvent
from indicators.constants import ScorecardStatus
from indicators.dashboards.selectors import league_table_get
from indicators.models import Entry, PortalResponse, PortalUnit, PublishedFigure, Scorecard
from indicators.portal.selectors import portal_reconcile_rows, province_national_rank
from indicators.portal.services import PortalImportError, portal_import
from indicators.selectors import scheme_get
from tests.portal_fixtures import PORTAL, responses
from units.constants import UnitKind


@pytest.mark.parametrize("key", ["2026-10", "2026-Q3", "2026"])
def test_computed_points_equal_published_for_every_unit_and_group(phu_tho, period, key):
    report = portal_import(files=responses(key), period=period(key))
    assert report.scheme.code == "dvcqg-2026"  # chosen by the period's date
    rows = portal_reconcile_rows(province=phu_tho, period=report.period, scheme=report.scheme)
    assert len({r.unit.pk for r in rows}) == 1 + 148 + 14
    assert {r.group for r in rows} == {"CKMB", "TDGQ", "DVCTT", "TTTT", "MDHL", "MDSH"}
    assert all(r.published is not None for r in rows)
    assert [r for r in rows if r.computed != r.published] == []
    assert all(r.published_only == (r.group == "DVCTT") for r in rows)


def test_month_ranks_communes_and_bodies_as_two_cohorts_and_province_nationally(phu_tho, period):
    report = portal_import(files=responses("2026-10"), period=period("2026-10"))
    cards = [row.card for row in league_table_get(scheme=report.scheme, period=report.period, parent=phu_tho).rows]
    bodies = [c for c in cards if c.unit.kind == UnitKind.PROVINCIAL_BODY]
    communes = [c for c in cards if c.unit.kind != UnitKind.PROVINCIAL_BODY]
    assert {c.rank_of for c in bodies} == {14} and {c.rank_of for c in communes} == {148}
    assert sorted(c.rank for c in bodies)[0] == 1 and sorted(c.rank for c in communes)[0] == 1
    assert "Sở Y tế" in report.created and len(report.created) >= 14
    assert province_national_rank(province=phu_tho, period=report.period, scheme=report.scheme) == (
        "xếp hạng 08/34 tỉnh, thành phố"
    )


def test_import_is_idempotent_keeps_evidence_and_audits_sha256(phu_tho, period):
    files = responses("2026-10", summary=False)
    first = portal_import(files=files, period=period("2026-10"))
    events = AuditEvent.objects.count()
    entries = Entry.objects.count()
    second = portal_import(files=files, period=period("2026-10"))
    assert first.changed_count == 163 and second.changed_count == 0
    assert (AuditEvent.objects.count(), Entry.objects.count()) == (events, entries)
    name, content = files[0]
    stored = PortalResponse.objects.get(name=name)
    assert bytes(stored.content) == content and stored.sha256 == hashlib.sha256(content).hexdigest()
    event = AuditEvent.objects.filter(scorecard__unit__parent=phu_tho).first()
    assert stored.sha256 in json.dumps(event.details)
    assert PortalUnit.objects.filter(unit__parent=phu_tho).count() == 162


def test_zero_denominators_follow_the_portal(phu_tho, period):
    report = portal_import(files=responses("2026-10", summary=False), period=period("2026-10"))
    by_name = {u.portal_name.split(" - ")[0]: u for u in report.units}
    figures = {
        (f.scorecard.unit.name, f.code): f.points
        for f in PublishedFigure.objects.filter(level=PublishedFigure.METRIC).select_related("scorecard__unit")
    }
    first, fourth = report.units, None
    assert first
    fourth = next(u for n, u in by_name.items() if u.values.get("MDHL1") == "0/0")
    assert figures[(fourth.unit.name, "MDHL1")] == Decimal("6.00")  # no complaints: full points
    assert figures[(fourth.unit.name, "MDHL3")] == Decimal("0.00")  # no survey: 0
    null_unit = next(u for u in report.units if u.values.get("CKMB3") == "0/0")
    assert figures[(null_unit.unit.name, "CKMB3")] is None  # null, not 0


def test_unmatched_commune_and_rejected_page_write_nothing(phu_tho, period):
    unmatched = PORTAL / "errors" / "transparency-unmatched.json"
    with pytest.raises(PortalImportError) as error:
        portal_import(files=[(unmatched.name, unmatched.read_bytes())], period=period("2026-10"))
    assert any("Không Có Thật" in e and "Không tìm thấy" in e for e in error.value.errors)
    rejected = PORTAL / "errors" / "request-rejected.html"
    with pytest.raises(PortalImportError) as error:
        portal_import(files=[(rejected.name, rejected.read_bytes())], period=period("2026-10"))
    assert "request rejected" in error.value.errors[0]
    assert not Scorecard.objects.exists() and not PortalResponse.objects.exists()


def test_missing_page_is_refused(phu_tho, period):
    files = [f for f in responses("2026-10", summary=False) if not f[0].endswith("-p2.json")]
    with pytest.raises(PortalImportError) as error:
        portal_import(files=files, period=period("2026-10"))
    assert any("thiếu trang 2" in e for e in error.value.errors)


def test_approved_scorecard_is_not_overwritten(phu_tho, period):
    files = responses("2026-10", summary=False)
    report = portal_import(files=files, period=period("2026-10"))
    card = report.units[5].scorecard
    Scorecard.objects.filter(pk=card.pk).update(status=ScorecardStatus.APPROVED)
    Entry.objects.filter(scorecard=card).first().delete()
    with pytest.raises(PortalImportError) as error:
        portal_import(files=files, period=period("2026-10"))
    assert "đã duyệt" in error.value.errors[0]


def test_qd766_scheme_takes_dvctt_as_group_entry(phu_tho, period):
    report = portal_import(
        files=responses("2026-10", summary=False), period=period("2026-10"), scheme=scheme_get(code="qd766")
    )
    assert Entry.objects.filter(scorecard__scheme=report.scheme, group__code="DVCTT").count() == 163
