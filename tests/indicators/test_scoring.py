"""indicators/scoring.py: rates to points, N/A policies, rounding, totals and classes, without the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal as D

import pytest

from indicators.scoring import SchemeSpec, classify, round_points, score_indicator, score_scorecard


@dataclass
class Ind:
    code: str
    max_points: D
    method: str = "rate"
    target: D | None = None
    formula: str = ""
    levels: list[int] = field(default_factory=list)
    zero_denominator: str = "zero"
    allows_not_applicable: bool = False


@dataclass
class Grp:
    code: str
    max_points: D


@dataclass
class Val:
    points: D | None = None
    numerator: D | None = None
    denominator: D | None = None
    not_applicable: bool = False


@dataclass
class Band:
    label: str
    min_score: D


BANDS = [Band("Xuất sắc", D(90)), Band("Tốt", D(80)), Band("Khá", D(70)), Band("Trung bình", D(50)), Band("Yếu", D(0))]


def test_rate_against_target_is_capped_at_the_maximum():
    indicator = Ind("DVCTT3", D(6), "target", target=D(50))
    assert score_indicator(indicator, Val(numerator=D(30), denominator=D(100)), 3).points == D("3.6")
    assert score_indicator(indicator, Val(numerator=D(80), denominator=D(100)), 3).points == D(6)


def test_linear_rate_and_below_target_flag():
    indicator = Ind("MDSH2", D(4), "target", target=D(80))
    result = score_indicator(indicator, Val(numerator=D(1150), denominator=D(1218)), 3)
    assert round_points(result.points) == D("4.00")  # 94.42 % reaches the 80 % target
    low = score_indicator(indicator, Val(numerator=D(60), denominator=D(100)), 3)
    assert low.points == D(3) and low.below_target


def test_a_rate_slip_above_100_percent_gives_no_extra_points():
    result = score_indicator(Ind("CKMB1", D(6)), Val(numerator=D(1000), denominator=D(100)), 3)
    assert result.points == D(6)


@pytest.mark.parametrize(
    ("rule", "points", "applicable"), [("zero", D(0), True), ("full", D(6), True), ("na", D(0), False)]
)
def test_zero_denominator_follows_the_indicator_rule(rule, points, applicable):
    result = score_indicator(Ind("MDHL1", D(6), zero_denominator=rule), Val(numerator=D(0), denominator=D(0)), 3)
    assert (result.points, result.applicable) == (points, applicable)


def test_indicator_outside_its_levels_is_not_applicable():
    result = score_indicator(Ind("MDSH6", D(2), levels=[1]), None, 3)
    assert not result.applicable and not result.missing


def test_named_formula():
    result = score_indicator(
        Ind("X", D(10), "formula", formula="inverse_rate"), Val(numerator=D(3), denominator=D(100)), 3
    )
    assert result.points == D("9.7")


def _spec(policy: str) -> SchemeSpec:
    groups = [Grp("A", D(20)), Grp("B", D(80))]
    indicators = {
        "A": [Ind("A1", D(5), allows_not_applicable=True), Ind("A2", D(15), allows_not_applicable=True)],
        "B": [Ind("B1", D(80))],
    }
    return SchemeSpec(policy=policy, groups=groups, indicators_by_group=indicators, bands=BANDS)


def test_exclude_and_convert_policy_converts_to_100():
    result = score_scorecard(
        _spec("convert"),
        {"A1": Val(not_applicable=True), "A2": Val(points=D(10)), "B1": Val(points=D(70))},
        {},
        level=3,
    )
    assert result.computed_total == D("80.00")
    assert result.applicable_max == D(95)
    assert result.converted_total == D("84.21")  # 80 / 95 × 100
    assert result.band.label == "Tốt"


def test_full_points_policy_gives_the_maximum_to_not_applicable_items():
    result = score_scorecard(
        _spec("full"), {"A1": Val(not_applicable=True), "A2": Val(points=D(10)), "B1": Val(points=D(70))}, {}, level=3
    )
    assert result.computed_total == D("85.00")
    assert result.converted_total == D("85.00")


def test_group_entry_overrides_indicators_and_missing_items_count():
    result = score_scorecard(_spec("full"), {"A1": Val(points=D(5))}, {"B": Val(points=D("70.5"))}, level=3)
    assert [g.points for g in result.groups] == [D("5.00"), D("70.50")]
    assert result.missing_count == 1  # A2


def test_total_is_rounded_from_unrounded_points_not_from_rounded_groups():
    spec = SchemeSpec(
        policy="full",
        groups=[Grp("A", D(10)), Grp("B", D(10))],
        indicators_by_group={"A": [Ind("A1", D(10))], "B": [Ind("B1", D(10))]},
        bands=BANDS,
    )
    values = {"A1": Val(numerator=D(1), denominator=D(3)), "B1": Val(numerator=D(1), denominator=D(3))}
    result = score_scorecard(spec, values, {}, level=3)
    assert [g.points for g in result.groups] == [D("3.33"), D("3.33")]
    assert result.computed_total == D("6.67")  # not 6.66


def test_published_total_ranks_and_classifies_and_its_gap_is_reported():
    result = score_scorecard(
        _spec("full"), {}, {"A": Val(points=D(20)), "B": Val(points=D("69.9"))}, level=3, published_total=D("90.13")
    )
    assert result.computed_total == D("89.90")
    assert result.total == D("90.13")
    assert result.band.label == "Xuất sắc"
    assert result.published_gap == D("0.23")


def test_totals_only_scorecard_uses_the_published_total():
    result = score_scorecard(_spec("full"), {}, {}, level=3, published_total=D("49.18"))
    assert result.computed_total is None and result.converted_total == D("49.18")
    assert result.band.label == "Yếu"


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (D("90"), "Xuất sắc"),
        (D("89.99"), "Tốt"),
        (D("80"), "Tốt"),
        (D("70"), "Khá"),
        (D("50"), "Trung bình"),
        (D("49.99"), "Yếu"),
    ],
)
def test_band_boundaries(score, label):
    assert classify(BANDS, score).label == label


def test_half_up_rounding():
    assert round_points(D("82.065")) == D("82.07")
    assert round_points(D("82.0649")) == D("82.06")
