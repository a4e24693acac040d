"""The embedded PostgreSQL a machine without DATABASE_URL uses: parallel processes share it, and a
list of its users torn by a killed process does not stop the next start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow

START = (
    "import sys; from pathlib import Path; from ecosystem.embedded_db import embedded_database_url; "
    "print(embedded_database_url(Path(sys.argv[1])))"
)


def start(data_dir: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in {"EMBEDDED_PG_DIR", "DATABASE_URL"}}
    return subprocess.Popen(
        [sys.executable, "-c", START, str(data_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> tuple[int, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, err


def test_parallel_processes_share_the_server_and_a_torn_list_is_repaired():
    # A short path: the server's socket lives in the data folder and socket paths are short.
    data_dir = Path("/tmp") / f"ecopg-{os.getpid()}"
    try:
        results = [finish(p) for p in [start(data_dir) for _ in range(4)]]
        assert [code for code, _err in results] == [0, 0, 0, 0], [err[-1500:] for _code, err in results]
        assert "Traceback" not in "".join(err for _code, err in results)
        # Every process has left: nobody is listed, so the last one stopped the server.
        assert (data_dir / ".handle_pids.json").read_text() == "[]"
        # A process killed while it rewrote the list leaves it empty; the next start still works.
        (data_dir / ".handle_pids.json").write_text("")
        code, err = finish(start(data_dir))
        assert (code, "Traceback" in err) == (0, False), err[-1500:]
    finally:
        subprocess.run(
            ["rm", "-rf", str(data_dir), str(data_dir.parent / f".{data_dir.name}.lock")], check=False
        )
