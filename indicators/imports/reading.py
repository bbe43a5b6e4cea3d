"""Reading uploaded score files (.xlsx, .csv, tab-separated text) into rows of text, with guards against
hostile files (zip bombs, huge sheets, formulas without values, merged cells)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse  # refuses entity declarations, as openpyxl does with it
from openpyxl.utils.cell import range_boundaries

from indicators.values import clean

MAX_ROWS = 20_000


MAX_COLUMNS = 200


MAX_FILE_BYTES = 5_000_000  # a district's table is tens of kilobytes; a province's year under a megabyte


MAX_UNCOMPRESSED_BYTES = 100_000_000  # an xlsx inflating beyond this is a zip bomb, not a score table


MAX_COMPRESSION_RATIO = 100


MAX_ZIP_MEMBERS = 1_000


MAX_CELLS = 5_000_000  # cells read from a sheet, empty ones included


class ImportFileError(ValueError):
    """The file cannot be read as a table at all (not a spreadsheet, no header, empty)."""


class Rows(list):
    """The cells of a file, row by row, with a sheet's merged ranges (1-based first/last row and column, "A5:A6")."""

    merged: list[tuple[int, int, int, int, str]]

    def __init__(self, rows: list[list[str]], merged: list[tuple[int, int, int, int, str]] | None = None) -> None:
        super().__init__(rows)
        self.merged = merged or []


def _size_mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")


def read_rows(path: Path) -> list[list[str]]:
    """All rows of the first sheet (xlsx) or the file (csv, tab-separated text) as cell strings.

    Files come from the browser too, so everything hostile ends in an ImportFileError with a Vietnamese
    message: oversized files, zip bombs, formulas without a value, empty sheets, binary content.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"Tệp {path.name} nặng {_size_mb(size)} MB, quá giới hạn {_size_mb(MAX_FILE_BYTES)} MB; "
            "hãy chỉ để lại bảng điểm của một kỳ."
        )
    suffix = path.suffix.lower()
    rows = _read_xlsx(path) if suffix in {".xlsx", ".xlsm"} else _read_text(path)
    if not any(any(row) for row in rows):
        raise ImportFileError(f"Tệp {path.name} không có dữ liệu: trang tính (hoặc tệp) trống.")
    return rows


def _read_text(path: Path) -> Rows:
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise ImportFileError(f"Tệp {path.name} không phải văn bản UTF-8, cũng không phải tệp Excel .xlsx.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"Tệp {path.name} không phải văn bản UTF-8, cũng không phải tệp Excel .xlsx.") from None
    if "\t" in text:
        delimiter = "\t"
    else:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;").delimiter
        except csv.Error:
            delimiter = ","
    try:
        rows = [[clean(c) for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise ImportFileError(f"Không đọc được tệp {path.name} như bảng CSV ({exc}).") from None
    if len(rows) > MAX_ROWS:
        raise ImportFileError(f"Tệp có {len(rows)} dòng, quá giới hạn {MAX_ROWS} dòng.")
    if any(len(row) > MAX_COLUMNS for row in rows):
        raise ImportFileError(f"Tệp có dòng dài hơn {MAX_COLUMNS} cột; bảng điểm không có nhiều cột như vậy.")
    return Rows(rows)


def _zip_check(path: Path) -> None:
    """Refuse what is not a zip, and zip bombs, before openpyxl inflates anything."""
    not_excel = (
        f"Không đọc được tệp Excel {path.name}: nội dung không phải .xlsx (có thể là tệp .xls cũ hoặc tệp khác "
        "đổi đuôi); hãy mở bằng Excel và lưu lại dưới dạng .xlsx hoặc .csv."
    )
    if not zipfile.is_zipfile(path):
        raise ImportFileError(not_excel)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFileError(not_excel) from None
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise ImportFileError(not_excel)
    total = sum(m.file_size for m in members)
    inflated = any(
        m.file_size > 1_000_000 and m.file_size > MAX_COMPRESSION_RATIO * max(m.compress_size, 1) for m in members
    )
    if len(members) > MAX_ZIP_MEMBERS or total > MAX_UNCOMPRESSED_BYTES or inflated:
        raise ImportFileError(
            f"Tệp {path.name} giải nén ra {_size_mb(total)} MB dữ liệu, bất thường với một bảng điểm "
            "(nghi là “bom nén”); không đọc tệp này."
        )


def _merged_ranges(workbook: Any, sheet: Any) -> list[tuple[int, int, int, int, str]]:
    """Merged ranges of a read-only sheet, read from its XML (read-only mode keeps only the top-left value)."""
    merged = []
    with workbook._archive.open(sheet._worksheet_path) as stream:
        for _event, element in iterparse(stream):
            if element.tag.endswith("}mergeCell") and element.get("ref"):
                first_col, first_row, last_col, last_row = range_boundaries(element.get("ref"))
                merged.append((first_row, last_row, first_col, last_col, element.get("ref")))
            element.clear()
    return merged


def _entities_refused(path: Path) -> ImportFileError:
    return ImportFileError(
        f"Tệp {path.name} chứa khai báo thực thể XML (DTD/ENTITY), điều Excel không bao giờ ghi; tệp có thể "
        "nhằm làm treo máy chủ nên không được đọc. Hãy mở bằng Excel, lưu lại dưới dạng .xlsx rồi nhập lại."
    )


def _entity_error(exc: BaseException) -> bool:
    """Whether an error (or one it wraps: openpyxl re-raises as ValueError) is the XML parser refusing entities."""
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        if isinstance(exc, ParseError) and ("amplification" in str(exc) or "entit" in str(exc).lower()):
            return True
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return False


def _read_xlsx(path: Path) -> Rows:
    """The first sheet, read-only. openpyxl parses with defusedxml when it is installed (requirements.txt), so an
    entity declaration raises DefusedXmlException; expat's own amplification limit raises ParseError."""
    _zip_check(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, ParseError) as exc:
        if _entity_error(exc):
            raise _entities_refused(path) from None
        raise ImportFileError(
            f"Không đọc được tệp Excel {path.name}: tệp hỏng hoặc không phải .xlsx ({exc})."
        ) from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(f"Tệp {path.name} không có trang tính nào.")
        sheet, formula_sheet = workbook.worksheets[0], formulas.worksheets[0]
        # The stored dimensions may claim a million rows or columns; read only the cells that are there.
        sheet.reset_dimensions()
        formula_sheet.reset_dimensions()
        rows: list[list[str]] = []
        budget = MAX_CELLS
        pairs = zip(sheet.iter_rows(values_only=True), formula_sheet.iter_rows(values_only=True), strict=False)
        for number, (values, written) in enumerate(pairs, start=1):
            budget -= len(values)
            if budget < 0:
                raise ImportFileError(f"Trang tính của tệp {path.name} có quá nhiều ô; bảng điểm không lớn như vậy.")
            row = [clean(c) for c in values]
            for index, (value, source) in enumerate(zip(values, written, strict=False)):
                # data_only gives the value Excel saved with a formula; a file written by a program has none.
                if value is None and isinstance(source, str) and source.startswith("="):
                    raise ImportFileError(
                        f"Ô {column_letter(index)}{number} chứa công thức “{source[:60]}” "
                        "nhưng không có giá trị đã tính; "
                        "hãy mở tệp bằng Excel, lưu lại (hoặc dán giá trị thay cho công thức) rồi nhập lại."
                    )
            while row and not row[-1]:
                row.pop()
            if len(row) > MAX_COLUMNS:
                raise ImportFileError(
                    f"Dòng {number} có dữ liệu ngoài {MAX_COLUMNS} cột đầu; bảng điểm không có nhiều cột như vậy."
                )
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise ImportFileError(f"Trang tính có hơn {MAX_ROWS} dòng.")
        return Rows(rows, _merged_ranges(workbook, sheet))
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, ParseError) as exc:
        if _entity_error(exc):
            raise _entities_refused(path) from None
        raise ImportFileError(f"Không đọc được tệp Excel {path.name}: tệp hỏng ({exc}).") from None
    finally:
        workbook.close()
        formulas.close()


def column_letter(index: int) -> str:
    """Spreadsheet column letter, so messages point where an officer looks: A, B, …, AA."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name
