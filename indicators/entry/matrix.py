"""The review matrix for a province with 100–170 children: rows grouped by cohort, filtered and searched.

Since 1/7/2025 a province's staff review its communes and its sở, ban, ngành directly, so one matrix can hold
170 rows; the cohorts are shown apart (as they are ranked apart), and staff narrow the rows by cohort, by the
latest period's status ("chờ duyệt", "chưa nộp") or by name (with or without diacritics).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from indicators.constants import ScorecardStatus
from units.constants import COHORT_BODIES, COHORT_UNITS, cohort_label, cohort_of
from units.matching import fold

SUBMITTED_OR_APPROVED = (ScorecardStatus.SUBMITTED, ScorecardStatus.APPROVED)
# ?nhom= values, as a person would type them in a link.
COHORT_PARAMS = {"xa": COHORT_UNITS, "co-quan": COHORT_BODIES}
STATUS_CHOICES = [
    ("cho-duyet", "Có phiếu chờ duyệt"),
    ("qua-han", "Quá hạn chưa nộp"),
]


@dataclass
class MatrixSection:
    """One cohort's rows and, per column, how many of them have submitted."""

    label: str
    rows: list[dict[str, Any]]
    submitted: list[int]


def _status_matches(cells: list[Any], periods: list[Any], wanted: str, today: date) -> bool:
    """Whether a row needs the action the status filter asks for, in any period the matrix shows."""
    if wanted == "cho-duyet":
        return any(card is not None and card.status == ScorecardStatus.SUBMITTED for card in cells)
    if wanted == "qua-han":
        return any(
            (card is None or card.status not in SUBMITTED_OR_APPROVED)
            and period.entry_deadline is not None
            and period.entry_deadline < today
            for card, period in zip(cells, periods, strict=True)
        )
    return True


def matrix_rows_filter(
    rows: list[dict[str, Any]],
    *,
    periods: list[Any],
    today: date,
    query: str = "",
    cohort: str = "",
    status: str = "",
) -> list[dict[str, Any]]:
    """Rows whose unit name or code matches `query` (case and diacritics ignored), of the cohort, needing the
    status filter's action (a scorecard waiting for review, a deadline passed unsubmitted); empty: no filter."""
    wanted = fold(query.strip())
    kept = []
    for row in rows:
        unit = row["unit"]
        if wanted and wanted not in fold(unit.full_name) and wanted != unit.code:
            continue
        if cohort in COHORT_PARAMS and cohort_of(unit.kind) != COHORT_PARAMS[cohort]:
            continue
        if status and not _status_matches(row["cells"], periods, status, today):
            continue
        kept.append(row)
    return kept


def matrix_sections(rows: list[dict[str, Any]], *, columns: int) -> list[MatrixSection]:
    """Rows split by cohort (communes first), each with its own "x/y đã nộp" per column."""
    sections = []
    for cohort in (COHORT_UNITS, COHORT_BODIES):
        members = [row for row in rows if cohort_of(row["unit"].kind) == cohort]
        if not members:
            continue
        unit = members[0]["unit"]
        submitted = [
            sum(1 for row in members if row["cells"][i] is not None and row["cells"][i].status in SUBMITTED_OR_APPROVED)
            for i in range(columns)
        ]
        label = cohort_label(kind=unit.kind, edition=unit.edition)
        sections.append(MatrixSection(label=label[:1].upper() + label[1:], rows=members, submitted=submitted))
    return sections
