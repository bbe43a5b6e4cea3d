"""Server-side SVG charts: bars per unit, trend lines and heat-map colours, shared by pages and PDF reports.

Plain SVG strings (no JavaScript): each mark carries a <title>, which browsers show on hover and PDF
renderers ignore. Labels are Vietnamese and numbers use the decimal comma.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from indicators.formatting import number_vi

PALETTE = ["#8b0000", "#1f5fa8", "#2e7d32", "#c77700", "#6a1b9a", "#00838f", "#5d4037", "#ad1457"]


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None
    maximum: Decimal


def heat_color(ratio: float | Decimal | None) -> str:
    """Red at 0 % of the maximum through amber to green at 100 %; grey when there is no value."""
    if ratio is None:
        return "#e0e0e0"
    r = max(0.0, min(1.0, float(ratio)))
    if r < 0.5:
        red, green = 215, int(60 + 150 * (r / 0.5))
    else:
        red, green = int(215 - 170 * ((r - 0.5) / 0.5)), 175
    return f"#{red:02x}{green:02x}50"


def bar_chart(bars: Sequence[Bar], *, title: str = "", width: int = 640, bar_height: int = 18) -> SafeString:
    """Horizontal bars, one per unit, each drawn against its maximum and labelled "7,2/12"."""
    label_width, value_width, gap = 190, 70, 6
    plot = width - label_width - value_width
    top = 28 if title else 6
    height = top + len(bars) * (bar_height + gap) + 6
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" font-family="Liberation Serif, Tinos, '
        f'Times New Roman, serif" font-size="12">'
    ]
    if title:
        parts.append(f'<text x="0" y="16" font-weight="bold" font-size="13">{escape(title)}</text>')
    for index, bar in enumerate(bars):
        y = top + index * (bar_height + gap)
        ratio = float(bar.value / bar.maximum) if bar.value is not None and bar.maximum else 0.0
        length = max(0.0, min(1.0, ratio)) * plot
        shown = f"{number_vi(bar.value)}/{number_vi(bar.maximum)}" if bar.value is not None else "–"
        parts.append(
            f"<g><title>{escape(bar.label)}: {shown}</title>"
            f'<text x="{label_width - 6}" y="{y + bar_height - 5}" text-anchor="end">{escape(bar.label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{plot:.1f}" height="{bar_height}" fill="#f1ede4"/>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{heat_color(ratio)}"/>'
            f'<text x="{label_width + plot + 6}" y="{y + bar_height - 5}">{shown}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def line_chart(
    labels: Sequence[str],
    series: dict[str, Sequence[Decimal | None]],
    *,
    title: str = "",
    y_max: Decimal | None = None,
    inverted: bool = False,
    width: int = 640,
    height: int = 240,
    dates: Sequence[date] | None = None,
    whole_numbers: bool = False,
) -> SafeString:
    """Lines over periods; `inverted` puts 1 at the top, for rank histories.

    With `dates` (each period's start) points are spaced by time, so December 2024 and November 2026 are
    two years apart rather than neighbours; `whole_numbers` labels the axis 1, 2, 3 (ranks), never 3,8.
    """
    rows_of_legend = -(-len(series) // max(1, (width - 44) // 160))
    left, right, top, bottom = 44, 12, 28 if title else 10, 26 + 15 * rows_of_legend
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for vs in series.values() for v in vs if v is not None]
    high = float(y_max) if y_max is not None else (float(max(values)) if values else 1.0)
    low = 1.0 if inverted else 0.0
    high = max(high, low + 1)
    xs = _x_positions(labels, dates, left, plot_w)

    def y_of(value: Decimal) -> float:
        share = (float(value) - low) / (high - low)
        return top + (share if inverted else 1 - share) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart line-chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" font-family="Liberation Serif, Tinos, '
        f'Times New Roman, serif" font-size="11">'
    ]
    if title:
        parts.append(f'<text x="0" y="16" font-weight="bold" font-size="13">{escape(title)}</text>')
    for value in _ticks(low, high, whole_numbers):
        y = y_of(Decimal(str(value)))
        shown = str(int(value)) if whole_numbers else number_vi(Decimal(str(round(value, 1))))
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{shown}</text>'
        )
    for x, anchor, label in axis_labels(labels, xs, width):
        parts.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="{anchor}">{escape(label)}</text>')
    for number, (name, points) in enumerate(series.items()):
        color = PALETTE[number % len(PALETTE)]
        coords = [(xs[i], y_of(v), v, labels[i]) for i, v in enumerate(points) if v is not None]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in coords)
            parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{path}"/>')
        for x, y, value, label in coords:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}">'
                f"<title>{escape(name)} – {escape(label)}: {number_vi(value)}</title></circle>"
            )
    per_row = max(1, (width - left) // 160)
    for number, name in enumerate(series):
        x = left + (number % per_row) * 160
        y = height - bottom + 30 + (number // per_row) * 15
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{PALETTE[number % len(PALETTE)]}"/>'
            f'<text x="{x + 14}" y="{y}">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


# Width of one character of the 11 px axis font, a little above Liberation Serif's widest digits, so an estimate
# errs towards a gap; and the least space between two labels.
AXIS_CHAR_WIDTH = 6.0
AXIS_GAP = 6.0


def axis_labels(labels: Sequence[str], xs: Sequence[float], width: int) -> list[tuple[float, str, str]]:
    """The x-axis labels to draw as (x, text-anchor, label): none overlapping another or the chart's edges.

    Placed from the right, so the latest period is always labelled (52 weeks cannot all be); a label that would
    cross an edge is anchored to it instead of cut off."""
    kept: list[tuple[float, str, str]] = []
    free_until = float(width)  # where the label placed last (to the right) begins
    for x, label in reversed(list(zip(xs, labels, strict=True))):
        size = AXIS_CHAR_WIDTH * len(label)
        start, anchor, at = x - size / 2, "middle", x
        if start + size > width:
            start, anchor, at = width - size, "end", float(width)
        if start < 0:
            start, anchor, at = 0.0, "start", 0.0
        if start + size + (AXIS_GAP if kept else 0) <= free_until:
            kept.append((at, anchor, label))
            free_until = start
    return kept[::-1]


def _x_positions(labels: Sequence[str], dates: Sequence[date] | None, left: int, plot_w: int) -> list[float]:
    """x of each point: evenly spaced by index, or by date when `dates` are given (gaps show as gaps)."""
    if not dates or len(dates) != len(labels) or len(labels) < 2 or dates[0] == dates[-1]:
        step = plot_w / max(1, len(labels) - 1)
        return [left + index * step for index in range(len(labels))]
    first, span = dates[0], (dates[-1] - dates[0]).days
    return [left + plot_w * (day - first).days / span for day in dates]


def _ticks(low: float, high: float, whole_numbers: bool) -> list[float]:
    """Five evenly spaced axis values, or whole numbers only (at most about five of them) for ranks."""
    if not whole_numbers:
        return [low + (high - low) * tick / 4 for tick in range(5)]
    step = max(1, -(-int(high - low) // 4))
    return [float(value) for value in range(int(low), int(high) + 1, step)]
