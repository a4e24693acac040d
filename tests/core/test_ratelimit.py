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
