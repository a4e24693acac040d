"""ETag and Last-Modified of the API's responses, and the answers to conditional requests.

The ETag is a hash of the rendered body, so it changes exactly when what a client would receive
changes (whatever the reason: an edit, a publication, an event ending). Last-Modified is the time this
address (with its language and format) first answered with that body: it is kept in the cache with the
ETag, and a body that differs from the one stored there gets the current time. A lost cache entry only
makes Last-Modified later, never earlier, so a client never keeps stale data because of it.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag

logger = logging.getLogger(__name__)

#: How long the time of a representation is remembered (seconds).
REMEMBER_SECONDS = 7 * 24 * 3600


def etag_of(content: bytes) -> str:
    return quote_etag(hashlib.sha256(content).hexdigest()[:40])


def _key(request, media_type: str, language: str) -> str:
    identity = "\n".join([request.get_full_path(), media_type, language])
    return "opendata:lm:" + hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()


def representation_time(request, *, etag: str, media_type: str, language: str) -> datetime:
    """When this address first answered with the body of ``etag`` (whole seconds, as HTTP dates)."""
    now = timezone.now().replace(microsecond=0)
    key = _key(request, media_type, language)
    try:
        stored = cache.get(key)
        if stored is not None and stored[0] == etag:
            return stored[1]
        if stored is not None and stored[1] >= now:
            # Changed twice within a second: the new body must still be later than the old one.
            now = stored[1] + timedelta(seconds=1)
        cache.set(key, (etag, now), REMEMBER_SECONDS)
    except Exception:  # the cache is an optimisation: without it every body is "new"
        logger.warning("The cache did not answer; Last-Modified is the current time", exc_info=True)
    return now


def conditional(request, response, *, media_type: str, language: str):
    """Add ETag, Last-Modified and caching headers to a rendered successful response, and answer
    304 Not Modified when the client's copy (If-None-Match / If-Modified-Since) is current."""
    etag = etag_of(response.content)
    modified = representation_time(request, etag=etag, media_type=media_type, language=language)
    timestamp = calendar.timegm(modified.utctimetuple())
    response["ETag"] = etag
    response["Last-Modified"] = http_date(timestamp)
    patch_vary_headers(response, ("Accept", "Accept-Language"))
    patch_cache_control(response, public=True, max_age=getattr(settings, "OPENDATA_MAX_AGE", 60))
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)
