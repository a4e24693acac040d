"""Rendered list bodies kept in the shared cache, valid exactly as long as the rows they show.

A list's body is the same for every client that asks for the same address in the same language and
format, and changes only when the rows it shows do. The cache key therefore holds a fingerprint
that PostgreSQL computes over every column of the list's rows (after filtering, before paging) and of
the small related tables the serializer reads: an edit, a publication, a deletion or a row that
leaves the filter over time changes the fingerprint at once, so the API never answers from a stale
body, and the ETag (a hash of the body) and 304 answers stay as they were.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpResponse

logger = logging.getLogger(__name__)

#: Bounds the memory a body takes in the cache; its key changes anyway with the data.
KEEP_SECONDS = 3600


def fingerprint(queryset: QuerySet, related: Sequence[str] = ()) -> str:
    """One query: a hash of the rows of ``queryset`` and of every row of the tables its ``related``
    foreign keys point to."""
    table = queryset.model._meta.db_table
    inner, params = queryset.order_by().values("pk").query.sql_with_params()
    parts = [
        f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM {table} t "  # noqa: S608
        f"WHERE t.id IN ({inner}))"
    ]
    for name in related:
        model = queryset.model._meta.get_field(name).related_model
        parts.append(
            f"(SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r.id), '')) "  # noqa: S608
            f"FROM {model._meta.db_table} r)"
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + " || ".join(parts), params)
        return cursor.fetchone()[0]


def body_key(*, path: str, media_type: str, language: str, rows: str) -> str:
    identity = "\n".join([path, media_type, language, rows])
    return "opendata:body:" + hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()


def body_get(key: str) -> HttpResponse | None:
    try:
        stored = cache.get(key)
    except Exception:  # the cache is an optimisation
        logger.warning("The cache did not answer; the list is rendered", exc_info=True)
        return None
    if stored is None:
        return None
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def body_set(key: str, response) -> None:
    try:
        cache.set(key, (response.content, list(response.items())), KEEP_SECONDS)
    except Exception:
        logger.warning("The cache did not answer; the list is not kept", exc_info=True)
