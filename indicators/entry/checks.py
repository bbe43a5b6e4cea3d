"""Soft checks on an entered value: saved, but flagged so the officer (and the reviewer) looks twice.

Hard rules (what may be stored at all) live in `indicators.values`; these only warn, the way DHIS2 flags a value
outside its usual range: a rate that jumps more than 40 points against the previous period, 100 % on a
denominator of 1, a numerator above its denominator (where the validator lets one through), points that move by
more than 40 % of the maximum.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from indicators.formatting import number_vi
from indicators.scoring import round_points
from indicators.values import EntryValue

RATE_JUMP = Decimal(40)  # percentage points against the previous period
POINTS_JUMP_SHARE = Decimal("0.4")  # of the indicator's maximum, for values entered as points


def rate_of(value: EntryValue | None) -> Decimal | None:
    """The value's rate in percent, None when it is not a numerator over a positive denominator."""
    if value is None or value.not_applicable or value.numerator is None or not value.denominator:
        return None
    return value.numerator * 100 / value.denominator


def value_warnings(*, value: EntryValue | None, previous: EntryValue | None, maximum: Any = None) -> list[str]:
    """The reasons to look twice at `value`, in Vietnamese; empty when nothing stands out."""
    if value is None or value.not_applicable:
        return []
    warnings: list[str] = []
    numerator, denominator = value.numerator, value.denominator
    if numerator is not None and denominator is not None:
        if denominator > 0 and numerator > denominator:
            warnings.append(
                _("Tử số %(num)s lớn hơn mẫu số %(den)s: tỷ lệ vượt 100 %%; kiểm tra lại số liệu.")
                % {"num": number_vi(numerator), "den": number_vi(denominator)}
            )
        elif denominator == 1 and numerator == 1:
            warnings.append(_("Tỷ lệ 100 % trên mẫu số 1: chỉ một hồ sơ; kiểm tra lại mẫu số."))
    rate, before = rate_of(value), rate_of(previous)
    if rate is not None and before is not None and abs(rate - before) > RATE_JUMP:
        warnings.append(
            _("Tỷ lệ %(now)s %% so với %(before)s %% kỳ trước: thay đổi %(diff)s điểm phần trăm (quá %(limit)s).")
            % {
                "now": number_vi(round_points(rate)),
                "before": number_vi(round_points(before)),
                "diff": number_vi(round_points(abs(rate - before))),
                "limit": number_vi(RATE_JUMP),
            }
        )
    if (
        value.points is not None
        and previous is not None
        and previous.points is not None
        and maximum
        and abs(value.points - previous.points) > maximum * POINTS_JUMP_SHARE
    ):
        warnings.append(
            _("Điểm %(now)s so với %(before)s kỳ trước: thay đổi hơn 40 %% điểm tối đa (%(max)s).")
            % {"now": number_vi(value.points), "before": number_vi(previous.points), "max": number_vi(maximum)}
        )
    return warnings
