"""The one fixed-window rate limit in the cache."""

import time
import uuid

import pytest
from django.core.cache import cache

from core import ratelimit


@pytest.fixture
def key():
    # Test processes may share a cache: a key of its own keeps each test's count apart.
    key = f"test:rl:{uuid.uuid4().hex}"
    yield key
    cache.delete(key)


def test_allows_up_to_the_limit_then_refuses(key):
    assert [ratelimit.hit(key=key, limit=3, window=60) for _ in range(5)] == [True, True, True, False, False]


def test_counts_each_key_on_its_own(key):
    other = f"{key}:other"
    assert ratelimit.hit(key=key, limit=1, window=60)
    assert not ratelimit.hit(key=key, limit=1, window=60)
    assert ratelimit.hit(key=other, limit=1, window=60)
    cache.delete(other)


def test_a_new_window_starts_when_the_first_attempts_window_has_run_out(key):
    assert ratelimit.hit(key=key, limit=1, window=1)
    assert not ratelimit.hit(key=key, limit=1, window=1)
    time.sleep(1.2)
    assert ratelimit.hit(key=key, limit=1, window=1)


def test_a_window_running_out_between_add_and_incr_starts_a_new_one(key, monkeypatch):
    assert ratelimit.hit(key=key, limit=1, window=60)

    def expired(name, delta=1, version=None):
        cache.delete(name)
        raise ValueError(name)

    monkeypatch.setattr(cache, "incr", expired)
    assert ratelimit.hit(key=key, limit=1, window=60)
    monkeypatch.undo()
    assert cache.get(key) == 1


def test_redis_counts_in_one_round_trip_with_the_same_window(settings):
    """The production cache counts with one MULTI (SET NX EX, INCR): the same counts and the same
    fixed window as add() and incr(), one round trip per attempt, one client object for all."""
    import os

    from django.core.cache import caches

    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("no REDIS_URL")
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"rl-{uuid.uuid4().hex}",
            "OPTIONS": {"FALLBACK": "fallback"},
        },
        "fallback": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl-fallback"},
    }
    redis_cache = caches["default"]
    commands = []
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client(write=True) is client
    real = client.connection_pool.get_connection

    def counted(*args, **kwargs):
        commands.append(args)
        return real(*args, **kwargs)

    client.connection_pool.get_connection = counted
    try:
        assert [ratelimit.hit(key="k", limit=2, window=1) for _ in range(3)] == [True, True, False]
        assert len(commands) == 3
        assert redis_cache.get("k") == 3
        assert 0 < client.ttl(redis_cache.make_key("k")) <= 1
        time.sleep(1.2)
        assert ratelimit.hit(key="k", limit=2, window=1)
    finally:
        client.connection_pool.get_connection = real
        redis_cache.delete("k")
