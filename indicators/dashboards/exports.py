"""Spreadsheet exports laid out like the reports' tables: a title, two-row merged headers, numbers as numbers."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from indicators.dashboards.selectors import LeagueTable
from indicators.formatting import number_vi
from indicators.scoring import round_points
from scorecard_site.spreadsheets import cell_text, xlsx_cell

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="F1EDE4")
POINTS_FORMAT = "#,##0.00"


class _SafeWriter:
    """A csv writer whose formula-like text cells are escaped (scorecard_site.spreadsheets)."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: list[Any]) -> None:
        self.writer.writerow([cell_text(value) for value in row])


def league_table_xlsx(table: LeagueTable, *, title: str) -> bytes:
    """The league table as .xlsx: STT, unit, total, class, rank, change, then points per group."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Xếp hạng"
    fixed = ["STT", "Tên đơn vị", "Điểm tổng", "Xếp loại", "Xếp hạng"]
    width = len(fixed) + 2 + len(table.groups)
    xlsx_cell(sheet, 1, 1, title).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)

    for column, text in enumerate(fixed, start=1):
        xlsx_cell(sheet, 2, column, text)
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    change_col = len(fixed) + 1
    xlsx_cell(sheet, 2, change_col, "So với kỳ trước")
    sheet.merge_cells(start_row=2, start_column=change_col, end_row=2, end_column=change_col + 1)
    xlsx_cell(sheet, 3, change_col, "Điểm")
    xlsx_cell(sheet, 3, change_col + 1, "Bậc")
    group_col = change_col + 2
    xlsx_cell(sheet, 2, group_col, "Điểm từng nhóm chỉ số")
    if table.groups:
        sheet.merge_cells(start_row=2, start_column=group_col, end_row=2, end_column=width)
    for offset, group in enumerate(table.groups):
        xlsx_cell(sheet, 3, group_col + offset, f"{group.short_name or group.name} ({number_vi(group.max_points)})")

    for number, row in enumerate(table.rows, start=1):
        card = row.card
        values = [
            number,
            card.unit.full_name,
            card.converted_total,
            card.classification.label if card.classification else None,
            f"{card.rank:02d}/{card.rank_of:02d}" if card.rank else None,
            card.delta_points,
            card.delta_rank,
            *(cell.points for cell in row.cells),
        ]
        for column, value in enumerate(values, start=1):
            cell = xlsx_cell(sheet, 3 + number, column, value)
            cell.border = BORDER
            if column in (3, 6) or column >= group_col:
                cell.number_format = POINTS_FORMAT if column != 6 else "+#,##0.00;-#,##0.00;0"

    for row_cells in sheet.iter_rows(min_row=2, max_row=3, max_col=width):
        for cell in row_cells:
            cell.font = Font(bold=True)
            cell.fill = HEAD_FILL
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [6, 28, 11, 12, 10, 9, 7] + [14] * len(table.groups)
    for column, size in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = size
    sheet.freeze_panes = "C4"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def league_table_csv(table: LeagueTable, *, title: str) -> bytes:
    """The league table as CSV in the .xlsx export's columns: UTF-8 with a BOM, so Excel shows Vietnamese
    letters, and dot decimals, so any program reads the numbers; the title is the first line."""
    import csv

    buffer = io.StringIO()
    writer = _SafeWriter(csv.writer(buffer, lineterminator="\r\n"))
    writer.writerow([title])
    groups = [f"{g.short_name or g.name} ({number_vi(g.max_points)})" for g in table.groups]
    writer.writerow(
        ["STT", "Tên đơn vị", "Điểm tổng", "Xếp loại", "Xếp hạng", "Tăng/giảm điểm", "Tăng/giảm bậc", *groups]
    )

    def plain(value: object) -> str:
        return "" if value is None else str(value)

    for number, row in enumerate(table.rows, start=1):
        card = row.card
        writer.writerow(
            [
                number,
                card.unit.full_name,
                plain(card.converted_total),
                card.classification.label if card.classification else "",
                f"{card.rank:02d}/{card.rank_of:02d}" if card.rank else "",
                plain(card.delta_points),
                plain(card.delta_rank),
                *(plain(cell.points) for cell in row.cells),
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


SCORECARD_HEADER = ["Mã", "Chỉ số", "Điểm tối đa", "Chỉ tiêu (%)", "Tử số", "Mẫu số", "Tỷ lệ (%)", "Điểm đạt"]


def scorecard_rows(card: Any) -> list[tuple[bool, list[Any]]]:
    """One scorecard's groups (headings) and indicators as (is_heading, cells), scored through the one path."""
    from indicators.entry.selectors import entries_current, scorecard_score

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
    import csv

    buffer = io.StringIO()
    writer = _SafeWriter(csv.writer(buffer, lineterminator="\r\n"))
    writer.writerow([scorecard_title(card)])
    writer.writerow(SCORECARD_HEADER)
    for _heading, values in scorecard_rows(card):
        writer.writerow([_plain(value) for value in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
