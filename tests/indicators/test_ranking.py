"""Since 1/7/2025 a province's communes and its sở, ban, ngành are two cohorts, ranked apart."""

from __future__ import annotations

import csv
import io
import itertools
import random
from decimal import Decimal

import pytest

from indicators.dashboards.exports import league_table_csv
from indicators.dashboards.selectors import league_queryset, league_table
from indicators.dashboards.tables import league_rows_html
from indicators.models import Entry, Scorecard
from indicators.periods import period_get_or_create
from indicators.services import scorecards_recompute
from units.constants import BODY_KINDS, Edition, UnitKind
from units.models import AdministrativeUnit
from units.services import provincial_body_create

BODIES = ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Văn phòng UBND tỉnh", "Thanh tra tỉnh"]


@pytest.fixture
def october(dong_thap_2025, qd766):
    """Every child of 2025 Đồng Tháp (its communes and five bodies) scored by group for 2025-10."""
    for name in BODIES:
        provincial_body_create(province=dong_thap_2025, name=name)
    period = period_get_or_create("2025-10")
    children = list(AdministrativeUnit.objects.filter(parent=dong_thap_2025))
    cards = Scorecard.objects.bulk_create(Scorecard(unit=u, period=period, scheme=qd766) for u in children)
    rng = random.Random(12)  # noqa: S311 - test data, not secrets
    groups = list(qd766.groups.all())
    Entry.objects.bulk_create(
        Entry(
            scorecard=c, group=g, points=(g.max_points * Decimal(rng.randint(40, 100)) / 100).quantize(Decimal("0.1"))
        )
        for c in cards
        for g in groups
    )
    scorecards_recompute(scheme=qd766, period=period)
    return period


def test_communes_and_bodies_are_ranked_in_two_cohorts(october, dong_thap_2025):
    cards = list(Scorecard.objects.filter(period=october, unit__parent=dong_thap_2025).select_related("unit"))
    bodies = [c for c in cards if c.unit.kind in BODY_KINDS]
    communes = [c for c in cards if c.unit.kind not in BODY_KINDS]
    assert len(bodies) == len(BODIES) and len(communes) > 100
    assert {c.rank_of for c in bodies} == {len(bodies)}
    assert {c.rank_of for c in communes} == {len(communes)}
    for cohort in (bodies, communes):  # each cohort has its own first place, ordered by converted total
        ordered = sorted(cohort, key=lambda c: c.rank)
        assert ordered[0].rank == 1
        assert all(a.converted_total >= b.converted_total for a, b in itertools.pairwise(ordered))


def test_tables_and_exports_show_the_cohorts_apart(october, dong_thap_2025, qd766):
    queryset = Scorecard.objects.filter(period=october, unit__parent=dong_thap_2025).order_by("rank", "unit__name")
    table = league_table(scheme=qd766, cards=list(league_queryset(queryset)))
    assert table.cohorts == ["units", "bodies"]
    html = league_rows_html(table, scheme=qd766, period=october)
    assert "Sở, ban, ngành – 5 đơn vị, xếp hạng riêng" in html
    assert html.index("Xã, phường –") < html.index("Sở, ban, ngành –")
    rows = list(csv.reader(io.StringIO(league_table_csv(table, title="t").decode("utf-8-sig"))))[2:]
    ranks = [row[4] for row in rows]
    communes = len(rows) - len(BODIES)
    assert ranks[0] == f"01/{communes} xã, phường"
    assert ranks[-len(BODIES) :][0].endswith(f"/{len(BODIES):02d} sở, ban, ngành")
    assert all(rank.endswith("xã, phường") for rank in ranks[:communes])


def test_a_provincial_body_is_a_province_level_unit_of_the_2025_edition(dong_thap_2025):
    body = provincial_body_create(province=dong_thap_2025, name="Sở Y tế")
    assert body.kind == UnitKind.PROVINCIAL_BODY and body.edition == Edition.Y2025 and body.full_name == "Sở Y tế"
