"""Writes of the search documents. They are derived data (rebuilt at will from the apps' public
objects), so they carry no audit entries; the apps' own services audit the changes behind them."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Collection
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from core.search import Document, Provider, fold
from search.models import SearchDocument

logger = logging.getLogger(__name__)

MODULE = "searchable"
#: The text search configuration of each site language (PostgreSQL's Snowball stemmers).
CONFIGURATIONS = {"fi": "finnish", "sv": "swedish", "en": "english"}
WEIGHTS = {"title": "A", "summary": "B", "body": "C"}
_FOLD_FROM, _FOLD_TO = "äöåÄÖÅéÉüÜ", fold("äöåÄÖÅéÉüÜ")
TEXT_FIELDS = [f"{part}_{code}" for part in WEIGHTS for code, _name in settings.LANGUAGES]


@cache
def providers() -> dict[str, Provider]:
    """Every kind and its documents' source, from each installed app's ``searchable`` module."""
    found: dict[str, Provider] = {}
    for app_config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{app_config.name}.{MODULE}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_config.name}.{MODULE}":
                raise
            continue
        found.update(module.KINDS)
    return found


def _folded(column: str) -> str:
    # The text once more without its diacritics, only where that differs (ranking stays even).
    folded = f"translate({column}, '{_FOLD_FROM}', '{_FOLD_TO}')"
    return f"(CASE WHEN {folded} <> {column} THEN {folded} ELSE '' END)"


def _vector_sql() -> str:
    parts = []
    for part, weight in WEIGHTS.items():
        for code, config in CONFIGURATIONS.items():
            column = f"{part}_{code}"
            parts.append(
                f"setweight(to_tsvector('{config}', {column} || ' ' || {_folded(column)}), '{weight}')"
            )
    return " || ".join(parts)


# Built from constants only; the row ids are a parameter.
UPDATE_VECTORS = f"UPDATE {SearchDocument._meta.db_table} SET document = {_vector_sql()} WHERE id = ANY(%s)"  # noqa: S608


def _row(document: Document) -> SearchDocument:
    texts = {}
    for part in WEIGHTS:
        values = getattr(document, part)
        for code, _name in settings.LANGUAGES:
            texts[f"{part}_{code}"] = (values.get(code) or "").strip()
    for code, _name in settings.LANGUAGES:
        texts[f"title_{code}"] = texts[f"title_{code}"][:300]
    return SearchDocument(
        kind=document.kind,
        object_id=document.object_id,
        url_name=document.url_name,
        url_kwargs=document.url_kwargs,
        visible_from=document.visible_from,
        visible_until=document.visible_until,
        date=document.date,
        **texts,
    )


@transaction.atomic
def documents_refresh(*, kind: str, ids: Collection[int] | None = None) -> int:
    """Bring the documents of ``kind`` (of the objects ``ids``, or all) in line with what the public
    may see: new and changed objects get their document, hidden and deleted ones lose it."""
    documents = list(providers()[kind](None if ids is None else list(ids)))
    stale = SearchDocument.objects.filter(kind=kind)
    if ids is not None:
        stale = stale.filter(object_id__in=list(ids))
    stale.exclude(object_id__in=[document.object_id for document in documents]).delete()
    if not documents:
        return 0
    rows = SearchDocument.objects.bulk_create(
        [_row(document) for document in documents],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=[
            "url_name",
            "url_kwargs",
            "visible_from",
            "visible_until",
            "date",
            "updated_at",
            *TEXT_FIELDS,
        ],
    )
    with connection.cursor() as cursor:
        cursor.execute(UPDATE_VECTORS, [[row.pk for row in rows]])
    return len(rows)


def index_rebuild(*, using: str = "default") -> dict[str, int]:
    """Every kind's documents from scratch (after migrate, after seeding, nightly). Kinds whose app
    cannot be read yet (a partial migration) are skipped with a warning and rebuilt next time."""
    counts: dict[str, int] = {}
    if SearchDocument._meta.db_table not in connection.introspection.table_names():
        return counts
    SearchDocument.objects.exclude(kind__in=list(providers())).delete()
    for kind in providers():
        try:
            counts[kind] = documents_refresh(kind=kind)
        except DatabaseError:
            logger.warning("Search documents of %s not rebuilt", kind, exc_info=True)
    return counts


def refresh_later(kind: str, ids: list[int]) -> None:
    """core.search's hook, run after the commit: the refresh goes to the worker."""
    from search.tasks import documents_refresh_task

    documents_refresh_task.delay(kind, ids)
