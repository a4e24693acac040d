"""Fixtures for the outbox tests: short timings, a worker that mails the loopback sink, a broker switch."""

from __future__ import annotations

import time

import pytest

#: Retry delays, re-queue and claim timeouts in seconds, for the test process and the workers.
FAST_RETRY_DELAYS = [1, 1, 2]
FAST_ENV = {
    "OUTBOX_RETRY_DELAYS": ",".join(str(d) for d in FAST_RETRY_DELAYS),
    "OUTBOX_REQUEUE_AFTER": "0",
    "OUTBOX_INFLIGHT_TIMEOUT": "2",
}


@pytest.fixture
def fast_outbox(settings):
    settings.OUTBOX_RETRY_DELAYS = list(FAST_RETRY_DELAYS)
    settings.OUTBOX_REQUEUE_AFTER = 0
    settings.OUTBOX_INFLIGHT_TIMEOUT = 2
    return settings


@pytest.fixture
def outbox_worker_env(smtp):
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": smtp.host,
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "",
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_TIMEOUT": "10",
        **FAST_ENV,
    }


@pytest.fixture
def outbox_worker(celery_worker_factory, outbox_worker_env, fast_outbox):
    return celery_worker_factory(outbox_worker_env)


def _reset_broker_pools(app) -> None:
    # Forget the cached pools (kombu keeps one per URL globally; closing them would break
    # their later reuse), so the next publish connects to the current broker_url.
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_at():
    """Point this test process's Celery app at another broker URL (e.g. a closed port)."""
    from ecosystem.celery import app

    original = app.conf.broker_url

    def point(url: str) -> None:
        app.conf.broker_url = url
        _reset_broker_pools(app)

    yield point
    point(original)


def wait_until(predicate, timeout: float = 20.0, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met in {timeout} s")
