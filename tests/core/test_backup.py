"""Backup and restore: the demo database and the private files, into an empty database and folder."""

from __future__ import annotations

import hashlib
import io

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from core.backup import connection_arguments, restore


def connect(database: dict, name: str) -> psycopg.Connection:
    options = database.get("OPTIONS") or {}
    return psycopg.connect(
        host=database.get("HOST") or options.get("host") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        dbname=name,
        autocommit=True,
    )


def row_counts(conn: psycopg.Connection) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    ]
    count = sql.SQL("SELECT count(*) FROM {}")
    return {table: conn.execute(count.format(sql.Identifier(table))).fetchone()[0] for table in tables}


# pg_dump reads through a connection of its own: the demo data must be committed.
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_demo_database_and_a_private_file_survive_backup_and_restore(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    attachment = settings.PRIVATE_MEDIA_ROOT / "funding" / "attachments" / "hakemus.pdf"
    attachment.parent.mkdir(parents=True)
    attachment.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 40)
    checksum = hashlib.sha256(attachment.read_bytes()).hexdigest()

    out = io.StringIO()
    call_command("backup", output_dir=str(tmp_path / "backups"), stdout=out)
    archive = tmp_path / "backups" / out.getvalue().strip().rsplit("/", 1)[-1]
    assert archive.is_file()

    source = dict(connection.settings_dict)
    target = {**source, "NAME": f"{source['NAME']}_restore"}
    with connect(source, source["NAME"]) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}"')
        admin.execute(f'CREATE DATABASE "{target["NAME"]}"')
    try:
        settings.PRIVATE_MEDIA_ROOT = tmp_path / "restored-private"
        settings.MEDIA_ROOT = tmp_path / "restored-media"
        restore(archive=archive, database=target)
        with connect(source, source["NAME"]) as before, connect(target, target["NAME"]) as after:
            expected = row_counts(before)
            assert expected["accounts_user"] > 0 and expected["members_organisation"] > 0
            assert row_counts(after) == expected
        restored = tmp_path / "restored-private" / "funding" / "attachments" / "hakemus.pdf"
        assert hashlib.sha256(restored.read_bytes()).hexdigest() == checksum
    finally:
        with connect(source, source["NAME"]) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}" WITH (FORCE)')


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    archive = tmp_path / "x.tar"
    archive.write_bytes(b"")
    with pytest.raises(Exception, match="not empty"):
        call_command("restore", str(archive))
    assert connection_arguments({"HOST": "db", "PORT": 5433, "USER": "u", "PASSWORD": "p"})[0] == [
        "--host",
        "db",
        "--port",
        "5433",
        "--username",
        "u",
    ]
