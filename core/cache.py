"""Redis as the shared cache, with the database cache standing in while Redis cannot be reached.

Everything that counts in the cache — allauth's sign-in, sign-up and password-reset limits, the open
data API's throttle, ``core.ratelimit`` — keeps counting when Redis is down, in the database every
web process already depends on, instead of failing with a 500 (or failing open, which would let
whoever can knock Redis over guess passwords without a limit). The public pages' cache goes there
too for the time being; its entries live at most a minute, so what was cached during an outage
does not linger after it.

After a failure this process leaves Redis alone for ``RETRY_AFTER`` seconds (one warning in the
log per outage, not one per request), so a dead Redis costs each request nothing but a database
round trip. Settings: ``OPTIONS = {"FALLBACK": "<alias of a DatabaseCache>", "RETRY_AFTER": 10}``
next to the Redis connection options (keep their timeouts short).
"""

from __future__ import annotations

import logging
import threading
import time

import redis
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

# What an unreachable or stalling Redis raises (redis-py wraps socket errors, but not all of them).
UNREACHABLE = (redis.ConnectionError, redis.TimeoutError, OSError)


def count_in_window(cache, key: str, window: int) -> int:
    """Count one hit under ``key`` in a fixed window of ``window`` seconds that starts with the first
    hit; the count so far. With any cache: ``add`` starts the window, ``incr`` counts on."""
    # add() is atomic: of two first attempts only one starts the window, the other counts on.
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the window ran out between add() and incr(): this attempt opens the next
        cache.add(key, 1, timeout=window)
        return 1


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django builds a new ``redis.Redis`` (with its table of some 200 response callbacks) for every
    cache operation; one per connection pool does: a client is thread-safe, its pool lends the
    connections. About a tenth of a millisecond of CPU per operation, several per request."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, redis.Redis] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients.setdefault(index, super().get_client(key, write=write))
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self._fallback_alias = options.pop("FALLBACK", "fallback")
        self._retry_after = float(options.pop("RETRY_AFTER", 10))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def fallback(self):
        return caches[self._fallback_alias]

    @property
    def redis_down(self) -> bool:
        """True while this process is leaving Redis alone after a failure."""
        return time.monotonic() < self._down_until

    def _went_down(self, exc: Exception) -> None:
        with self._lock:
            first = not self.redis_down
            self._down_until = time.monotonic() + self._retry_after
        if first:
            logger.warning(
                "The Redis cache did not answer (%s); using the database cache for %s s",
                exc,
                self._retry_after,
            )

    def _call(self, name: str, *args, **kwargs):
        if not self.redis_down:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except UNREACHABLE as exc:
                self._went_down(exc)
        return getattr(self.fallback, name)(*args, **kwargs)

    def count_in_window(self, key: str, window: int) -> int:
        """:func:`count_in_window` in one round trip (SET NX EX and INCR in one MULTI) instead of
        add() and incr()'s two or three; in the database cache while Redis is down."""
        if not self.redis_down:
            try:
                name = self.make_and_validate_key(key)
                pipeline = self._cache.get_client(name, write=True).pipeline(transaction=True)
                pipeline.set(name, 0, ex=window, nx=True)
                pipeline.incr(name)
                return int(pipeline.execute()[1])
            except UNREACHABLE as exc:
                self._went_down(exc)
        return count_in_window(self.fallback, key, window)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta=delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def clear(self):
        return self._call("clear")

    def ping(self) -> str:
        """ "ok", or "fallback" when Redis does not answer and the database cache stands in."""
        try:
            self._cache.get_client(write=True).ping()
        except UNREACHABLE:
            return "fallback"
        return "ok"
