"""Redis dies mid-run: sign-in, password reset, sign-up, the newsletter and the API keep answering.

The portal runs against a redis-server of this test's own (the shared one must not be killed), with
the production cache settings pointed at it; the rate limits count on in the database cache.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from outbox.models import OutgoingMail as Message
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def own_redis():
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield process, f"redis://127.0.0.1:{port}/0"
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.fixture
def production_cache(own_redis, settings):
    """The cache settings of production (ecosystem/settings.py with REDIS_URL), on our own Redis."""
    process, url = own_redis
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "outage",
            "OPTIONS": {
                "FALLBACK": "fallback",
                "RETRY_AFTER": 10,
                "socket_connect_timeout": 0.5,
                "socket_timeout": 1,
            },
        },
        "fallback": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "ecosystem_cache"},
    }
    call_command("createcachetable", verbosity=0)
    return process


def drive(client: Client, round_: int, user) -> dict[str, int]:
    """One request to each endpoint the outage broke; endpoint → status."""
    answers = {}
    answers["POST /fi/accounts/login/"] = client.post(
        "/fi/accounts/login/", {"login": user.email, "password": PASSWORD}
    ).status_code
    client.logout()
    answers["POST /fi/accounts/password/reset/"] = client.post(
        "/fi/accounts/password/reset/", {"email": user.email}
    ).status_code
    answers["POST /fi/accounts/signup/"] = client.post(
        "/fi/accounts/signup/",
        {"email": f"uusi{round_}@example.fi", "password1": PASSWORD, "password2": PASSWORD},
    ).status_code
    answers["POST /fi/newsletter/"] = client.post(
        "/fi/newsletter/",
        {
            "email": f"tilaaja{round_}@example.fi",
            "language": "fi",
            "consent": "on",
            "website": "",
            "form": "page",
        },
    ).status_code
    answers["GET /api/v1/members/"] = client.get("/api/v1/members/").status_code
    ready = client.get("/readyz/")
    answers["GET /readyz/"] = ready.status_code
    answers["readyz cache"] = json.loads(ready.content)["cache"]
    return answers


def test_sign_in_signup_reset_newsletter_and_api_survive_redis_dying(production_cache, caplog):
    user = UserFactory(password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client = Client()
    up = drive(client, 1, user)
    mail_before = Message.objects.count()

    production_cache.kill()
    production_cache.wait()
    started = time.monotonic()
    down = drive(client, 2, user)
    elapsed = time.monotonic() - started

    expected = {
        "POST /fi/accounts/login/": 302,
        "POST /fi/accounts/password/reset/": 302,
        "POST /fi/accounts/signup/": 302,
        "POST /fi/newsletter/": 302,
        "GET /api/v1/members/": 200,
        "GET /readyz/": 200,
    }
    assert up == {**expected, "readyz cache": "ok"}
    assert down == {**expected, "readyz cache": "fallback"}
    # Mail of the second round (reset, signup confirmation, newsletter confirmation) queued in PostgreSQL.
    assert Message.objects.count() - mail_before == 3
    # One warning per outage, not one per request; a dead Redis is skipped, not waited for each time.
    warnings = [r for r in caplog.records if r.name == "core.cache" and "did not answer" in r.getMessage()]
    assert len(warnings) == 1
    assert elapsed < 5


def test_rate_limits_keep_counting_in_the_database_while_redis_is_down(production_cache):
    from core import ratelimit

    production_cache.kill()
    production_cache.wait()
    key = "outage:test"
    assert [ratelimit.hit(key=key, limit=2, window=60) for _ in range(3)] == [True, True, False]
    assert cache.get(key) == 3
