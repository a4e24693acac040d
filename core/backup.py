"""Backups: the database (pg_dump's custom format) and the uploaded files in one timestamped archive.

``manage.py backup`` writes ``ecosystem-<UTC time>.tar`` holding ``database.dump``, ``private-media/``
(applicants' attachments, call documents), ``media/`` (logos, photos; only when they are stored on this
host) and ``manifest.json`` (the time, each file's SHA-256). ``manage.py restore <archive>`` puts them
back: into an empty database, or over the current one with ``--clean``.

pg_dump/pg_restore come from PG_BIN_DIR, else the PATH, else the embedded PostgreSQL's own (pgserver).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

DUMP = "database.dump"
MANIFEST = "manifest.json"
TREES = {"private-media": "PRIVATE_MEDIA_ROOT", "media": "MEDIA_ROOT"}


class BackupError(Exception):
    pass


def pg_binary(name: str) -> str:
    candidates = []
    if os.environ.get("PG_BIN_DIR"):
        candidates.append(Path(os.environ["PG_BIN_DIR"]) / name)
    if found := shutil.which(name):
        candidates.append(Path(found))
    try:
        import pgserver

        candidates.append(Path(pgserver.__file__).parent / "pginstall" / "bin" / name)
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise BackupError(f"{name} was not found (set PG_BIN_DIR)")


def connection_arguments(database: dict) -> tuple[list[str], dict[str, str]]:
    """libpq command-line arguments and environment for a Django database settings dict."""
    options = database.get("OPTIONS") or {}
    host = database.get("HOST") or options.get("host") or ""
    args = []
    if host:
        args += ["--host", host]
    if database.get("PORT"):
        args += ["--port", str(database["PORT"])]
    if database.get("USER"):
        args += ["--username", database["USER"]]
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return args, env


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _media_on_this_host() -> bool:
    return settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")


def backup(*, database: dict, output_dir: Path) -> Path:
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    archive = output_dir / f"ecosystem-{stamp}.tar"
    args, env = connection_arguments(database)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP
        subprocess.run(
            [pg_binary("pg_dump"), *args, "--format=custom", "--no-owner", "--no-privileges",
             "--file", str(dump), database["NAME"]],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        files = {DUMP: _sha256(dump)}
        roots = {"private-media": Path(settings.PRIVATE_MEDIA_ROOT)}
        if _media_on_this_host():
            roots["media"] = Path(settings.MEDIA_ROOT)
        with tarfile.open(archive, "w") as tar:
            tar.add(dump, arcname=DUMP)
            for name, root in roots.items():
                if not root.is_dir():
                    continue
                for path in sorted(p for p in root.rglob("*") if p.is_file()):
                    arcname = f"{name}/{path.relative_to(root).as_posix()}"
                    files[arcname] = _sha256(path)
                    tar.add(path, arcname=arcname)
            manifest = Path(work) / MANIFEST
            manifest.write_text(json.dumps({"created": stamp, "files": files}, indent=1))
            tar.add(manifest, arcname=MANIFEST)
    return archive


def restore(*, archive: Path, database: dict, clean: bool = False) -> dict:
    """Restore ``archive`` into ``database`` and the file roots; returns the manifest."""
    args, env = connection_arguments(database)
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive) as tar:
        tar.extractall(work, filter="data")
        manifest = json.loads((Path(work) / MANIFEST).read_text())
        for name, expected in manifest["files"].items():
            if _sha256(Path(work) / name) != expected:
                raise BackupError(f"{name} in {archive} does not match its checksum")
        command = [pg_binary("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error"]
        if clean:
            command += ["--clean", "--if-exists"]
        subprocess.run(
            [*command, "--dbname", database["NAME"], str(Path(work) / DUMP)],
            env=env,
            check=True,
            capture_output=True,
        )
        for name, setting in TREES.items():
            source = Path(work) / name
            if source.is_dir():
                shutil.copytree(source, Path(getattr(settings, setting)), dirs_exist_ok=True)
    return manifest
