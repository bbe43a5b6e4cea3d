"""One scorecard as a spreadsheet (indicators, rates, points), downloaded from its page, numbers as numbers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from indicators.entry.selectors import entries_current, scorecard_score
from indicators.scoring import round_points
from scorecard_site.spreadsheets import SafeCsvWriter, xlsx_cell

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="F1EDE4")

SCORECARD_HEADER = ["Mã", "Chỉ số", "Điểm tối đa", "Chỉ tiêu (%)", "Tử số", "Mẫu số", "Tỷ lệ (%)", "Điểm đạt"]


def scorecard_rows(card: Any) -> list[tuple[bool, list[Any]]]:
    """One scorecard's groups (headings) and indicators as (is_heading, cells), scored through the one path."""
    values = entries_current(scorecard=card)
    result = scorecard_score(scorecard=card, values=values)
    rows: list[tuple[bool, list[Any]]] = []
    for group in result.groups:
        rows.append(
            (True, [group.group.code, group.group.name, group.applicable_max, None, None, None, None, group.points])
        )
        for item in group.indicators:
            entry = values.get((item.indicator.pk, None))
            rows.append(
                (
                    False,
                    [
                        item.indicator.code,
                        item.indicator.name,
                        item.indicator.max_points,
                        item.indicator.target,
                        entry.numerator if entry else None,
                        entry.denominator if entry else None,
                        round_points(item.rate) if item.rate is not None else None,
                        round_points(item.points) if item.applicable else None,
                    ],
                )
            )
    rows.append((True, ["", "Tổng điểm", result.applicable_max, None, None, None, None, result.total]))
    rows.append((True, ["", "Tổng điểm quy đổi (thang 100)", None, None, None, None, None, result.converted_total]))
    return rows


def scorecard_title(card: Any) -> str:
    return f"Phiếu điểm {card.unit.full_name} – {card.period.label} ({card.scheme.code})"


def scorecard_xlsx(card: Any) -> bytes:
    """One scorecard as .xlsx: a title, the header, a bold row per group, numbers as numbers."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Phiếu điểm"
    xlsx_cell(sheet, 1, 1, scorecard_title(card)).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(SCORECARD_HEADER))
    for column, text in enumerate(SCORECARD_HEADER, start=1):
        cell = xlsx_cell(sheet, 2, column, text)
        cell.font, cell.fill, cell.border = Font(bold=True), HEAD_FILL, BORDER
    for number, (heading, values) in enumerate(scorecard_rows(card), start=3):
        for column, value in enumerate(values, start=1):
            cell = xlsx_cell(sheet, number, column, value)
            cell.border = BORDER
            cell.font = Font(bold=heading)
            if column >= 3:
                cell.number_format = "#,##0.##"
    for column, size in enumerate([9, 60, 11, 11, 10, 10, 10, 10], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = size
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _plain(value: Any) -> str:
    """A CSV cell: numbers with a dot and no trailing zeros (9, 5.4), so any program reads them."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def scorecard_csv(card: Any) -> bytes:
    """One scorecard as CSV (UTF-8 with a BOM, dot decimals), the .xlsx export's columns."""
    buffer = io.StringIO()
    writer = SafeCsvWriter(csv.writer(buffer, lineterminator="\r\n"))
    writer.writerow([scorecard_title(card)])
    writer.writerow(SCORECARD_HEADER)
    for _heading, values in scorecard_rows(card):
        writer.writerow([_plain(value) for value in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
