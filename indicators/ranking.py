"""Ranks among siblings and changes against the previous period, computed set-wise in the database.

One UPDATE ranks a whole period with RANK() over the siblings of each parent (districts' departments are
ranked apart from communes), so equal converted totals share a place (1, 2, 2, 4) and no unit-by-unit loop
runs in Python. The SQL is plain enough for both PostgreSQL and SQLite (3.33+: UPDATE … FROM).
"""

from __future__ import annotations

from django.db import connection

from indicators.models import Period, Scorecard
from units.constants import UnitKind
from units.models import AdministrativeUnit

CARD = Scorecard._meta.db_table
UNIT = AdministrativeUnit._meta.db_table
PERIOD = Period._meta.db_table


def lock_period(*, scheme_id: int, period_id: int) -> None:
    """Serialise recomputes of one scheme and period so two runs never interleave their writes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [scheme_id, period_id])


def ranks_update(*, scheme_id: int, period_id: int, path_prefix: str = "/") -> None:
    """Rank every scorecard of the period under `path_prefix` among the siblings sharing its parent."""
    scope = f"FROM {CARD} s JOIN {UNIT} u ON u.id = s.unit_id WHERE s.scheme_id = %s AND s.period_id = %s"
    params = [scheme_id, period_id, f"{path_prefix}%"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {CARD} SET rank = NULL, rank_of = NULL WHERE id IN "
            f"(SELECT s.id {scope} AND u.path LIKE %s AND s.converted_total IS NULL)",
            params,
        )
        cursor.execute(
            f"""
            UPDATE {CARD} SET rank = r.place, rank_of = r.siblings
            FROM (
                SELECT s.id AS card_id,
                       RANK() OVER (PARTITION BY u.parent_id, u.kind = %s ORDER BY s.converted_total DESC) AS place,
                       COUNT(*) OVER (PARTITION BY u.parent_id, u.kind = %s) AS siblings
                {scope} AND u.path LIKE %s AND s.converted_total IS NOT NULL
            ) r
            WHERE {CARD}.id = r.card_id
            """,
            [UnitKind.DEPARTMENT, UnitKind.DEPARTMENT, *params],
        )


def deltas_update(*, scheme_id: int, period_ids: list[int], path_prefix: str = "/") -> None:
    """Change in points, places and class of each scorecard against the same unit's previous period."""
    if not period_ids:
        return
    marks = ", ".join(["%s"] * len(period_ids))
    in_scope = f"scheme_id = %s AND period_id IN ({marks}) AND unit_id IN (SELECT id FROM {UNIT} WHERE path LIKE %s)"
    params = [scheme_id, *period_ids, f"{path_prefix}%"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {CARD} SET delta_points = NULL, delta_rank = NULL, previous_classification_id = NULL "
            f"WHERE {in_scope}",
            params,
        )
        cursor.execute(
            f"""
            UPDATE {CARD}
            SET delta_points = ROUND(cur.converted_total - prev.converted_total, 2),
                delta_rank = prev.rank - cur.rank,
                previous_classification_id = prev.classification_id
            FROM {CARD} cur
            JOIN {PERIOD} p ON p.id = cur.period_id
            JOIN {CARD} prev ON prev.period_id = p.previous_id AND prev.unit_id = cur.unit_id
                             AND prev.scheme_id = cur.scheme_id
            WHERE {CARD}.id = cur.id AND cur.id IN (SELECT id FROM {CARD} WHERE {in_scope})
            """,
            params,
        )
