"""Property-based: whatever the figures, a drafted sentence prints the converted total over 100 and a raw figure only
as achieved/applicable maximum, and says "đạt chỉ tiêu" only when the data names a target."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.formatting import number_vi
from reports.narrative import draft_commune, draft_monthly

POINTS = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


def _row(name: str, achieved: Decimal, maximum: Decimal, group_max: Decimal) -> dict:
    converted = (achieved * 100 / maximum).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return {
        "name": name,
        "kind": "xa",
        "status": "draft",
        "final": False,
        "total": str(converted),
        "converted_total": str(converted),
        "achieved": str(achieved),
        "applicable_max": str(maximum),
        "class": "Tốt",
        "previous_class": "",
        "rank": 1,
        "rank_of": 2,
        "delta_points": None,
        "delta_rank": None,
        "previous_total": None,
        "cells": [{"points": str(min(achieved, group_max)), "max": str(group_max), "below": []}],
        "causes": {},
        "siblings": "xã",
    }


def _data(rows: list[dict], own: dict | None) -> dict:
    return {
        "scheme": {
            "code": "x",
            "name": "Bộ chỉ số thử",
            "report_name": "Bộ chỉ số thử",
            "legal_basis": "Quyết định số 1/QĐ-UBND ngày 01/01/2024 của UBND tỉnh Thử",
            "result_source": "theo Bộ chỉ số thử",
            "draft_ranking": "mark",
        },
        "completeness": {"sentence": "Số liệu: 2 phiếu điểm.", "all_approved": False},
        "period": {"label": "Tháng 06 năm 2024", "previous_label": None, "key": "2024-06"},
        "unit": {"name": "Huyện Thử", "kind_word": "huyện", "short_name": "Thử"},
        "groups": [{"code": "G", "name": "Nhóm thử", "short_name": "Nhóm", "max": "20", "has_target": False}],
        "own": own,
        "own_previous": None,
        "rows": rows,
        "highest": max(rows, key=lambda r: Decimal(r["total"])),
        "lowest": min(rows, key=lambda r: Decimal(r["total"])),
        "class_counts": [{"label": "Tốt", "count": 2, "by_kind": [["xã", 2]]}],
        "gains": [],
        "losses": [],
        "below_target": [],
    }


@given(
    achieved=st.lists(POINTS, min_size=2, max_size=2),
    maximum=st.decimals(min_value=50, max_value=100, places=0),
    own_present=st.booleans(),
)
def test_sentences_print_converted_totals_and_raw_figures_over_their_maximum(achieved, maximum, own_present):
    rows = [_row(f"Xã {i}", min(a, maximum), maximum, Decimal(20)) for i, a in enumerate(achieved)]
    own = _row("Huyện Thử", min(achieved[0], maximum), maximum, Decimal(20)) if own_present else None
    data = _data(rows, own)
    text = " ".join(draft_monthly(data, body="Ủy ban nhân dân huyện Thử").values())
    text += " ".join(draft_commune(data, body="Ủy ban nhân dân huyện Thử").values())
    best = data["highest"]
    assert f"**{number_vi(Decimal(best['total']))}/100 điểm**" in text
    if maximum != 100:
        assert f"điểm đạt được {number_vi(Decimal(best['achieved']))}/{number_vi(maximum)}" in text
        # The best unit's raw figure is never printed over 100 beside its name (another unit's converted total may
        # happen to be the same number).
        raw_over_100 = f"**{number_vi(Decimal(best['achieved']))}/100 điểm** ({best['name']}"
        assert raw_over_100 not in text or best["achieved"] == best["total"]
    else:
        assert "điểm đạt được" not in text
    assert "đạt chỉ tiêu" not in text  # no target anywhere in the data
    assert "766" not in text and "Quyết định số 1/QĐ-UBND" in text
    if own is None:
        assert "Chưa có kết quả của huyện Thử trong tháng 06 năm 2024 theo Bộ chỉ số thử." in text
        assert "2024., cụ thể" not in text
