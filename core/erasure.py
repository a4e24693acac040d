"""Helpers shared by every app's ``personal_data`` module (the protocol privacy.services runs).

An app that stores personal data provides ``<app>/personal_data.py`` with::

    def export(*, email: str, user) -> dict        # JSON-serialisable
    def erase(*, email: str, user, actor) -> int   # rows changed; aggregates stay right

This module gives them the common pieces: ISO dates for the export, and a scrub that replaces an
address wherever it still appears in a model's text columns (char, text, email, slug, JSON).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db import connection, models

#: What an erased address is replaced with inside free text and JSON.
ERASED = "[erased]"
#: Characters that may surround an address without being part of it. An address is replaced only
#: where it stands on its own: erasing a@b.fi must not touch xa@b.fi or a@b.fi.example.
_BEFORE = r"(?<![A-Za-z0-9._%+-])"
_AFTER = r"(?![A-Za-z0-9-]|\.[A-Za-z0-9])"
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def erased_address(pk: Any, kind: str = "erased") -> str:
    """A unique, undeliverable stand-in for an address column that must stay unique or non-empty
    (``.invalid`` is reserved by RFC 2606 and never resolves)."""
    return f"{kind}-{pk}@erased.invalid"


def _escape_for_postgres(email: str) -> str:
    # PostgreSQL's regular expressions read "\x" before any non-alphanumeric x as x itself.
    return "".join(ch if ch.isalnum() else "\\" + ch for ch in email)


def address_pattern(email: str) -> re.Pattern:
    return re.compile(_BEFORE + re.escape(email) + _AFTER, re.IGNORECASE)


def replace_in_value(value: Any, pattern: re.Pattern, marker: str = ERASED) -> Any:
    """``value`` (a JSON value) with every occurrence replaced, keys included."""
    if isinstance(value, str):
        return pattern.sub(marker, value)
    if isinstance(value, list):
        return [replace_in_value(item, pattern, marker) for item in value]
    if isinstance(value, dict):
        return {
            replace_in_value(key, pattern, marker): replace_in_value(item, pattern, marker)
            for key, item in value.items()
        }
    return value


def _structured(field: models.Field) -> bool:
    return isinstance(field, (models.JSONField, ArrayField))


def _text_like(field: models.Field) -> bool:
    if isinstance(field, ArrayField):
        return _text_like(field.base_field)
    return isinstance(field, TEXT_FIELDS)


def text_fields(model: type[models.Model]) -> list[models.Field]:
    """The model's own concrete text-like columns (char, text, email, slug, URL, JSON, text arrays)."""
    return [
        field
        for field in model._meta.concrete_fields
        if _text_like(field) and field.model is model and not field.primary_key
    ]


def scrub_model(model: type[models.Model], email: str, *, marker: str = ERASED) -> int:
    """Replace ``email`` in every text column of ``model`` (values changed, row × column). Queryset
    updates, no ``save()``: this is the last step of an erasure, after the app's own changes."""
    if not email:
        return 0
    changed = 0
    like = f"%{_like_escape(email)}%"
    regex = _BEFORE + _escape_for_postgres(email) + _AFTER
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    pattern = address_pattern(email)
    for field in text_fields(model):
        column = connection.ops.quote_name(field.column)
        if _structured(field):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {pk} FROM {table} WHERE {column}::text ILIKE %s",  # noqa: S608
                    [like],
                )
                ids = [row[0] for row in cursor.fetchall()]
            for row_pk, value in model._base_manager.filter(pk__in=ids).values_list("pk", field.attname):
                new_value = replace_in_value(value, pattern, marker)
                if new_value != value:
                    model._base_manager.filter(pk=row_pk).update(**{field.attname: new_value})
                    changed += 1
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {column} = regexp_replace({column}, %s, %s, 'gi') "  # noqa: S608
                f"WHERE {column} ILIKE %s AND {column} ~* %s",
                [regex, marker, like, regex],
            )
            changed += cursor.rowcount
    return changed


def scrub_models(models_: Iterable[type[models.Model]], email: str) -> int:
    return sum(scrub_model(model, email) for model in models_)


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def count_occurrences(model: type[models.Model], email: str) -> int:
    """Rows of ``model`` where ``email`` still appears in some text column (case-insensitive)."""
    fields = text_fields(model)
    if not email or not fields:
        return 0
    table = connection.ops.quote_name(model._meta.db_table)
    conditions = " OR ".join(f"{connection.ops.quote_name(f.column)}::text ILIKE %s" for f in fields)
    like = f"%{_like_escape(email)}%"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {table} WHERE {conditions}",  # noqa: S608
            [like] * len(fields),
        )
        return cursor.fetchone()[0]


def scrub_phrase(
    model: type[models.Model], phrase: str, fields: Iterable[str], *, marker: str = ERASED
) -> int:
    """Replace ``phrase`` (e.g. a person's full name) as a whole word sequence, case-insensitively, in
    the given text columns of ``model``; values changed (row × column)."""
    phrase = " ".join(phrase.split())
    if not phrase:
        return 0
    table = connection.ops.quote_name(model._meta.db_table)
    # \m and \M: PostgreSQL's start and end of a word; any run of spaces between the names matches.
    regex = r"\m" + r"\s+".join(_escape_for_postgres(part) for part in phrase.split(" ")) + r"\M"
    changed = 0
    for name in fields:
        column = connection.ops.quote_name(model._meta.get_field(name).column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {column} = regexp_replace({column}, %s, %s, 'gi') "  # noqa: S608
                f"WHERE {column} ~* %s",
                [regex, marker, regex],
            )
            changed += cursor.rowcount
    return changed
