"""Ranks among siblings and changes against the previous period, computed set-wise in the database.

One UPDATE ranks a whole period with RANK() over the siblings of each parent in two cohorts (a district's
departments and a province's sở, ban, ngành are ranked apart from the communes, `units.constants.BODY_KINDS`),
so equal converted totals share a place (1, 2, 2, 4) and no unit-by-unit loop runs in Python. Rows are written
only when a value changes. The SQL is plain enough for both PostgreSQL and SQLite (3.33+: UPDATE … FROM).
"""

from __future__ import annotations

from django.db import connection

from indicators.bulk import model_columns, temp_table
from indicators.constants import ScorecardStatus
from indicators.models import SCORECARD_CHANGE_FIELDS, SCORECARD_SCORE_FIELDS, Scorecard
from units.constants import BODY_KINDS
from units.models import AdministrativeUnit

# Districts' departments and provinces' sở, ban, ngành form their own cohort beside the communes.
BODY_LIST = sorted(BODY_KINDS)
CARD = Scorecard._meta.db_table
UNIT = AdministrativeUnit._meta.db_table


def _differs(left: str, right: str) -> str:
    """NULL-safe "not equal" in each database's spelling."""
    operator = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    return f"{left} {operator} {right}"


def lock_period(*, scheme_id: int, period_id: int) -> None:
    """Serialise recomputes of one scheme and period so two runs never interleave their writes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [scheme_id, period_id])


# Column names of the figures scoring writes (in the order of each row's values after its id) and of the ranks
# and changes computed here: the model's one list, never a copy of it.
FIGURES = [Scorecard._meta.get_field(name).column for name in SCORECARD_SCORE_FIELDS]
CHANGE_COLUMNS = [Scorecard._meta.get_field(name).column for name in SCORECARD_CHANGE_FIELDS]

# Each row handed to period_figures_write: [id, *FIGURES, *CONTEXT]. The context comes from the scorecard the
# caller has just read, so the statement never joins the temporary table back to the scorecard table (a join
# PostgreSQL could only plan as a scan of every scorecard of every period).
CONTEXT = ["unit_id", "rank", "rank_of", "status"]
CONTEXT_COLUMNS = [
    ("unit_id", "bigint"),
    ("old_rank", "integer"),
    ("old_rank_of", "integer"),
    ("status", "varchar(10)"),
]


def period_figures_write(
    *,
    scheme_id: int,
    previous_period_id: int | None,
    rows: list[list[object]],
    recomputed_at: object,
    path_prefix: str = "/",
    period_id: int | None = None,
    final_only: bool = False,
) -> None:
    """Write a period's figures, ranks and changes in one UPDATE, touching only rows that change.

    `rows` holds [id, *FIGURES, *CONTEXT] for every scorecard in scope. Ranks are computed over them with RANK() among
    siblings; a parent's own scorecard (when recomputing below it) keeps its rank, since its siblings are
    out of scope. Changes compare with the same unit's scorecard in the previous period. `period_id`, the period
    the rows belong to, lets PostgreSQL reach them through the (scheme, period) index instead of scanning every
    scorecard of every period to join them.
    With `final_only` (the
    scheme's setting) only submitted and approved scorecards take a place; the others get no rank.
    """
    if not rows:
        return
    bodies = ", ".join(["%s"] * len(BODY_LIST))
    assignments = ", ".join(f"{name} = x.{name}" for name in FIGURES)
    changed = " OR ".join(
        [_differs(f"{CARD}.{name}", f"x.{name}") for name in FIGURES]
        + [_differs(f"{CARD}.{name}", f"x.new_{name}") for name in CHANGE_COLUMNS]
    )
    scoped = [] if period_id is None else [scheme_id, period_id]

    def scope(table: str) -> str:
        return "" if period_id is None else f" AND {table}.scheme_id = %s AND {table}.period_id = %s"

    columns = [("id", "bigint"), *model_columns(Scorecard, SCORECARD_SCORE_FIELDS), *CONTEXT_COLUMNS]
    with (
        connection.cursor() as cursor,
        temp_table(cursor, name="fresh_figures", columns=columns, rows=rows, analyze=True),
    ):
        cursor.execute(
            f"""
            WITH fresh AS (
                SELECT f.*, u.parent_id, u.kind, u.path FROM fresh_figures f JOIN {UNIT} u ON u.id = f.unit_id
            ), ranked AS (
                SELECT id,
                       RANK() OVER (PARTITION BY parent_id, kind IN ({bodies}) ORDER BY converted_total DESC) AS place,
                       COUNT(*) OVER (PARTITION BY parent_id, kind IN ({bodies})) AS siblings
                FROM fresh WHERE converted_total IS NOT NULL AND path <> %s
                  AND (%s OR status IN (%s, %s))
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
            WHERE {CARD}.id = x.id{scope(CARD)} AND ({changed})
            """,
            [
                *BODY_LIST,
                *BODY_LIST,
                path_prefix,
                not final_only,
                ScorecardStatus.SUBMITTED,
                ScorecardStatus.APPROVED,
                path_prefix,
                path_prefix,
                previous_period_id,
                scheme_id,
                recomputed_at,
                *scoped,
            ],
        )
