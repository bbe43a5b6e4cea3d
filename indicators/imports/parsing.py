"""Parsing a score table's rows: which column is the unit, a group, an indicator, the total or the class,
and the value of each cell. Every problem names its row and column."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from indicators.imports.columns import Column, column_label, column_title
from indicators.imports.counts import (
    PART_WORDS,
    count_cells_read,
    count_column_problems,
    count_header,
    counts_scheme,
)
from indicators.imports.reading import ImportFileError
from indicators.scoring import SchemeSpec
from indicators.values import (
    HTML_TAG,
    EntryTextError,
    EntryValue,
    clean,
    entry_parse,
    entry_problem,
    label_problem,
    parse_number,
    total_parse,
)
from units.matching import fold as units_fold

_PARENS = re.compile(r"\([^)]*\)")


_INDICATOR_HEADER = re.compile(r"^chi so\s*(\d+)")


_MAX_IN_HEADER = re.compile(r"\(\s*(\d+(?:[.,]\d+)?)\s*d\s*\)")


_ROMAN = re.compile(r"^[ivxlc]+\.?$")


VALUE_ROLES = frozenset({"group", "indicator", "total", *PART_WORDS})


def fold(text: str) -> str:
    """How headers and names are compared: the units' folding (case, diacritics, đ → d, dashes), minus HTML."""
    return units_fold(html.unescape(HTML_TAG.sub("", str(text or ""))))


@dataclass
class ParsedRow:
    """One data row: where it is in the file, the unit text, and its values by column."""

    number: int  # 1-based row number in the file
    unit_text: str
    unit_code: str
    values: dict[int, EntryValue] = field(default_factory=dict)
    total: Decimal | None = None
    classification: str = ""


@dataclass
class ParsedTable:
    columns: list[Column]
    rows: list[ParsedRow]
    errors: list[str]
    warnings: list[str]


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


def parse_table(rows: list[list[str]], *, spec: SchemeSpec) -> ParsedTable:
    """Find the header, map every column, and parse the data rows; nothing is matched to units here.

    Every cell goes through the one parser and validator (`indicators.values`), as the entry form's inputs do.
    """
    errors: list[str] = []
    warnings: list[str] = []
    groups: list[Any] = list(spec.groups)
    indicators_by_group: dict[str, Any] = dict(spec.indicators_by_group)
    indicators_by_code = {i.code.upper(): i for items in indicators_by_group.values() for i in items}

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
    current_count = None  # an indicator header spans its "Tử số" and "Mẫu số" columns
    for index in range(width):
        texts = [r[index] for r in header_rows if r[index]]
        column = Column(index=index, header=" / ".join(texts), role="ignored")
        role = next((r for r in map(_role_of, texts) if r), None)
        counted = None if role else count_header(texts, indicators_by_code, current_count)
        if counted:
            column.target, column.role = counted
            current_count = column.target
            columns.append(column)
            continue
        current_count = None
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

    errors.extend(count_column_problems(columns, spec))
    for column in columns:
        if (
            column.role == "indicator"
            and column.stated_max is not None
            and column.stated_max != column.target.max_points
        ):
            errors.append(
                f"{column_title(column)}: tiêu đề ghi tối đa {column.stated_max} điểm nhưng chỉ số "
                f"{column.target.code} có tối đa {column.target.max_points} điểm."
            )
    totals = [c for c in columns if c.role == "total"]
    for extra in totals[1:]:
        extra.role = "ignored"
        warnings.append(f"Bỏ qua {column_label(extra)}: đã lấy điểm tổng ở {column_label(totals[0])}.")
    unit_columns = [c for c in columns if c.role in {"unit", "code"}]
    value_columns = [c for c in columns if c.role in VALUE_ROLES]
    if not value_columns:
        if counts_scheme(spec):
            raise ImportFileError(
                " ".join(
                    [
                        *errors,
                        "Không có cột số liệu nào: mỗi chỉ số cần hai cột, tử số và mẫu số (ví dụ “GQ2 tử số”, "
                        "“GQ2 mẫu số”), như tệp mẫu.",
                    ]
                )
            )
        raise ImportFileError(
            "Không có cột điểm nào: tiêu đề cột phải là mã hoặc tên nhóm chỉ số (ví dụ CKMB, "
            "“Công khai, minh bạch”), mã chỉ số, hoặc “Điểm tổng”."
        )
    seen: dict[Any, Column] = {}
    for column in value_columns:
        if column.target is None:
            continue
        key = (column.target, column.role if column.role in PART_WORDS else "points")
        if key in seen:
            errors.append(
                f"{column_title(column)} trùng với {column_label(seen[key])} "
                f"(cùng {column.target.code}{' ' + PART_WORDS[key[1]] if key[1] in PART_WORDS else ''})."
            )
        seen[key] = column

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
            if column.role not in {"group", "indicator", "total", "classification"} or not clean(text):
                continue
            problem = _cell_read(parsed, column, text, spec)
            if problem:
                errors.append(f"Dòng {number}, {column_label(column)}: {problem}")
        errors.extend(f"Dòng {number}, {problem}" for problem in count_cells_read(parsed.values, columns, row, spec))
        first_cell = fold(row[0]) if row else ""
        if not parsed.values and parsed.total is None:
            if not _ROMAN.match(first_cell):
                warnings.append(f"Bỏ qua dòng {number} “{unit_text or unit_code}”: không có số liệu.")
            continue
        parsed_rows.append(parsed)
    if not parsed_rows and not errors:
        raise ImportFileError("Tệp không có dòng số liệu nào dưới dòng tiêu đề.")
    return ParsedTable(columns=columns, rows=parsed_rows, errors=errors, warnings=warnings)


def _cell_read(parsed: ParsedRow, column: Column, text: str, spec: SchemeSpec) -> str | None:
    """Put one cell's value into `parsed`, or say what is wrong with it (the row and column are added)."""
    if column.role == "classification":
        parsed.classification = clean(text)
        problem = label_problem(parsed.classification)
        return f"{problem}." if problem else None
    if column.role == "total":
        try:
            parsed.total = total_parse(text, maximum=spec.max_total)
        except ValueError as exc:
            return f"giá trị “{clean(text)[:40]}” {exc}."
        return None
    target = column.target
    key = (target.pk, None) if column.role == "indicator" else (None, target.pk)
    try:
        value = entry_parse(target, points=text)
    except EntryTextError as exc:
        return str(exc)
    if value is None:
        return None
    problem = entry_problem(target, value, allows_not_applicable=spec.allows_not_applicable(key))
    if problem:
        return problem
    parsed.values[column.index] = value
    return None


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
