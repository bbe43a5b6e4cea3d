"""HTML rows of the league table, built in Python: a 700-commune table is ~5,000 cells, which the template
engine rendered in about half a second; plain string building takes a few milliseconds. Every text is escaped.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from indicators.dashboards.selectors import LeagueRow, LeagueTable
from indicators.formatting import number_vi, signed_vi
from indicators.models import Period, Scheme
from indicators.selectors import FINAL_STATUSES
from units.constants import BODY_KINDS, Level


def _change(value: Decimal | int | None, *, places: bool = False) -> tuple[str, str]:
    """(css class, text) for a change in points or places: "▲ 1,63", "▼ 2", "=" for no change in places."""
    if value is None:
        return "", ""
    if value > 0:
        return "up", f"▲ {number_vi(value)}"
    if value < 0:
        return "down", f"▼ {number_vi(abs(value))}"
    return "", "=" if places else "0"


def _row(row: LeagueRow, scheme: Scheme, period: Period, unit_url: str) -> str:
    card, unit = row.card, row.card.unit
    name = escape(unit.full_name)
    if unit.level < Level.COMMUNE and unit.kind not in BODY_KINDS:
        link = f'<a href="?scheme={escape(scheme.code)}&amp;period={period.key}&amp;parent={unit.pk}">{name}</a>'
    else:
        link = (
            f'<a class="unit" href="{unit_url.replace("0", str(unit.pk), 1)}?scheme={escape(scheme.code)}'
            f'&amp;period_kind={period.kind}">{name}</a>'
        )
    if card.published_gap:
        link += (
            f' <span class="gap" title="Điểm công bố chênh {signed_vi(card.published_gap)} so với tổng các nhóm">'
            "≠</span>"
        )
    if card.status not in FINAL_STATUSES:  # a draft's place is provisional (or it has none: the scheme says)
        link += ' <span class="draft" title="Phiếu chưa nộp: thứ hạng tạm thời hoặc không xếp hạng">chưa nộp</span>'
    rank = f"{card.rank:02d}/{card.rank_of:02d}" if card.rank else "–"
    band = (
        f'<span class="band band-{escape(card.classification.code)}">{escape(card.classification.label)}</span>'
        if card.classification
        else "–"
    )
    points_class, points_text = _change(card.delta_points)
    places_class, places_text = _change(card.delta_rank, places=True)
    cells = []
    for cell in row.cells:
        title = escape(cell.group.name)
        if cell.below_target:
            title += f" – dưới chỉ tiêu: {escape(', '.join(cell.below_target))}"
        shown = f"{number_vi(cell.points)}/{number_vi(cell.maximum)}" if cell.points is not None else "–"
        mark = "<sup>*</sup>" if cell.below_target else ""
        cells.append(f'<td class="num heat" style="background:{cell.color}" title="{title}">{shown}{mark}</td>')
    if row.next_band is not None:
        hint = f"+{number_vi(row.points_to_next)} → {escape(row.next_band.label)}"
        if row.weakest:
            lost = ", ".join(
                f"{escape(c.group.short_name or c.group.name)} (−{number_vi(c.lost)})" for c in row.weakest
            )
            hint += f"; mất nhiều nhất: {lost}"
    else:
        hint = "Đã ở loại cao nhất" if card.classification else ""
    return (
        f'<tr><td class="num">{rank}</td><td>{link}</td><td class="num">{number_vi(card.converted_total, 2)}</td>'
        f'<td>{band}</td><td class="num {points_class}">{points_text}</td>'
        f'<td class="num {places_class}">{places_text}</td>{"".join(cells)}<td class="hint">{hint}</td></tr>'
    )


def league_rows_html(table: LeagueTable, *, scheme: Scheme, period: Period) -> SafeString:
    """The <tbody> rows of the league table."""
    if not table.rows:
        return mark_safe(  # noqa: S308 - constant text
            f'<tr><td colspan="{len(table.groups) + 7}" class="empty">Không có đơn vị nào phù hợp.</td></tr>'
        )
    unit_url = reverse("unit-detail", args=[0])
    if len(table.cohorts) < 2:
        return mark_safe("\n".join(_row(row, scheme, period, unit_url) for row in table.rows))  # noqa: S308 - escaped
    # Communes and bodies are ranked apart: each cohort under its own heading, communes first.
    parts = []
    for cohort in table.cohorts:
        rows = [row for row in table.rows if row.cohort == cohort]
        parts.append(
            f'<tr class="cohort"><th colspan="{len(table.groups) + 7}" scope="rowgroup">'
            f"{escape(rows[0].cohort_label.capitalize())} – {len(rows)} đơn vị, xếp hạng riêng</th></tr>"
        )
        parts.extend(_row(row, scheme, period, unit_url) for row in rows)
    return mark_safe("\n".join(parts))  # noqa: S308 - escaped
