"""Ranks among siblings and changes against the previous period, computed set-wise in the database.

One UPDATE ranks a whole period with RANK() over the siblings of each parent (districts' departments are
ranked apart from communes), so equal converted totals share a place (1, 2, 2, 4) and no unit-by-unit loop
runs in Python. Rows are written only when a value changes. The SQL is plain enough for both PostgreSQL
and SQLite (3.33+: UPDATE … FROM).
"""

from __future__ import annotations

from django.db import connection

from indicators.models import Scorecard
from units.constants import BODY_KINDS
from units.models import AdministrativeUnit

CARD = Scorecard._meta.db_table
UNIT = AdministrativeUnit._meta.db_table


def _differs(left: str, right: str) -> str:
    """NULL-safe "not equal" in each database's spelling."""
    operator = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    return f"{left} {operator} {right}"


def _under(path_prefix: str, unit_column: str) -> tuple[str, list[str]]:
    """SQL limiting to units strictly below `path_prefix` ("" and no parameter for the whole country)."""
    if path_prefix == "/":
        return "", []
    return f" AND {unit_column} IN (SELECT id FROM {UNIT} WHERE path LIKE %s AND path <> %s)", [
        f"{path_prefix}%",
        path_prefix,
    ]


def lock_period(*, scheme_id: int, period_id: int) -> None:
    """Serialise recomputes of one scheme and period so two runs never interleave their writes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [scheme_id, period_id])


FIGURES = [
    "computed_total",
    "total",
    "applicable_max",
    "converted_total",
    "published_gap",
    "classification_id",
    "missing_count",
]
CHANGE_COLUMNS = ["rank", "rank_of", "delta_points", "delta_rank", "previous_classification_id"]


def _temp_table(cursor, rows: list[list[object]]) -> None:
    """Load [id, *FIGURES] rows into a temporary table: COPY on PostgreSQL, one prepared INSERT elsewhere."""
    fields = [Scorecard._meta.get_field(name) for name in FIGURES]
    definitions = ", ".join(["id bigint"] + [f"{f.column} {f.db_type(connection)}" for f in fields])
    suffix = " ON COMMIT DROP" if connection.vendor == "postgresql" else ""
    cursor.execute(f"CREATE TEMPORARY TABLE fresh_figures ({definitions}){suffix}")
    columns = ", ".join(["id"] + [f.column for f in fields])
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY fresh_figures ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * (len(fields) + 1))
        cursor.executemany(f"INSERT INTO fresh_figures ({columns}) VALUES ({marks})", rows)


def period_figures_write(
    *,
    scheme_id: int,
    previous_period_id: int | None,
    rows: list[list[object]],
    recomputed_at: object,
    path_prefix: str = "/",
) -> None:
    """Write a period's figures, ranks and changes in one UPDATE, touching only rows that change.

    `rows` holds [id, *FIGURES] for every scorecard in scope. Ranks are computed over them with RANK() among
    siblings; a parent's own scorecard (when recomputing below it) keeps its rank, since its siblings are
    out of scope. Changes compare with the same unit's scorecard in the previous period.
    """
    if not rows:
        return
    assignments = ", ".join(f"{name} = x.{name}" for name in FIGURES)
    changed = " OR ".join(
        [_differs(f"{CARD}.{name}", f"x.{name}") for name in FIGURES]
        + [_differs(f"{CARD}.{name}", f"x.new_{name}") for name in CHANGE_COLUMNS]
    )
    with connection.cursor() as cursor:
        _temp_table(cursor, rows)
        cursor.execute(
            f"""
            WITH fresh AS (
                SELECT f.*, u.parent_id, u.kind, u.path, s.unit_id, s.rank AS old_rank, s.rank_of AS old_rank_of
                FROM fresh_figures f JOIN {CARD} s ON s.id = f.id JOIN {UNIT} u ON u.id = s.unit_id
            ), ranked AS (
                SELECT id,
                       RANK() OVER (PARTITION BY parent_id, kind IN (%s, %s) ORDER BY converted_total DESC) AS place,
                       COUNT(*) OVER (PARTITION BY parent_id, kind IN (%s, %s)) AS siblings
                FROM fresh WHERE converted_total IS NOT NULL AND path <> %s
            ), computed AS (
                SELECT f.id, {", ".join(f"f.{name}" for name in FIGURES)},
                       CASE WHEN f.path = %s THEN f.old_rank ELSE r.place END AS new_rank,
                       CASE WHEN f.path = %s THEN f.old_rank_of ELSE r.siblings END AS new_rank_of,
                       prev.converted_total AS prev_total, prev.rank AS prev_rank,
                       prev.classification_id AS new_previous_classification_id
                FROM fresh f
                LEFT JOIN ranked r ON r.id = f.id
                LEFT JOIN {CARD} prev ON prev.period_id = %s AND prev.unit_id = f.unit_id AND prev.scheme_id = %s
            )
            UPDATE {CARD}
            SET {assignments}, rank = x.new_rank, rank_of = x.new_rank_of,
                delta_points = ROUND(x.converted_total - x.prev_total, 2), delta_rank = x.prev_rank - x.new_rank,
                previous_classification_id = x.new_previous_classification_id, recomputed_at = %s
            FROM (SELECT c.*, ROUND(c.converted_total - c.prev_total, 2) AS new_delta_points,
                         c.prev_rank - c.new_rank AS new_delta_rank FROM computed c) x
            WHERE {CARD}.id = x.id AND ({changed})
            """,
            [
                *sorted(BODY_KINDS),  # bodies (a district's departments, a province's sở) apart from communes
                *sorted(BODY_KINDS),
                path_prefix,
                path_prefix,
                path_prefix,
                previous_period_id,
                scheme_id,
                recomputed_at,
            ],
        )
        cursor.execute("DROP TABLE fresh_figures")
