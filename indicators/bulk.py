"""Many rows into the database at once: the one temporary-table loader the recompute writes through.

A period's figures are tens of thousands of rows; feeding them to one set-wise UPDATE or upsert through a
temporary table is what keeps a national recompute around a second. PostgreSQL loads the table with COPY, the
fastest way in; SQLite (development, tests) with one prepared INSERT.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models


def model_columns(model: type[models.Model], names: Sequence[str]) -> list[tuple[str, str]]:
    """(column, SQL type) of a model's fields in this database, so a temporary table matches the real one."""
    fields = [model._meta.get_field(name) for name in names]
    return [(field.column, field.db_type(connection)) for field in fields]


@contextmanager
def temp_table(
    cursor: Any,
    *,
    name: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[Any]],
    analyze: bool = False,
) -> Iterator[str]:
    """A temporary table `name` holding `rows` (in the order of `columns`) for the block, dropped after it.

    `analyze`: PostgreSQL guesses the size of a fresh temporary table; a few milliseconds of ANALYZE give the
    planner the real one, and index lookups instead of scans when the table is joined to large ones."""
    definitions = ", ".join(f"{column} {sql_type}" for column, sql_type in columns)
    names = ", ".join(column for column, _sql_type in columns)
    postgres = connection.vendor == "postgresql"
    cursor.execute(f"CREATE TEMPORARY TABLE {name} ({definitions}){' ON COMMIT DROP' if postgres else ''}")
    if postgres:
        with cursor.cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        if analyze:
            cursor.execute(f"ANALYZE {name}")
    else:
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {name} ({names}) VALUES ({marks})", [list(row) for row in rows])
    try:
        yield name
    finally:
        cursor.execute(f"DROP TABLE {name}")
