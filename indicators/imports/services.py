"""Importing a score table for one period: match the units, check every cell, then write all rows or none."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from indicators.formatting import entry_display
from indicators.imports.counts import counts_scheme
from indicators.imports.history import import_audit, import_changes
from indicators.imports.locks import lock_override_problem, replaced_details, scorecard_lock_reason
from indicators.imports.parsing import ParsedRow, column_label, fold, parse_table
from indicators.imports.reading import ImportFileError, read_rows
from indicators.models import Entry, Period, Scheme, Scorecard
from indicators.schemes import scheme_spec_load
from indicators.services import (
    KEEP,
    scorecard_entries_replace,
    scorecard_get_or_create,
    scorecard_validity_problem,
    scorecards_recompute,
)
from indicators.values import EntryValue
from units.matching import MatchResult, UnitMatcher
from units.models import AdministrativeUnit
from units.selectors import unit_children, unit_valid_on_q

ENTRY_ROLES = frozenset({"group", "indicator", "numerator", "denominator"})  # columns whose values become entries


class ScoresImportError(Exception):
    """The file has problems; nothing was written. `errors` name the row and column of each."""

    def __init__(
        self,
        errors: list[str],
        warnings: list[str] | None = None,
        unsure: list[UnsureRow] | None = None,
        rows: list[ImportedRow] | None = None,
    ) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors
        self.warnings = warnings or []
        self.unsure = unsure or []  # rows a person can settle by choosing the unit (unit_overrides)
        self.rows = rows or []  # when only locked rows were refused: what each row would have changed


@dataclass
class UnsureRow:
    """A row whose unit the matcher could not settle (ambiguous, missing) or settled only without diacritics."""

    number: int
    text: str
    status: str  # folded, ambiguous, missing
    candidates: tuple[AdministrativeUnit, ...]


@dataclass
class ImportedRow:
    """What one file row became, for previews and command output."""

    number: int
    unit: AdministrativeUnit
    scorecard: Scorecard
    changed: bool
    text: str = ""  # the unit as the file wrote it
    match: str = ""  # code, exact, folded, parent or chosen (unit_overrides)
    values: dict[str, str] = field(default_factory=dict)  # code → value as stored, for previews
    status: str = ""  # the scorecard's status before the import ("Đã duyệt"), "" for a new one
    lock: str = ""  # why the scorecard is locked ("phiếu điểm “Đã duyệt”"), "" when open
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (code, old, new) of what changes
    replaced: list[str] = field(default_factory=list)  # indicator codes a group total in the file replaces


@dataclass
class ImportReport:
    rows: list[ImportedRow]
    warnings: list[str]
    dry_run: bool
    codes: list[str] = field(default_factory=list)  # the groups and indicators the file covers, in its order
    sha256: str = ""
    counts: bool = False  # a counts scheme (mot-cua): numerators and denominators, no points or totals

    @property
    def unsure(self) -> list[ImportedRow]:
        return [r for r in self.rows if r.match == "folded"]

    @property
    def changed_count(self) -> int:
        return sum(1 for r in self.rows if r.changed)


def _row_unit(
    row: ParsedRow, matcher: UnitMatcher, by_code: dict[str, AdministrativeUnit], parent: AdministrativeUnit | None
) -> tuple[AdministrativeUnit | None, str | None, MatchResult | None]:
    """The unit a row names (official code first, then name), or the message saying why none fits; the
    matcher's result when a name was matched, so a preview can offer a choice when it was unsure."""
    if row.unit_code:
        unit = by_code.get(row.unit_code.strip())
        if unit is None:
            scope = f" trong {parent.full_name}" if parent else ""
            return None, f"không có đơn vị mã “{row.unit_code}”{scope}.", None
        return unit, None, None
    if parent is not None and (
        fold(row.unit_text).startswith("toan ") or fold(row.unit_text) == fold(parent.full_name)
    ):
        return parent, None, None  # "TOÀN HUYỆN": the parent's own figures
    result = matcher.match(row.unit_text)
    if result.unit is None:
        return None, result.message, result
    return result.unit, None, result


def scores_import(
    *,
    path: Path,
    scheme: Scheme,
    period: Period,
    parent: AdministrativeUnit | None = None,
    dry_run: bool = False,
    user: Any = None,
    unit_overrides: dict[int, AdministrativeUnit] | None = None,
    reopen_reason: str = "",
    actor: str = "",
) -> ImportReport:
    """Import a score table for one period: all rows or none.

    Raises ScoresImportError listing every problem (row, column, value, candidates) before anything is
    written. A dry run does the whole import, recompute included, inside a transaction it then rolls back.
    Each changed scorecard gets a change-log event naming the file and its SHA-256 (`user` None: the command line).
    `unit_overrides` maps a file row number to the unit a person chose for it in a preview; it must be one of the
    units the row could name (a child of `parent`, or the parent itself).

    A row that would change a submitted or approved scorecard, or one of a closed period, is refused naming the
    unit, unless `reopen_reason` is given by someone allowed to reopen it (`user`; None is the command line, whose
    OS user or `--by` is `actor`); the reason is then in that row's change-log events.
    """
    spec = scheme_spec_load(scheme)
    try:
        table = parse_table(read_rows(path), spec=spec)
    except ImportFileError as exc:
        raise ScoresImportError([str(exc)]) from None
    errors = list(table.errors)

    if parent is not None:
        outside = scorecard_validity_problem(unit=parent, period=period)
        if outside:
            raise ScoresImportError([outside], table.warnings)
        candidates = list(unit_children(unit=parent))
        matcher = UnitMatcher(candidates, scope=parent.full_name)
    else:  # names and codes are read in the edition in force at the period's end
        candidates = list(AdministrativeUnit.objects.filter(unit_valid_on_q(day=period.end)))
        matcher = UnitMatcher(candidates)
    by_code = {u.code: u for u in candidates}
    if parent is not None:
        by_code.setdefault(parent.code, parent)  # the parent's own row (the district's one-stop office) by its code

    unit_column = next((c for c in table.columns if c.role in {"unit", "code"}), None)
    overrides = unit_overrides or {}
    allowed = {u.pk for u in candidates} | ({parent.pk} if parent is not None else set())
    matched: list[tuple[ParsedRow, AdministrativeUnit, str]] = []
    unsure: list[UnsureRow] = []
    first_row_of: dict[int, int] = {}
    for row in table.rows:
        unit, problem, result = _row_unit(row, matcher, by_code, parent)
        how = "code" if row.unit_code else (result.status if result else "parent")
        chosen = overrides.get(row.number)
        if chosen is not None and chosen.pk not in allowed:
            scope = f" trong {parent.full_name}" if parent else ""
            errors.append(f"Dòng {row.number}: đơn vị được chọn {chosen.full_name} không thuộc các đơn vị{scope}.")
            continue
        if chosen is not None:
            unit, how = chosen, "chosen"
        elif result is not None and result.status != "exact":
            unsure.append(
                UnsureRow(number=row.number, text=row.unit_text, status=result.status, candidates=result.candidates)
            )
        if unit is None:
            errors.append(f"Dòng {row.number}, {column_label(unit_column)}: {problem}")
            continue
        outside = scorecard_validity_problem(unit=unit, period=period)
        if outside:
            errors.append(f"Dòng {row.number}: {outside}")
            continue
        if unit.pk in first_row_of:
            errors.append(
                f"Dòng {row.number}: {unit.full_name} đã có ở dòng {first_row_of[unit.pk]}; mỗi đơn vị chỉ một dòng."
            )
            continue
        first_row_of[unit.pk] = row.number
        matched.append((row, unit, how))
    if errors:
        raise ScoresImportError(errors, table.warnings, unsure)

    columns = {c.index: c for c in table.columns}
    indicator_group_ids = spec.indicator_group_ids
    covered = {c.target.pk if c.role == "group" else c.target.group_id for c in table.columns if c.role in ENTRY_ROLES}
    has_total = any(c.role == "total" for c in table.columns)
    has_class = any(c.role == "classification" for c in table.columns)

    source = {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    report = ImportReport(
        rows=[],
        warnings=table.warnings,
        dry_run=dry_run,
        codes=list(dict.fromkeys(c.target.code for c in table.columns if c.role in ENTRY_ROLES)),
        sha256=source["sha256"],
        counts=counts_scheme(spec),
    )
    codes = spec.code_by_key
    group_of = {i.code: group for group, items in spec.indicators_by_group.items() for i in items}
    existing_ids = set(
        Scorecard.objects.filter(scheme=scheme, period=period, unit__in=[u for _r, u, _h in matched]).values_list(
            "unit_id", flat=True
        )
    )
    lock_errors: list[str] = []
    with transaction.atomic():
        for row, unit, how in matched:
            values: dict[tuple[int | None, int | None], EntryValue] = {}
            for index, value in row.values.items():
                column = columns[index]
                key = (None, column.target.pk) if column.role == "group" else (column.target.pk, None)
                values[key] = value
            scorecard = scorecard_get_or_create(unit=unit, period=period, scheme=scheme)
            status = scorecard.get_status_display() if unit.pk in existing_ids else ""
            lock = scorecard_lock_reason(scorecard, period) or ""
            before_entries = _entries_shown(scorecard, codes)
            before_total, before_class = scorecard.published_total, scorecard.published_classification
            changed = scorecard_entries_replace(
                scorecard=scorecard,
                values=values,
                covered_group_ids=covered,
                indicator_group_ids=indicator_group_ids,
                published_total=row.total if has_total else KEEP,
                published_classification=row.classification if has_class else KEEP,
            )
            after_entries = _entries_shown(scorecard, codes)
            changes = import_changes(before_entries, after_entries, before_total, scorecard.published_total)
            if before_class != scorecard.published_classification:
                changes.append(("Xếp loại", before_class, scorecard.published_classification))
            replaced = replaced_details(before_entries, after_entries, group_of)
            if replaced:
                report.warnings.append(
                    f"Dòng {row.number} ({unit.full_name}): điểm nhóm trong tệp sẽ thay thế {len(replaced)} chỉ số "
                    f"đã nhập chi tiết ({', '.join(replaced)}); giá trị cũ vẫn còn trong lịch sử phiếu điểm."
                )
            override = ""
            if changed and lock:
                problem = lock_override_problem(
                    scorecard=scorecard,
                    user=user,
                    reason=reopen_reason,
                    row_number=row.number,
                    lock=lock,
                    command_line=user is None,
                )
                if problem:
                    lock_errors.append(problem)
                else:
                    override = reopen_reason.strip()
            if changed:
                import_audit(
                    scorecard,
                    user,
                    before_entries,
                    after_entries,
                    (before_total, before_class),
                    {**source, "actor": actor} if actor else source,
                    row.number,
                    override=override,
                    lock=lock,
                )
            report.rows.append(
                ImportedRow(
                    number=row.number,
                    unit=unit,
                    scorecard=scorecard,
                    changed=changed,
                    text=row.unit_text or row.unit_code,
                    match=how,
                    values={codes[key]: entry_display(value) for key, value in values.items()},
                    status=status,
                    lock=lock,
                    changes=changes,
                    replaced=replaced,
                )
            )
        if lock_errors:  # raised inside the transaction: every row written above is rolled back
            raise ScoresImportError(lock_errors, report.warnings, rows=report.rows)
        if report.changed_count or dry_run:
            scorecards_recompute(scheme=scheme, period=period)
        for item in report.rows:
            item.scorecard.refresh_from_db()
        if dry_run:
            transaction.set_rollback(True)
    return report


def _entries_shown(scorecard: Scorecard, codes: dict[tuple[int | None, int | None], str]) -> dict[str, str]:
    """A scorecard's entries by code, as the change log shows them."""
    return {
        codes.get((e.indicator_id, e.group_id), "?"): entry_display(e)
        for e in Entry.objects.filter(scorecard=scorecard)
    }
