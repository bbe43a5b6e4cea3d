"""Spreadsheet exports laid out like the reports' tables: a title, two-row merged headers, numbers as numbers."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from indicators.dashboards.selectors import LeagueTable
from indicators.formatting import number_vi
from indicators.selectors import FINAL_STATUSES
from scorecard_site.spreadsheets import SafeCsvWriter, csv_value, xlsx_cell

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="F1EDE4")
POINTS_FORMAT = "#,##0.00"


def _rank(table: LeagueTable, row: Any) -> str | None:
    """ "01/13"; with two cohorts under one parent, what it is out of: "03/15 sở, ban, ngành", "12/148 xã, phường"."""
    if not row.rank_text:
        return None
    return f"{row.rank_text} {row.cohort_label}" if len(table.cohorts) > 1 else row.rank_text


def _status(card: Any) -> str:
    """The card's state, so a sheet passed on says which places are provisional (the page marks them too)."""
    if card.status in FINAL_STATUSES:
        return card.get_status_display()
    return f"{card.get_status_display()} – chưa nộp, thứ hạng tạm thời"


def _rows(table: LeagueTable) -> list[Any]:
    """Rows with each cohort together (communes first), keeping the order chosen within a cohort."""
    order = {cohort: index for index, cohort in enumerate(table.cohorts)}
    return sorted(table.rows, key=lambda row: order[row.cohort])


def league_table_xlsx(table: LeagueTable, *, title: str) -> bytes:
    """The league table as .xlsx: STT, unit, total, class, rank, change, then points per group."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Xếp hạng"
    fixed = ["STT", "Tên đơn vị", "Điểm tổng", "Xếp loại", "Xếp hạng"]
    width = len(fixed) + 2 + len(table.groups) + 1  # the card's state last, after the groups
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
        sheet.merge_cells(start_row=2, start_column=group_col, end_row=2, end_column=width - 1)
    for offset, group in enumerate(table.groups):
        xlsx_cell(sheet, 3, group_col + offset, f"{group.short_name or group.name} ({number_vi(group.max_points)})")
    xlsx_cell(sheet, 2, width, "Trạng thái phiếu")
    sheet.merge_cells(start_row=2, start_column=width, end_row=3, end_column=width)

    for number, row in enumerate(_rows(table), start=1):
        card = row.card
        values = [
            number,
            card.unit.full_name,
            card.converted_total,
            card.classification.label if card.classification else None,
            _rank(table, row),
            card.delta_points,
            card.delta_rank,
            *(cell.points for cell in row.cells),
            _status(card),
        ]
        for column, value in enumerate(values, start=1):
            cell = xlsx_cell(sheet, 3 + number, column, value)
            cell.border = BORDER
            if column in (3, 6) or group_col <= column < width:
                cell.number_format = POINTS_FORMAT if column != 6 else "+#,##0.00;-#,##0.00;0"

    for row_cells in sheet.iter_rows(min_row=2, max_row=3, max_col=width):
        for cell in row_cells:
            cell.font = Font(bold=True)
            cell.fill = HEAD_FILL
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [6, 28, 11, 12, 10, 9, 7] + [14] * len(table.groups) + [22]
    for column, size in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = size
    sheet.freeze_panes = "C4"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def league_table_csv(table: LeagueTable, *, title: str) -> bytes:
    """The league table as CSV in the .xlsx export's columns: UTF-8 with a BOM, so Excel shows Vietnamese
    letters, and dot decimals, so any program reads the numbers; the title is the first line."""
    buffer = io.StringIO()
    writer = SafeCsvWriter(csv.writer(buffer, lineterminator="\r\n"))
    writer.writerow([title])
    groups = [f"{g.short_name or g.name} ({number_vi(g.max_points)})" for g in table.groups]
    writer.writerow(
        [
            "STT",
            "Tên đơn vị",
            "Điểm tổng",
            "Xếp loại",
            "Xếp hạng",
            "Tăng/giảm điểm",
            "Tăng/giảm bậc",
            *groups,
            "Trạng thái phiếu",
        ]
    )

    for number, row in enumerate(_rows(table), start=1):
        card = row.card
        writer.writerow(
            [
                number,
                card.unit.full_name,
                csv_value(card.converted_total),
                card.classification.label if card.classification else "",
                _rank(table, row) or "",
                csv_value(card.delta_points),
                csv_value(card.delta_rank),
                *(csv_value(cell.points) for cell in row.cells),
                _status(card),
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
