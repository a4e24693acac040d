"""Shared test fixtures: real SMTP, a real Celery worker, a real browser."""

from __future__ import annotations

import fcntl
import hashlib
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
def django_db_setup(django_db_setup, django_db_blocker):
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
            with django_db_blocker.unblock():
                _snapshot_for_fast_restore(connection, contents)
    yield


# What the migrations left in the test database, table by table in PostgreSQL's COPY format, taken
# once per process. A transactional test restores it after the flush (its serialized rollback):
# Django's own restore saves the ~500 objects one by one (0.6 s on a 2-core machine, and over a
# hundred transactional tests); COPY puts the same rows back in a few milliseconds.
_SNAPSHOTS: dict[str, tuple[str, list[tuple[str, bytes]]]] = {}


def _snapshot_for_fast_restore(connection, contents: str) -> None:
    import json

    from django.apps import apps

    serialized = {entry["model"] for entry in json.loads(contents)}
    tables = []
    for model in apps.get_models(include_auto_created=True):
        owner = model._meta.auto_created or model
        if owner._meta.label_lower not in serialized or model._meta.proxy or not model._meta.managed:
            continue
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor, cursor.copy(f"COPY {table} TO STDOUT") as copy:
            data = b"".join(bytes(chunk) for chunk in copy)
        if data:
            tables.append((model._meta.db_table, data))
    _SNAPSHOTS[connection.alias] = (contents, tables)
    _install_fast_restore()


def _install_fast_restore() -> None:
    from django.db.backends.postgresql.creation import DatabaseCreation
    from django.db.transaction import atomic

    if getattr(DatabaseCreation, "_fast_restore", False):
        return
    original = DatabaseCreation.deserialize_db_from_string

    def deserialize_db_from_string(self, data):
        snapshot = _SNAPSHOTS.get(self.connection.alias)
        if snapshot is None or (data is not snapshot[0] and data != snapshot[0]):
            return original(self, data)
        quote = self.connection.ops.quote_name
        with atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            # Django's restore overwrites rows that are there (the first transactional test of a
            # process finds the migrations' rows unflushed); COPY only fills empty tables.
            # Table names come from the models, never from input.
            cursor.execute(
                "SELECT " + " OR ".join(f"EXISTS (SELECT 1 FROM {quote(table)})" for table, _ in snapshot[1])  # noqa: S608
            )
            if cursor.fetchone()[0]:
                return original(self, data)
            # Foreign keys are DEFERRABLE INITIALLY DEFERRED, so the order of the tables does not matter.
            for table, rows in snapshot[1]:
                with cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                    copy.write(rows)
            self.connection.check_constraints(table_names=[table for table, _ in snapshot[1]])

    DatabaseCreation.deserialize_db_from_string = deserialize_db_from_string
    DatabaseCreation._fast_restore = True
    _install_fast_flush()


def _install_fast_flush() -> None:
    """The flush after a transactional test empties only the tables that have rows.

    Django truncates all ~160 tables in one statement (0.2 s, most of it PostgreSQL replacing files
    of empty tables); a test fills a dozen. DELETE in one transaction is enough because every
    foreign key is DEFERRABLE INITIALLY DEFERRED (checked at commit, when the referencing rows are
    gone too). Sequences are left as they are, as Django's flush without ``reset_sequences`` does.
    """
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        quoted = [self.quote_name(table) for table in tables]
        with self.connection.cursor() as cursor:
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT {index} FROM (SELECT 1 FROM {table} LIMIT 1) AS t{index}"  # noqa: S608
                    for index, table in enumerate(quoted)
                )
            )
            filled = [quoted[row[0]] for row in cursor.fetchall()]
        return [f"DELETE FROM {table};" for table in filled]  # noqa: S608

    DatabaseOperations.sql_flush = sql_flush


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
