"""A fixed-window rate limit counted in Django's cache, for the limits allauth's and DRF's do not cover.

The window starts with the first attempt under a key and lasts ``window`` seconds; every process
that shares the cache (Redis, or the database cache) counts against the same number.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from core.cache import count_in_window


def hit(*, key: str, limit: int, window: int) -> bool:
    """Count one attempt under ``key``. True while at most ``limit`` attempts fell in the window."""
    # The Redis cache counts in one round trip; any other cache with add() and incr().
    counter = getattr(cache, "count_in_window", None)
    count = counter(key, window) if counter is not None else count_in_window(cache, key, window)
    return count <= limit


def client_address(request) -> str:
    """The client's IP address to count against: ``CLIENT_IP_META`` names the request header a trusted
    proxy sets (e.g. ``HTTP_X_REAL_IP``); by default the connection's own address."""
    header = getattr(settings, "CLIENT_IP_META", "") or "REMOTE_ADDR"
    value = request.META.get(header) or request.META.get("REMOTE_ADDR") or "unknown"
    return value.split(",")[0].strip()
