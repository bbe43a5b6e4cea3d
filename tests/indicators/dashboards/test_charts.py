"""The charts' x-axis: labels never overlap each other or the edges, and the latest period is always named."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.dashboards.charts import AXIS_CHAR_WIDTH, axis_labels, line_chart
from indicators.periods import period_short_label


def _span(x: float, anchor: str, label: str) -> tuple[float, float]:
    size = AXIS_CHAR_WIDTH * len(label)
    start = {"middle": x - size / 2, "end": x - size, "start": x}[anchor]
    return start, start + size


@given(
    labels=st.lists(st.text(alphabet="0123456789/TWuầnăm ", min_size=1, max_size=14), min_size=1, max_size=60),
    width=st.integers(min_value=120, max_value=1200),
)
def test_axis_labels_do_not_overlap_and_stay_inside(labels, width):
    step = (width - 56) / max(1, len(labels) - 1)
    xs = [44 + i * step for i in range(len(labels))]
    kept = axis_labels(labels, xs, width)
    spans = [_span(*label) for label in kept]
    assert all(start >= 0 and end <= width for start, end in spans)
    assert all(a_end < b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
    if AXIS_CHAR_WIDTH * len(labels[-1]) <= width:
        assert kept[-1][2] == labels[-1]  # the latest period is always labelled


def test_a_year_of_weeks_is_labelled_without_overlap_up_to_the_last_week():
    keys = [f"2025-W{n:02d}" for n in range(1, 53)]
    labels = [period_short_label(key) for key in keys]
    svg = line_chart(labels, {"Xã Bình Thành": [Decimal(80 + n % 7) for n in range(52)]}, width=640)
    shown = re.findall(r'text-anchor="(?:middle|end|start)">([^<]+)</text>', svg)
    axis = [text for text in shown if text in labels]
    assert axis[-1] == labels[-1]
    assert 5 <= len(axis) < 52  # most weeks are skipped at 640 px, but the axis is not empty


def test_short_labels_are_vietnamese_and_short():
    assert [period_short_label(k) for k in ("2024-01", "2025-W23", "2024-Q1", "2024-H1", "2024")] == [
        "01/2024",
        "Tuần 1, 6/2025",
        "Quý I/2024",
        "6T đầu 2024",
        "2024",
    ]
