"""The first start of `make run` on a new machine: the same commands, on a database that has never
seen the portal, print no traceback, and the mail links follow the port it serves on."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from psycopg import sql

from tests.support.worker import database_url_for

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def development_env(**extra: str) -> dict[str, str]:
    """What `make run` gives manage.py: DEBUG on, no Redis (the database is the cache), no settings
    module or test switches of the test run."""
    dropped = {"DJANGO_SETTINGS_MODULE", "ECOSYSTEM_TESTING", "REDIS_URL", "SITE_URL", "PORT"}
    dropped |= {"CACHE_KEY_PREFIX"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({"DEBUG": "1", **extra})
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240
    )


@pytest.fixture
def fresh_database(db):
    """A database the portal has never seen: an empty schema of its own in this process's test
    database, alone on the search path (cheaper than a new database, whose drop waits for a
    checkpoint), dropped afterwards."""
    from django.db import connection

    schema = f"fresh_{uuid.uuid4().hex[:12]}"
    url = database_url_for(connection.settings_dict)
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield f"{url}?options={quote(f'-c search_path={schema}')}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def test_migrate_on_a_fresh_database_prints_no_traceback(fresh_database):
    """`make run`'s first step; the rest of the first start (demo data, the server's first requests)
    is checked by the smoke test in .ci/run, which reads the whole log of `make run`."""
    env = development_env(DATABASE_URL=fresh_database, PORT="8123")
    migrated = manage("migrate", "--noinput", env=env)
    assert (migrated.returncode, "Traceback" in migrated.stderr + migrated.stdout) == (0, False), (
        migrated.stderr[-3000:]
    )
    with psycopg.connect(fresh_database) as conn:
        assert conn.execute("SELECT to_regclass('ecosystem_cache') IS NOT NULL").fetchone() == (True,)
        assert conn.execute("SELECT count(*) > 50 FROM django_migrations").fetchone() == (True,)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"PORT": "8123", "SITE_URL": "https://tekoaly.example.fi/"}, "https://tekoaly.example.fi"),
    ],
)
def test_the_links_in_mail_follow_the_port_make_run_serves_on(extra, expected, monkeypatch):
    for name in ("PORT", "SITE_URL", "CSRF_TRUSTED_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in extra.items():
        monkeypatch.setenv(name, value)
    # The settings module as a new process would read it from this environment.
    settings = runpy.run_path(str(ROOT / "ecosystem" / "settings.py"))
    assert (settings["SITE_URL"], settings["CSRF_TRUSTED_ORIGINS"]) == (expected, [expected])
