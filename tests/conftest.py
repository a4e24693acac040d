"""Shared test fixtures: real SMTP, a real Celery worker, a real browser."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest

from tests.support.smtp import SmtpSink

pytest_plugins = ["tests.support.browser", "tests.support.worker"]


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (a request in another language leaves it active)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Tasks run in-process unless a test asks for a real worker."""
    from celery._state import _set_task_join_will_block

    from ecosystem.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = True
    # Eager tasks run from many threads at once (the concurrency tests) can leave Celery's
    # process-wide "joining would block" flag set; a test in one thread must not leak it.
    _set_task_join_will_block(False)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the serialized database contents reachable from every execution context.

    Django keeps connections in an asgiref Local: once Playwright's sync API runs its event
    loop in this thread, ``connections["default"]`` is a different object from the one the test
    database was created with, and serialized rollback would restore nothing. A class-level
    fallback makes the contents visible to every connection object.
    """
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents
    yield


@pytest.fixture(scope="session")
def smtp_server():
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def smtp(smtp_server, settings):
    """A real SMTP server on loopback; Django's mail goes to it for this test."""
    smtp_server.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp_server.host
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    return smtp_server


@pytest.fixture
def admin_user(db, django_user_model):
    """pytest-django's superuser, with the authenticator app every staff member must have."""
    from tests.support.mfa import give_totp

    user = django_user_model.objects.create_superuser(email="admin@example.com", password="password")
    give_totp(user)
    return user


@pytest.fixture
def many_connections():
    """Run this test alone, as far as connections go, among every test process on this database server.

    The race tests open 40–50 database connections at once; two of them at the same time (two
    parallel processes of one run, or two runs from two clones on one server) would pass PostgreSQL's
    default limit of 100. A lock on a file named after the server makes the second wait for the first.
    """
    from django.db import connection

    where = connection.settings_dict
    server = f"{where.get('HOST') or 'local'}:{where.get('PORT') or 5432}"
    digest = hashlib.sha256(server.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"ecosystem-many-connections-{digest}.lock"
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture
def unique_name():
    return f"t{uuid.uuid4().hex[:10]}"


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark what a test needs, before `-m` selects and pytest-django orders.

    Tests that drive Chromium are marked ``browser`` and tests that start a Celery worker process
    ``worker``, whichever way they reach the fixture, so ``make test-fast`` can leave them out.

    Transactional tests (live server, real worker) restore the migrations' data afterwards.
    Without this, the flush after a transactional test would delete the welfare regions, the
    content pages and the staff groups that migrations create, and later tests would see none.
    """
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if "worker_env" in fixtures:
            item.add_marker(pytest.mark.worker)
        if "transactional_db" in fixtures or _wants_transaction(item):
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False)


def _wants_transaction(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))
