"""The downloadable import template: an .xlsx with exactly the headers the importer reads (a unit code and name
column, one column per indicator headed by its code, "Điểm tổng", "Xếp loại") and one row per unit under the
parent, so a district fills in numbers instead of guessing the layout."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from indicators.models import Scheme
from indicators.periods import period_label
from indicators.schemes import scheme_spec_load
from units.collation import vietnamese_key
from units.models import AdministrativeUnit
from units.selectors import unit_children

HEADER_FILL = PatternFill("solid", fgColor="F1EDE4")


def import_template_xlsx(*, scheme: Scheme, period_key: str, parent: AdministrativeUnit) -> bytes:
    """The template's bytes: the table on the first sheet (header on row 1), what it is for on the second."""
    spec = scheme_spec_load(scheme)
    indicators = [i for group in spec.groups for i in spec.indicators_by_group.get(group.code, ())]
    children = sorted(unit_children(unit=parent), key=lambda u: (u.is_department, vietnamese_key(u.name)))
    book = Workbook()
    sheet = book.active
    sheet.title = "Bảng điểm"
    headers = ["STT", "Mã đơn vị", "Tên đơn vị", *[i.code for i in indicators], "Điểm tổng", "Xếp loại"]
    sheet.append(headers)
    for index, indicator in enumerate(indicators, start=4):
        cell = sheet.cell(row=1, column=index)
        cell.comment = Comment(f"{indicator.name} (tối đa {indicator.max_points})", "Scorecard 766")
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for number, unit in enumerate(children, start=1):
        sheet.append([number, unit.code, unit.full_name])
    sheet.column_dimensions["C"].width = 32
    sheet.freeze_panes = "D2"
    about = book.create_sheet("Hướng dẫn")
    about.append([f"Bảng điểm {period_label(period_key).lower()} – {parent.full_name}"])
    about.append([f"Bộ chỉ số: {scheme.name} ({scheme.code})"])
    about.append(["Mỗi dòng một đơn vị; mỗi cột một chỉ số (ghi điểm, ví dụ 12,5; “-” nếu không áp dụng)."])
    about.append(["Có thể chỉ ghi “Điểm tổng” khi chỉ có điểm tổng. Không đổi tên các cột ở dòng 1."])
    about["A1"].font = Font(bold=True)
    for number, indicator in enumerate(indicators, start=6):
        about.cell(row=number, column=1, value=indicator.code)
        about.cell(row=number, column=2, value=f"{indicator.name} (tối đa {indicator.max_points})")
    out = BytesIO()
    book.save(out)
    return out.getvalue()
