"""Embedded PostgreSQL for machines without a DATABASE_URL.

A fresh clone must run and test without a database server installed, so when
DATABASE_URL is unset we start PostgreSQL from the ``pgserver`` wheel with its
data under ``.data/`` (git-ignored). Production always sets DATABASE_URL.
"""

from __future__ import annotations

import atexit
import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / ".data" / "pg"
# pgserver counts the processes using the server in this file and stops the server when the last leaves.
HANDLES = ".handle_pids.json"


@contextmanager
def _exclusive(data_dir: Path) -> Iterator[None]:
    """pgserver rewrites its list of processes without a lock between processes; parallel test
    processes (and `make run`'s commands) starting or leaving at once would tear it."""
    with (data_dir.parent / f".{data_dir.name}.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _repair_handles(data_dir: Path) -> None:
    """A process killed mid-write leaves the list empty or torn, and a killed process stays in it for
    ever: keep only processes that still run, so the server starts and is stopped as it should."""
    path = data_dir / HANDLES
    if not path.exists():
        return
    try:
        pids = json.loads(path.read_text() or "null")
    except ValueError:
        pids = None
    pids = pids if isinstance(pids, list) else []
    alive = [pid for pid in pids if _alive(pid)]
    if path.read_text() != json.dumps(alive):
        path.write_text(json.dumps(alive))


def embedded_database_url(data_dir: Path | None = None) -> str:
    import pgserver

    data_dir = Path(os.environ.get("EMBEDDED_PG_DIR") or data_dir or DEFAULT_DATA_DIR).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    with _exclusive(data_dir):
        _repair_handles(data_dir)
        # "stop" shuts the server down once every process that asked for it has exited,
        # so `make run` leaves nothing behind.
        server = pgserver.get_server(data_dir, cleanup_mode="stop")
        uri = server.get_uri("postgres")

    def leave() -> None:
        # Registered after pgserver's own exit handler, so it runs first, under the lock; pgserver's
        # handler then finds this process already gone from the list and does nothing.
        with _exclusive(data_dir):
            server._cleanup()

    atexit.register(leave)
    return uri
