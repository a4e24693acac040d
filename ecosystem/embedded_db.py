"""Embedded PostgreSQL for machines without a DATABASE_URL.

A fresh clone must run and test without a database server installed, so when
DATABASE_URL is unset we start PostgreSQL from the ``pgserver`` wheel with its
data under ``.data/`` (git-ignored). Production always sets DATABASE_URL.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / ".data" / "pg"


def embedded_database_url(data_dir: Path | None = None) -> str:
    import pgserver

    data_dir = Path(os.environ.get("EMBEDDED_PG_DIR") or data_dir or DEFAULT_DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    # "stop" shuts the server down once every process that asked for it has exited,
    # so `make run` leaves nothing behind.
    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    return server.get_uri("postgres")
