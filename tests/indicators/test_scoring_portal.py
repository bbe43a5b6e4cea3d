"""The 2026 portal rules in the engine: per-metric rounding (portal_rounded), null is not zero, published scores."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from indicators.constants import NotApplicablePolicy, PointsMethod, ZeroDenominator
from indicators.formulas import portal_rounded
from indicators.scoring import SchemeSpec, score_group, score_indicator, score_scorecard
from tests.indicators.test_scoring import BANDS, Grp, Ind, Val


def exact(maximum: int, numerator: int, denominator: int, target: int) -> D:
    """The rule computed exactly with fractions: min(max, max × rate / target), half-up to 2 decimals."""
    value = min(Fraction(maximum), maximum * min(Fraction(numerator, denominator), 1) * 100 / Fraction(target)) * 100
    whole, rest = divmod(value.numerator, value.denominator)
    return D(whole + (2 * rest >= value.denominator)) / 100


@given(
    maximum=st.sampled_from([2, 4, 6, 20]),
    denominator=st.integers(min_value=1, max_value=100_000),
    share=st.fractions(min_value=0, max_value=1),
    target=st.sampled_from([80, 90, 100]),
)
def test_portal_rounded_matches_the_exact_rule(maximum, denominator, share, target):
    numerator = int(share * denominator)
    indicator = Ind("X", D(maximum), PointsMethod.FORMULA, D(target), formula="portal_rounded")
    result = score_indicator(indicator, Val(numerator=D(numerator), denominator=D(denominator)), level=3)
    assert result.points == exact(maximum, numerator, denominator, target)


def test_half_a_cent_rounds_up_despite_division_digits():
    rate = D(100) / D(1200)  # 8,333…3 %: 6 × rate / 100 is exactly 0,005
    assert portal_rounded(D(6), rate, None) == D("0.01")


def test_null_counts_nothing_and_is_not_not_applicable():
    null = Ind("N", D(2), PointsMethod.FORMULA, formula="portal_rounded", zero_denominator=ZeroDenominator.NULL)
    na = Ind("A", D(2), zero_denominator=ZeroDenominator.NOT_APPLICABLE)
    zero = Val(numerator=D(0), denominator=D(0))
    result = score_indicator(null, zero, level=3)
    assert (result.points, result.null, result.applicable) == (D(0), True, True)
    group = score_group(Grp("G", D(4)), [null, na], {"N": zero, "A": zero}, None, 3, NotApplicablePolicy.FULL_POINTS)
    assert group.points == D(2)  # N/A under the full-points policy gives 2; the null gives nothing


def test_published_method_takes_the_portal_score_and_ignores_counts():
    dvctt = Ind("DVCTT", D(12), PointsMethod.PUBLISHED)
    result = score_indicator(dvctt, Val(points=D("9.87"), numerator=D(1), denominator=D(2)), level=3)
    assert (result.points, result.published) == (D("9.87"), True)
    group = score_group(Grp("DVCTT", D(12)), [dvctt], {"DVCTT": Val(points=D("9.87"))}, None, 3, "full")
    assert group.published_only and group.points == D("9.87")
    assert score_indicator(dvctt, Val(numerator=D(1), denominator=D(2)), level=3).missing


def test_scorecard_total_is_the_sum_of_rounded_metrics():
    items = [Ind(f"M{i}", D(2), PointsMethod.FORMULA, formula="portal_rounded") for i in range(3)]
    spec = SchemeSpec(policy="full", groups=[Grp("G", D(6))], indicators_by_group={"G": items}, bands=BANDS)
    values = {f"M{i}": Val(numerator=D(1005), denominator=D(2000)) for i in range(3)}  # 1,005 each → 1,01
    assert score_scorecard(spec, values, {}, level=3).computed_total == D("3.03")
