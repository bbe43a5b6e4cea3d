"""Cells a spreadsheet program must never run: text starting with =, +, -, @ (or a tab or carriage return) in an
export is written so Excel and LibreOffice show it as text instead of evaluating it ("CSV injection").

A unit name or indicator text comes from users and imports, so an export could otherwise carry a live formula
(`=HYPERLINK(...)`, `=cmd|...`) to whoever opens it. Numbers (-1.63, +2) stay numbers.
"""

from __future__ import annotations

import re
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
ESCAPE = "'"


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(TRIGGERS) and not NUMBER.fullmatch(value)


def csv_value(value: Any) -> str:
    """A CSV cell as stored: "" for nothing, numbers with a dot as the database keeps them (18.00, -1.63)."""
    return "" if value is None else str(value)


def cell_text(value: Any) -> Any:
    """For CSV: a formula-like text gets a leading apostrophe, which spreadsheet programs show as text."""
    return ESCAPE + value if is_formula_like(value) else value


def cell_text_restore(value: Any) -> Any:
    """The inverse on import, so exporting then importing a unit named "-Ấp 1" gives "-Ấp 1" back."""
    if isinstance(value, str) and value.startswith(ESCAPE) and is_formula_like(value[1:]):
        return value[1:]
    return value


class SafeCsvWriter:
    """A csv writer whose formula-like text cells are escaped (`cell_text`)."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: list[Any]) -> None:
        self.writer.writerow([cell_text(value) for value in row])


def xlsx_cell(sheet: Any, row: int, column: int, value: Any) -> Any:
    """openpyxl turns any text starting with "=" into a formula; this cell keeps it as the text it is."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


class FormulaSafeResourceMixin:
    """django-import-export resources: exports escape formula-like text; imports undo that escape."""

    def export_field(self, field: Any, instance: Any, **kwargs: Any) -> Any:
        return cell_text(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        for key in list(row.keys()):
            row[key] = cell_text_restore(row[key])
        super().before_import_row(row, **kwargs)
