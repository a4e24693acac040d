"""The shared cache of the public pages' rendered content (the front page, the member directory, the
event list and the call page).

Only content that is the same for every visitor goes in: fragments are rendered without the request,
so they cannot hold a user, a CSRF token or messages; the layout around them (language switcher,
account links, the footer form with its CSRF token) is rendered for each request as before.

Every group of pages has a version token in the cache, stored with each entry (keyed by the group,
the language, the time zone and the page's parameters) and fetched with it in one round trip; an entry
whose token is not the current one is built again. A committed change to one of the group's models
replaces the token (``core.signals``), so the next request renders afresh in every language. An entry
also expires at the next moment its content changes by itself (an event ending, a call opening or
closing, a notice appearing or expiring) and after ``MAX_SECONDS`` at the latest, which bounds
relative times such as "closes in 3 days, 4 hours".

Only committed data is cached: inside a transaction (a service, a test) the content is built and
not stored, so nothing a rollback takes back can reach other requests.
"""

from __future__ import annotations

import logging
import math
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone, translation

MAX_SECONDS = 60
logger = logging.getLogger(__name__)


def _version_key(group: str) -> str:
    return f"public:{group}:version"


def version(group: str) -> str:
    """The group's current token: random, so a token lost from the cache never brings old entries back."""
    key = _version_key(group)
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key)
    return token


def invalidate(groups: Iterable[str]) -> None:
    groups = list(groups)
    try:
        cache.set_many({_version_key(group): uuid.uuid4().hex for group in groups}, timeout=None)
    except Exception:  # a write must not fail because of the cache; entries expire on their own
        logger.warning("The cache did not take the new versions of %s", groups, exc_info=True)


def cached(group: str, parts: tuple | None, build: Callable[[], tuple[Any, datetime | None]]) -> Any:
    """``build()``'s value, from the cache when an entry for ``group``'s current version, the
    language and ``parts`` is there.

    ``build`` returns the value and when it changes by itself (None: only when data changes).
    ``parts`` None means "do not cache this one" (e.g. a free-text search)."""
    if parts is None or connection.in_atomic_block:
        return build()[0]
    key = ":".join(
        [
            "public",
            group,
            translation.get_language() or settings.LANGUAGE_CODE,
            timezone.get_current_timezone_name(),
            *(str(part) for part in parts),
        ]
    )
    try:
        # One round trip for the group's version and the entry. The version is read before the data:
        # a change committed meanwhile replaces it, so an entry built from data older than the change
        # carries a token that is no longer current.
        found = cache.get_many([_version_key(group), key])
        token = found.get(_version_key(group)) or version(group)
    except Exception:  # the cache is an optimisation: without it the pages are built as before
        logger.warning("The cache did not answer; building %s without it", group, exc_info=True)
        return build()[0]
    entry = found.get(key)
    if entry is not None and entry[0] == token:
        return entry[1]
    value, changes_at = build()
    seconds = MAX_SECONDS
    if changes_at is not None:
        # Rounded down, so an entry never outlives the change; under a second to go, not stored.
        seconds = min(seconds, math.floor((changes_at - timezone.now()).total_seconds()))
    if seconds > 0:
        try:
            cache.set(key, (token, value), seconds)
        except Exception:
            logger.warning("The cache did not store %s", group, exc_info=True)
    return value


def earliest(*moments: datetime | None) -> datetime | None:
    """The first of the moments given, ignoring None."""
    return min((moment for moment in moments if moment is not None), default=None)
