"""indicators/ranking.py: places among siblings (ties share a place), departments ranked apart, and the change
against the previous period, all written by the one recompute."""

from __future__ import annotations

import ast
import csv
import importlib
import io
import itertools
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.dashboards.exports import league_table_csv
from indicators.dashboards.selectors import league_table_get
from indicators.dashboards.tables import league_rows_html
from indicators.models import Scorecard
from indicators.services import period_get_or_create, scorecards_recompute
from tests.province_fixtures import BODIES, bodies_create, month_score
from units.constants import BODY_KINDS, Edition, UnitKind
from units.models import AdministrativeUnit
from units.services import provincial_body_create

pytestmark = pytest.mark.django_db


def _publish(qd766, period, totals: dict[AdministrativeUnit, str]) -> None:
    """Scorecards carrying only a published total (as a totals-only weekly file gives), then the recompute."""
    for unit, total in totals.items():
        Scorecard.objects.update_or_create(
            unit=unit, period=period, scheme=qd766, defaults={"published_total": D(total)}
        )
    scorecards_recompute(scheme=qd766, period=period)


def _card(unit, period) -> Scorecard:
    return Scorecard.objects.select_related("classification", "previous_classification").get(unit=unit, period=period)


@pytest.fixture
def communes(lap_vo):
    return list(lap_vo.children.exclude(kind=UnitKind.DEPARTMENT).order_by("code")[:4])


@pytest.fixture
def department(lap_vo):
    return AdministrativeUnit.objects.create(
        code="875-MC", name="Bộ phận Một cửa huyện", kind=UnitKind.DEPARTMENT, parent=lap_vo
    )


def test_equal_totals_share_a_place_and_the_next_place_is_skipped(qd766, communes):
    january = period_get_or_create(key="2024-01")
    _publish(qd766, january, dict(zip(communes, ["90", "85", "85", "80"], strict=True)))
    assert [(_card(u, january).rank, _card(u, january).rank_of) for u in communes] == [(1, 4), (2, 4), (2, 4), (4, 4)]


def test_departments_are_ranked_apart_from_communes(qd766, communes, department):
    january = period_get_or_create(key="2024-01")
    _publish(qd766, january, {communes[0]: "70", communes[1]: "60", department: "95"})
    assert (_card(department, january).rank, _card(department, january).rank_of) == (1, 1)
    assert [(_card(u, january).rank, _card(u, january).rank_of) for u in communes[:2]] == [(1, 2), (2, 2)]


def test_changes_against_the_previous_period(qd766, communes):
    january, february = period_get_or_create(key="2024-01"), period_get_or_create(key="2024-02")
    _publish(qd766, january, dict(zip(communes[:3], ["90", "85", "72.5"], strict=True)))
    _publish(qd766, february, dict(zip(communes[:3], ["84.37", "88", "72.5"], strict=True)))
    first, second, third = (_card(u, february) for u in communes[:3])
    assert (first.delta_points, first.delta_rank) == (D("-5.63"), -1)  # 1st → 2nd
    assert (second.delta_points, second.delta_rank) == (D("3.00"), 1)  # 2nd → 1st
    assert (third.delta_points, third.delta_rank) == (D("0.00"), 0)
    assert first.previous_classification.label == "Xuất sắc" and first.classification.label == "Tốt"
    # A unit without a scorecard last month has no change, not a change from zero.
    _publish(qd766, february, {communes[3]: "50"})
    newcomer = _card(communes[3], february)
    assert newcomer.delta_points is None and newcomer.delta_rank is None and newcomer.rank == 4


def test_recomputing_the_previous_period_refreshes_this_periods_changes(qd766, communes):
    january, february = period_get_or_create(key="2024-01"), period_get_or_create(key="2024-02")
    _publish(qd766, february, {communes[0]: "80"})
    _publish(qd766, january, {communes[0]: "75"})  # entered late: February's change must follow
    assert _card(communes[0], february).delta_points == D("5.00")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["95", "88.5", "88.5", "70", "70.01", "42"]), min_size=1, max_size=8))
def test_a_place_is_one_more_than_the_number_of_better_totals(qd766, lap_vo, totals):
    Scorecard.objects.all().delete()
    units = list(lap_vo.children.exclude(kind=UnitKind.DEPARTMENT).order_by("code")[: len(totals)])
    period = period_get_or_create(key="2024-01")
    _publish(qd766, period, dict(zip(units, totals, strict=True)))
    for unit, total in zip(units, totals, strict=True):
        card = _card(unit, period)
        assert card.rank == 1 + sum(1 for other in totals if D(other) > D(total))
        assert card.rank_of == len(totals)


@pytest.mark.parametrize(
    "module", ["indicators.scoring", "indicators.ranking", "indicators.formulas", "indicators.bulk"]
)
def test_scoring_and_ranking_import_no_views_forms_or_templates(module):
    """The engine is imported by pages, never the other way round: its modules stay free of the web layer."""
    path = Path(importlib.import_module(module).__file__)
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    web = {name for name in imported if re.search(r"(^|\.)(views|forms|templates?|shortcuts|http)($|\.)", name)}
    assert imported and not web, web


# --- two cohorts since 1/7/2025 ------------------------------------------------------------------------------


@pytest.fixture
def october(dong_thap_2025, qd766):
    """Every child of 2025 Đồng Tháp (its communes and five bodies) scored by group for 2025-10."""
    bodies_create(dong_thap_2025)
    return month_score(dong_thap_2025, qd766, "2025-10", 12)


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
    table = league_table_get(scheme=qd766, period=october, parent=dong_thap_2025)
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
