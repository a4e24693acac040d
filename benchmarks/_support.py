"""What every benchmark script needs: its own database on the server of DATABASE_URL, a free loopback
port, and the environment of a production-like server (DEBUG off, nothing leaves the machine)."""

from __future__ import annotations

import os
import socket
import threading
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def database_url_named(database_url: str, name: str) -> str:
    """The same server and credentials as ``database_url``, another database."""
    return urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))


def run_sql(database_url: str, sql: str) -> None:
    """Run one statement (CREATE/DROP DATABASE) on the server's maintenance database."""
    import psycopg

    with psycopg.connect(database_url_named(database_url, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


def recreate_database(database_url: str, name: str, *, drop_only: bool = False) -> None:
    run_sql(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if not drop_only:
        run_sql(database_url, f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(database_url: str, redis_url: str, prefix: str) -> dict[str, str]:
    """A gunicorn server's environment: production settings on loopback, its own queue and cache keys."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEBUG", "ECOSYSTEM_TESTING"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ecosystem.settings",
            "DATABASE_URL": database_url,
            "SECRET_KEY": uuid.uuid4().hex * 2,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "SITE_URL": "http://127.0.0.1",
            "LOG_LEVEL": "WARNING",
            "CELERY_QUEUE": prefix,
            "CACHE_KEY_PREFIX": prefix,
        }
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)
    return env


def profile_top(call, *, repeat: int = 20, lines: int = 12) -> str:
    """Where the time of ``repeat`` calls goes: pyinstrument's (a dev extra) functions with the most
    wall time of their own, then cProfile's with the most CPU time of their own. On a shared machine
    wall time also counts the moments the process waited for a core; CPU time does not."""
    import cProfile
    import pstats
    import time

    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer

    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(repeat):
        call()
    profiler.stop()
    text = profiler.output(ConsoleRenderer(flat=True, flat_time="self", unicode=False, color=False))
    body = [line for line in text.splitlines() if line.strip()]
    header = [line[line.index("Duration") :] for line in body if "Duration" in line]
    entries = [line for line in body if line.lstrip()[:1].isdigit()]
    out = [f"pyinstrument, wall time, {repeat} calls: {header[0] if header else ''}", *entries[:lines]]

    cpu = cProfile.Profile(time.process_time)
    cpu.enable()
    for _ in range(repeat):
        call()
    cpu.disable()
    stats = pstats.Stats(cpu)
    if os.environ.get("PROFILE_DUMP"):  # for pstats' callers and callees: python -m pstats FILE
        stats.dump_stats(os.environ["PROFILE_DUMP"])
    ranked = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)
    out.append(f"cProfile, CPU time of its own, {repeat} calls: {stats.total_tt:.3f} s in all")
    for (filename, line, name), (_cc, _nc, own, _cum, _callers) in ranked[:lines]:
        short = "/".join(filename.split("/")[-2:])
        out.append(f"{own:.4f} {name}  {short}:{line}")
    # The project's own functions by CPU time including what they call: which of our steps costs.
    root = str(Path(__file__).resolve().parent.parent) + "/"
    ours = [
        (key, value)
        for key, value in stats.stats.items()
        if key[0].startswith(root) and "/.venv/" not in key[0] and "/benchmarks/" not in key[0]
    ]
    ours.sort(key=lambda item: item[1][3], reverse=True)
    out.append(f"cProfile, CPU time including callees, the project's functions, {repeat} calls:")
    for (filename, line, name), (_cc, _nc, _own, cumulative, _callers) in ours[: lines * 2]:
        out.append(f"{cumulative:.4f} {name}  {filename[len(root) :]}:{line}")
    return "\n".join(out)


class CountingSink:
    """An aiosmtpd server on loopback that counts messages per recipient and keeps nothing else."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.port = free_port()
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802
                with sink.lock:
                    for rcpt in envelope.rcpt_tos:
                        sink.counts[rcpt] = sink.counts.get(rcpt, 0) + 1
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.started = False

    def start(self) -> None:
        self.controller.start()
        self.started = True

    def stop(self) -> None:
        if self.started:
            self.controller.stop()
            self.started = False

    def total(self) -> int:
        with self.lock:
            return sum(self.counts.values())
