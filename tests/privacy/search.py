"""Search every text-like column of every table in the public schema (independent of the code under test)."""

from __future__ import annotations

from django.db import connection

TEXT_TYPES = ("character varying", "character", "text", "json", "jsonb", "citext")


def columns() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              AND (c.data_type = ANY(%s) OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_varchar', '_text')))
            ORDER BY 1, 2
            """,
            [list(TEXT_TYPES)],
        )
        return cursor.fetchall()


def occurrences(needle: str) -> dict[str, int]:
    """{"table.column": rows} where ``needle`` appears, case-insensitively."""
    hits = {}
    with connection.cursor() as cursor:
        for table, column in columns():
            cursor.execute(
                f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ILIKE %s',  # noqa: S608
                [f"%{needle}%"],
            )
            count = cursor.fetchone()[0]
            if count:
                hits[f"{table}.{column}"] = count
    return hits
