"""allauth's rate limits guard the sign-in, and so the admin's login, which goes through allauth."""

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def admin_login_url(client) -> str:
    response = client.get("/en/admin/login/?next=/en/admin/")
    assert response.status_code == 302
    return response["Location"]


def test_rate_limits_are_configured_explicitly():
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/300s/key"


def test_repeated_failed_admin_logins_for_one_address_are_refused(client):
    staff = UserFactory(is_staff=True)
    url = admin_login_url(client)
    assert url.startswith("/en/accounts/login/")
    for _ in range(5):
        response = client.post(url, {"login": staff.email, "password": "wrong-password-123"})
        assert response.status_code == 200
        assert TOO_MANY not in response.content.decode()
    # Now even the right password is refused for this address.
    response = client.post(url, {"login": staff.email, "password": "correct-horse-battery"})
    assert response.status_code in {200, 429}
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_limited_per_client_address(client):
    url = admin_login_url(client)
    for n in range(10):
        response = client.post(url, {"login": f"guess{n}@example.fi", "password": "wrong-password-123"})
        assert TOO_MANY not in response.content.decode()
    response = client.post(url, {"login": "guess-last@example.fi", "password": "wrong-password-123"})
    assert TOO_MANY in response.content.decode()


def test_without_redis_the_cache_is_the_shared_database_cache():
    """The embedded default keeps rate-limit counters in PostgreSQL, shared by all workers."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"DJANGO_SETTINGS_MODULE": "ecosystem.settings", "DATABASE_URL": "postgresql://x@localhost/x"})
    env["ECOSYSTEM_TESTING"] = "1"
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'])"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "django.core.cache.backends.db.DatabaseCache"


def test_migrate_creates_the_database_cache_table(settings):
    from django.db import connection

    from accounts.apps import create_cache_tables

    settings.CACHES = {
        "default": settings.CACHES["default"],
        "db": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "test_cache_table"},
    }
    create_cache_tables(using="default")
    assert "test_cache_table" in connection.introspection.table_names()
