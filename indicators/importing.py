"""Reading score tables laid out like the seeds' (xlsx, csv or tab-separated text) into values to store.

Only parsing and checking lives here; `indicators.services.scores_import` matches units and writes. A table
has a unit column (name or official code), then a column per group or indicator, headed by its code or its
Vietnamese name, possibly over two or three header rows ("Nhóm công khai, minh bạch" over "Chỉ số 1(5đ)"),
and optional total ("Điểm tổng", "Điểm đạt được") and class ("Xếp loại") columns. Cells read `12,9`,
`12.9`, `12,9/18` or `-` (not applicable). Every problem is reported with its row and column.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from units.matching import fold as units_fold

MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_FILE_BYTES = 5_000_000  # a district's table is tens of kilobytes; a province's year under a megabyte
MAX_UNCOMPRESSED_BYTES = 100_000_000  # an xlsx inflating beyond this is a zip bomb, not a score table
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_MEMBERS = 1_000
MAX_CELLS = 5_000_000  # cells read from a sheet, empty ones included

_TAG = re.compile(r"<[^>]+>")
_PARENS = re.compile(r"\([^)]*\)")
_INDICATOR_HEADER = re.compile(r"^chi so\s*(\d+)")
_MAX_IN_HEADER = re.compile(r"\(\s*(\d+(?:[.,]\d+)?)\s*d\s*\)")
_ROMAN = re.compile(r"^[ivxlc]+\.?$")


class ImportFileError(ValueError):
    """The file cannot be read as a table at all (not a spreadsheet, no header, empty)."""


def fold(text: str) -> str:
    """How headers and names are compared: the units' folding (case, diacritics, đ → d, dashes), minus HTML."""
    return units_fold(html.unescape(_TAG.sub("", str(text or ""))))


def clean(text: Any) -> str:
    """A cell as text, without HTML markup and surrounding space."""
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    return " ".join(html.unescape(_TAG.sub("", str(text))).split())


def parse_number(text: str) -> Decimal:
    """`12,9`, `12.9`, `1.234,5` → Decimal; raises ValueError with the Vietnamese reason."""
    raw = text.strip().replace(" ", "")
    if raw.endswith("%"):
        raise ValueError("là tỷ lệ phần trăm, cần nhập điểm")
    raw = raw.replace(".", "").replace(",", ".") if "," in raw and "." in raw else raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError("không phải là số") from None
    if not value.is_finite():
        raise ValueError("không phải là số")
    return value


@dataclass(frozen=True)
class CellValue:
    """A parsed score cell: points (with the maximum the file wrote after "/", if any), or not applicable.

    The entry form also gives a numerator and denominator, so one validator serves files and the browser.
    """

    points: Decimal | None = None
    stated_max: Decimal | None = None
    not_applicable: bool = False
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def parse_cell(text: str) -> CellValue | None:
    """None for an empty cell; raises ValueError saying what is wrong with a bad one."""
    text = clean(text)
    if not text:
        return None
    if text in {"-", "–", "—", "x", "X"}:
        return CellValue(not_applicable=True)
    if "/" in text:
        points_text, _, max_text = text.partition("/")
        return CellValue(points=parse_number(points_text), stated_max=parse_number(max_text))
    return CellValue(points=parse_number(text))


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
    import zipfile

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
    from xml.etree.ElementTree import iterparse  # the zip was size-checked; expat limits entity expansion

    from openpyxl.utils.cell import range_boundaries

    merged = []
    with workbook._archive.open(sheet._worksheet_path) as stream:
        for _event, element in iterparse(stream):  # noqa: S314 - see the import above
            if element.tag.endswith("}mergeCell") and element.get("ref"):
                first_col, first_row, last_col, last_row = range_boundaries(element.get("ref"))
                merged.append((first_row, last_row, first_col, last_col, element.get("ref")))
            element.clear()
    return merged


def _read_xlsx(path: Path) -> Rows:
    from zipfile import BadZipFile

    import openpyxl

    _zip_check(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
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
                        f"Ô {_letter(index)}{number} chứa công thức “{source[:60]}” nhưng không có giá trị đã tính; "
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
    except (BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ImportFileError(f"Không đọc được tệp Excel {path.name}: tệp hỏng ({exc}).") from None
    finally:
        workbook.close()
        formulas.close()


# --- header recognition ------------------------------------------------------------------------


@dataclass
class Column:
    """What one column of the table holds."""

    index: int
    header: str
    role: str  # unit, code, total, classification, group, indicator, ignored
    target: Any = None  # the group or indicator
    stated_max: Decimal | None = None


@dataclass
class ParsedRow:
    """One data row: where it is in the file, the unit text, and its values by column."""

    number: int  # 1-based row number in the file
    unit_text: str
    unit_code: str
    values: dict[int, CellValue] = field(default_factory=dict)
    total: Decimal | None = None
    classification: str = ""


@dataclass
class ParsedTable:
    columns: list[Column]
    rows: list[ParsedRow]
    errors: list[str]
    warnings: list[str]


def _letter(index: int) -> str:
    """Spreadsheet column letter, so messages point where an officer looks: A, B, …, AA."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def column_label(column: Column) -> str:
    return f"cột {_letter(column.index)} “{column.header}”" if column.header else f"cột {_letter(column.index)}"


def _bare(header: str) -> str:
    """Folded header without "nhóm", "chỉ số" prefixes, "(30đ)" or "(%)" notes."""
    text = _PARENS.sub(" ", fold(header))
    text = re.sub(r"^(nhom chi so|nhom|chi so)\s+", "", text.strip())
    return " ".join(text.replace(".", " ").split()).strip(" ,:")


def _role_of(header: str) -> str | None:
    folded = fold(header)
    bare = _bare(header)
    if bare in {"stt", "so tt", "st t", "tt"}:
        return "ignored"
    if bare in {"ma don vi", "ma dvhc", "ma", "unit code", "unit_code", "ma don vi hanh chinh"}:
        return "code"
    if "don vi" in bare or bare in {"ten", "ten xa", "xa, thi tran", "xa, phuong, thi tran"}:
        return "unit"
    if "quy doi" in folded or ("tang" in folded and "giam" in folded):
        return "ignored"  # converted totals and changes are derived here, never imported
    if bare.startswith(("diem tong", "tong diem", "diem dat duoc")) or bare in {"tong", "total"}:
        return "total"
    if bare.startswith("xep loai"):
        return "classification"
    if "%" in folded or "ty le" in folded:
        return "ignored"  # rates are not points
    return None


def _group_for(header: str, groups: list[Any]) -> Any | None:
    bare = _bare(header)
    for group in groups:
        names = [group.code, group.name, group.short_name, *(group.aliases or [])]
        if any(bare == _bare(name) for name in names if name) or header.strip().upper() == group.code:
            return group
    return None


def _is_header_like(row: list[str]) -> bool:
    """Rows such as "(1) (2) (3)" that number the columns, not data."""
    cells = [c for c in row if c]
    return bool(cells) and all(re.fullmatch(r"\(\d+\)", c) for c in cells)


def parse_table(rows: list[list[str]], *, groups: list[Any], indicators_by_group: dict[str, list[Any]]) -> ParsedTable:
    """Find the header, map every column, and parse the data rows; nothing is matched to units here."""
    errors: list[str] = []
    warnings: list[str] = []
    indicators_by_code = {i.code.upper(): i for items in indicators_by_group.values() for i in items}

    def allows_na(target: Any) -> bool:
        """An indicator says so itself; a group allows "-" when every indicator in it does."""
        if hasattr(target, "allows_not_applicable"):
            return target.allows_not_applicable
        items = indicators_by_group.get(target.code, [])
        return bool(items) and all(i.allows_not_applicable for i in items)

    header_at = next((n for n, row in enumerate(rows) if any(_role_of(c) in {"unit", "code"} for c in row if c)), None)
    if header_at is None:
        raise ImportFileError(
            "Không tìm thấy dòng tiêu đề: cần một cột “Tên đơn vị” (hoặc “Mã đơn vị”) và các cột điểm "
            "ghi mã hoặc tên nhóm chỉ số."
        )
    width = max(len(r) for r in rows)
    header_rows = [rows[header_at] + [""] * (width - len(rows[header_at]))]
    first_data = header_at + 1
    while first_data < len(rows):
        row = rows[first_data]
        if _is_header_like(row):
            first_data += 1
            continue
        looks_like_data = any(c and re.match(r"^[\d\-–]", c) for c in row[1:]) and any(row)
        if looks_like_data or not any(row):
            break
        header_rows.append(row + [""] * (width - len(row)))
        first_data += 1

    columns: list[Column] = []
    current_group = None  # a group header spans the "Chỉ số 1", "Chỉ số 2" columns under it
    for index in range(width):
        texts = [r[index] for r in header_rows if r[index]]
        column = Column(index=index, header=" / ".join(texts), role="ignored")
        role = next((r for r in map(_role_of, texts) if r), None)
        if role:
            column.role, current_group = role, None
            if role == "ignored" and any("%" in t or "ty le" in fold(t) for t in texts):
                warnings.append(f"Bỏ qua {column_label(column)}: là tỷ lệ (%), không phải điểm.")
            columns.append(column)
            continue
        group = next((g for g in (_group_for(t, groups) for t in texts) if g is not None), None)
        if group is not None:
            current_group = group
        indicator, stated_max = _indicator_for(texts, current_group, indicators_by_code, indicators_by_group)
        if indicator is not None:
            column.role, column.target, column.stated_max = "indicator", indicator, stated_max
        elif group is not None:
            column.role, column.target = "group", group
        elif texts:
            warnings.append(f"Bỏ qua {column_label(column)}: không phải mã hoặc tên nhóm, chỉ số nào.")
        columns.append(column)

    for column in columns:
        if (
            column.role == "indicator"
            and column.stated_max is not None
            and column.stated_max != column.target.max_points
        ):
            errors.append(
                f"{column_label(column).capitalize()}: tiêu đề ghi tối đa {column.stated_max} điểm nhưng chỉ số "
                f"{column.target.code} có tối đa {column.target.max_points} điểm."
            )
    totals = [c for c in columns if c.role == "total"]
    for extra in totals[1:]:
        extra.role = "ignored"
        warnings.append(f"Bỏ qua {column_label(extra)}: đã lấy điểm tổng ở {column_label(totals[0])}.")
    unit_columns = [c for c in columns if c.role in {"unit", "code"}]
    value_columns = [c for c in columns if c.role in {"group", "indicator", "total"}]
    if not value_columns:
        raise ImportFileError(
            "Không có cột điểm nào: tiêu đề cột phải là mã hoặc tên nhóm chỉ số (ví dụ CKMB, "
            "“Công khai, minh bạch”), mã chỉ số, hoặc “Điểm tổng”."
        )
    seen: dict[Any, Column] = {}
    for column in value_columns:
        if column.target is None:
            continue
        if column.target in seen:
            errors.append(
                f"{column_label(column).capitalize()} trùng với {column_label(seen[column.target])} "
                f"(cùng {column.target.code})."
            )
        seen[column.target] = column

    errors.extend(_merged_problems(getattr(rows, "merged", []), first_data, value_columns))

    parsed_rows: list[ParsedRow] = []
    for offset, row in enumerate(rows[first_data:]):
        number = first_data + offset + 1
        row = row + [""] * (width - len(row))
        unit_text = next((row[c.index] for c in unit_columns if c.role == "unit" and row[c.index]), "")
        if not unit_text and row[0] and fold(row[0]).startswith("toan "):
            unit_text = row[0]  # "TOÀN HUYỆN" written across the STT and name cells
        unit_code = next((row[c.index] for c in unit_columns if c.role == "code" and row[c.index]), "")
        if not unit_text and not unit_code:
            continue
        if fold(unit_text) in {"tong", "tong cong", "cong"}:
            continue
        parsed = ParsedRow(number=number, unit_text=unit_text, unit_code=unit_code)
        for column in columns:
            text = row[column.index]
            if column.role == "classification":
                parsed.classification = clean(text)
            if column.role not in {"group", "indicator", "total"} or not clean(text):
                continue
            where = f"Dòng {number}, {column_label(column)}"
            try:
                value = parse_cell(text)
            except ValueError as exc:
                errors.append(f"{where}: giá trị “{clean(text)}” {exc}.")
                continue
            if value is None:
                continue
            if column.role == "total":
                if value.not_applicable or value.points is None:
                    errors.append(f"{where}: điểm tổng phải là một số.")
                else:
                    parsed.total = value.points
                continue
            problem = value_problem(column.target, value, allows_not_applicable=allows_na(column.target))
            if problem:
                errors.append(f"{where}: {problem}")
                continue
            parsed.values[column.index] = value
        first_cell = fold(row[0]) if row else ""
        if not parsed.values and parsed.total is None:
            if not _ROMAN.match(first_cell):
                warnings.append(f"Bỏ qua dòng {number} “{unit_text or unit_code}”: không có số liệu.")
            continue
        parsed_rows.append(parsed)
    if not parsed_rows and not errors:
        raise ImportFileError("Tệp không có dòng số liệu nào dưới dòng tiêu đề.")
    return ParsedTable(columns=columns, rows=parsed_rows, errors=errors, warnings=warnings)


def _merged_problems(
    merged: list[tuple[int, int, int, int, str]], first_data: int, value_columns: list[Column]
) -> list[str]:
    """Merged cells below the header: one value would silently stand for several rows or columns, so refuse.

    Headers may be merged (a group over its indicators); read-only openpyxl keeps their top-left text, which the
    column mapping carries to the columns under it. A label merged across one row ("TOÀN HUYỆN") is harmless.
    """
    value_indexes = {c.index for c in value_columns}
    problems = []
    for first_row, last_row, first_col, last_col, ref in merged:
        if last_row <= first_data:
            continue
        covered = set(range(first_col, last_col))  # 0-based indexes of the cells after the first one
        if first_row != last_row or covered & value_indexes:
            problems.append(
                f"Ô gộp {ref} (dòng {first_row}–{last_row}) nằm trong vùng số liệu: ô gộp chỉ giữ giá trị ô đầu. "
                "Hãy bỏ gộp ô và ghi đủ giá trị vào từng ô."
            )
    return problems


def _indicator_for(
    texts: list[str], group: Any, by_code: dict[str, Any], by_group: dict[str, list[Any]]
) -> tuple[Any | None, Decimal | None]:
    """The indicator a column is headed by: its code, or "Chỉ số N (Xđ)" under a group header."""
    for text in texts:
        if text.strip().upper() in by_code:
            return by_code[text.strip().upper()], None
        match = _INDICATOR_HEADER.match(fold(text))
        if match and group is not None:
            items = by_group.get(group.code, [])
            number = int(match.group(1))
            if 1 <= number <= len(items):
                found = _MAX_IN_HEADER.search(fold(text))
                return items[number - 1], parse_number(found.group(1)) if found else None
    return None, None


def value_problem(target: Any, value: CellValue, *, allows_not_applicable: bool) -> str | None:
    """Why a value cannot be stored for this group or indicator, in words an officer can act on."""
    maximum = target.max_points
    label = f"{target.code} ({target.name})"
    if value.not_applicable:
        if not allows_not_applicable:
            return f"{label} không được để “-” (không áp dụng); hãy nhập điểm từ 0 đến {fmt(maximum)}."
        return None
    if value.numerator is not None or value.denominator is not None:
        return _rate_problem(label, value.numerator, value.denominator)
    points = value.points
    assert points is not None
    if value.stated_max is not None and value.stated_max != maximum:
        return f"ô ghi “/{fmt(value.stated_max)}” nhưng {label} có điểm tối đa là {fmt(maximum)}."
    if points < 0:
        return f"điểm {fmt(points)} âm; {label} nhận điểm từ 0 đến {fmt(maximum)}."
    if points > maximum:
        return f"điểm {fmt(points)} vượt điểm tối đa {fmt(maximum)} của {label}; hãy nhập từ 0 đến {fmt(maximum)}."
    if _too_precise(points):
        return f"điểm {fmt(points)} có quá {PLACES} chữ số thập phân; hãy làm tròn đến {PLACES} chữ số."
    return None


PLACES = 2  # the precision of stored points and counts


def _too_precise(value: Decimal) -> bool:
    return value != value.quantize(Decimal(1).scaleb(-PLACES)) if value.is_finite() else True


def _rate_problem(label: str, numerator: Decimal | None, denominator: Decimal | None) -> str | None:
    """Numerator and denominator: both given, not negative, the numerator not above the denominator."""
    if numerator is None:
        return f"{label} có mẫu số nhưng thiếu tử số; hãy nhập cả tử số và mẫu số."
    if denominator is None:
        return f"{label} có tử số nhưng thiếu mẫu số; hãy nhập cả tử số và mẫu số."
    for name, number in (("tử số", numerator), ("mẫu số", denominator)):
        if number < 0:
            return f"{name} {fmt(number)} của {label} âm; hãy nhập số từ 0 trở lên."
        if _too_precise(number):
            return f"{name} {fmt(number)} của {label} có quá {PLACES} chữ số thập phân."
    if numerator > denominator:
        return (
            f"tử số {fmt(numerator)} lớn hơn mẫu số {fmt(denominator)} của {label}; "
            "tử số là phần đạt được nên không thể vượt mẫu số."
        )
    return None


def fmt(value: Decimal) -> str:
    """A number the Vietnamese way, without trailing zeros: 12,9; 18; 1.222."""
    from indicators.formatting import number_vi

    return number_vi(value)
