"""The downloadable import template: an .xlsx with exactly the headers the importer reads (a unit code and name
column, one column per indicator headed by its code, "Điểm tổng", "Xếp loại"; or, for a counts scheme, a numerator
and a denominator column per indicator) and one row per unit under the parent, so a district fills in numbers
instead of guessing the layout."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from indicators.imports.counts import count_header_texts, counts_scheme
from indicators.models import Scheme
from indicators.periods import period_label
from indicators.schemes import scheme_spec_load
from units.collation import vietnamese_key
from units.models import AdministrativeUnit
from units.selectors import unit_children

HEADER_FILL = PatternFill("solid", fgColor="F1EDE4")


def import_template_xlsx(*, scheme: Scheme, period_key: str, parent: AdministrativeUnit) -> bytes:
    """The template's bytes: the table on the first sheet (header on row 1), what it is for on the second.

    A counts scheme (`mot-cua`) gets two columns per indicator, "GQ2 tử số" and "GQ2 mẫu số", and a first row for
    the parent's own office; a scored scheme one column per indicator and the published total and class."""
    spec = scheme_spec_load(scheme)
    indicators = [i for group in spec.groups for i in spec.indicators_by_group.get(group.code, ())]
    counts = counts_scheme(spec)
    children = sorted(unit_children(unit=parent), key=lambda u: (u.is_department, vietnamese_key(u.name)))
    book = Workbook()
    sheet = book.active
    sheet.title = "Bảng số liệu" if counts else "Bảng điểm"
    notes: list[str] = []
    if counts:
        for indicator in indicators:
            notes.extend(
                [
                    f"{indicator.name}: số hồ sơ (lượt) đạt – tử số",
                    f"{indicator.name}: tổng số hồ sơ (lượt) – mẫu số",
                ]
            )
        headers = ["STT", "Mã đơn vị", "Tên đơn vị", *[h for i in indicators for h in count_header_texts(i.code)]]
    else:
        notes = [f"{i.name} (tối đa {i.max_points})" for i in indicators]
        headers = ["STT", "Mã đơn vị", "Tên đơn vị", *[i.code for i in indicators], "Điểm tổng", "Xếp loại"]
    sheet.append(headers)
    for index, note in enumerate(notes, start=4):
        sheet.cell(row=1, column=index).comment = Comment(note, "Scorecard 766")
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    units = [parent, *children] if counts else children  # seed 000's "Một cửa huyện" row beside the communes'
    for number, unit in enumerate(units, start=1):
        sheet.append([number, unit.code, unit.full_name])
    sheet.column_dimensions["C"].width = 32
    sheet.freeze_panes = "D2"
    about = book.create_sheet("Hướng dẫn")
    about.append([f"{sheet.title} {period_label(period_key).lower()} – {parent.full_name}"])
    about.append([f"Bộ chỉ số: {scheme.name} ({scheme.code})"])
    if counts:
        about.append(["Mỗi dòng một đơn vị; mỗi chỉ số hai cột: tử số và mẫu số, là số hồ sơ (số nguyên: 1.207)."])
        about.append(["Tử số không lớn hơn mẫu số. Chưa có số liệu thì để trống cả hai ô. Không đổi tên cột ở dòng 1."])
    else:
        about.append(["Mỗi dòng một đơn vị; mỗi cột một chỉ số (ghi điểm, ví dụ 12,5; “-” nếu không áp dụng)."])
        about.append(["Có thể chỉ ghi “Điểm tổng” khi chỉ có điểm tổng. Không đổi tên các cột ở dòng 1."])
    about["A1"].font = Font(bold=True)
    for number, indicator in enumerate(indicators, start=6):
        about.cell(row=number, column=1, value=indicator.code)
        maximum = "" if counts else f" (tối đa {indicator.max_points})"
        about.cell(row=number, column=2, value=f"{indicator.name}{maximum}")
    out = BytesIO()
    book.save(out)
    return out.getvalue()
