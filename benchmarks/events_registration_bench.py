"""Registrations per second against a production-like server, next to the same server's trivial view.

By default the script creates its own database on the PostgreSQL of DATABASE_URL, migrates it, creates
one event (capacity 250, so the run also fills the waiting list), starts gunicorn on loopback with
DEBUG off, and measures:

* ``POST /fi/events/<slug>/register/`` (row lock on the event, insert, audit entry, confirmation
  rendered with its .ics into the outbox, hand-over to the broker after commit), and
* ``GET /healthz/`` (one ``SELECT 1`` and a broker ping): the server's trivial-view throughput,

each with the same number of concurrent clients, bounded in requests and seconds. Everything stays
on 127.0.0.1; the server, the database and the broker queue are removed afterwards.

    .venv/bin/python benchmarks/events_registration_bench.py --requests 1000 --concurrency 16
    .venv/bin/python benchmarks/events_registration_bench.py --url http://127.0.0.1:8000 --slug my-event

With ``--url`` the script measures an already running server (loopback only) and creates nothing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

from _support import database_url_named, free_port, production_env, run_sql

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Result:
    name: str
    ok: int = 0
    failed: int = 0
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        lat = sorted(self.latencies) or [0.0]
        p50 = statistics.median(lat) * 1000
        p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))] * 1000
        return (
            f"{self.name:<34} {self.ok:>6} ok {self.failed:>4} failed {self.seconds:>7.2f} s "
            f"{self.per_second:>8.1f} req/s  p50 {p50:>6.1f} ms  p95 {p95:>6.1f} ms"
        )


def request(host: str, port: int, method: str, path: str, body: str = "", headers: dict | None = None):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def csrf_session(host: str, port: int, path: str) -> tuple[str, str]:
    """A CSRF cookie and the form's token, as a browser gets them from the registration page."""
    status, headers, body = request(host, port, "GET", path)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    cookie = next(
        v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie" and v.startswith("csrftoken=")
    )
    match = CSRF_INPUT.search(body.decode())
    if match is None:
        raise RuntimeError("no CSRF token in the registration form")
    return cookie, match.group(1)


def run(name: str, *, total: int, concurrency: int, deadline_s: float, make_request) -> Result:
    result = Result(name)
    lock = threading.Lock()
    counter = iter(range(total))
    stop_at = time.monotonic() + deadline_s

    def worker(worker_id: int) -> None:
        state = {}
        while time.monotonic() < stop_at:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            started = time.perf_counter()
            try:
                status = make_request(n, worker_id, state)
            except Exception:  # noqa: BLE001 - counted as a failure
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if status in (200, 302):
                    result.ok += 1
                    result.latencies.append(elapsed)
                else:
                    result.failed += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.monotonic() - began
    return result


def measure(host: str, port: int, slug: str, *, total: int, concurrency: int, deadline_s: float, run_id: str):
    register_path = f"/fi/events/{slug}/register/"

    def register(n: int, worker_id: int, state: dict) -> int:
        if "csrf" not in state:
            state["csrf"] = csrf_session(host, port, register_path)
        cookie, token = state["csrf"]
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": f"Bench Person {n}",
                "email": f"bench-{run_id}-{n}@example.fi",
                "organisation": "Benchmark Oy",
                "language": "fi",
                "consent": "on",
            }
        )
        status, _headers, _body = request(
            host,
            port,
            "POST",
            register_path,
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
        return status

    def healthz(n: int, worker_id: int, state: dict) -> int:
        return request(host, port, "GET", "/healthz/")[0]

    # Warm up the workers (imports, connections) before measuring.
    for _ in range(concurrency):
        request(host, port, "GET", "/healthz/")
        request(host, port, "GET", register_path)
    trivial = run(
        "GET /healthz/ (trivial view)",
        total=total,
        concurrency=concurrency,
        deadline_s=deadline_s,
        make_request=healthz,
    )
    registrations = run(
        "POST register (registration)",
        total=total,
        concurrency=concurrency,
        deadline_s=deadline_s,
        make_request=register,
    )
    return trivial, registrations


# --- A server of our own -------------------------------------------------------------------------


def server_env(database_url: str, redis_url: str, queue: str) -> dict[str, str]:
    env = production_env(database_url, redis_url, queue)
    if not redis_url:
        # Without a broker the outbox would deliver inside the request: keep mail out of the figure.
        env["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    return env


CREATE_EVENT = """
from datetime import timedelta
from django.utils import timezone
from events.models import Event
start = timezone.now() + timedelta(days=14)
Event.objects.create(slug="bench", type="ai_morning", format="online", title="Benchmark AI morning",
    title_fi="Benchmark AI morning", starts_at=start, ends_at=start + timedelta(hours=1), capacity={capacity},
    joining_url="https://teams.example.com/join/bench")
"""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="measure an already running server on loopback instead of starting one")
    parser.add_argument("--slug", default="bench", help="event to register for (with --url)")
    parser.add_argument("--requests", type=int, default=1000, help="requests per measurement (bound)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0, help="time bound per measurement")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--capacity", type=int, default=250)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    args = parser.parse_args()
    run_id = uuid.uuid4().hex[:8]

    if args.url:
        parsed = urlparse(args.url)
        if parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
            parser.error("only a server on loopback may be measured")
        trivial, registrations = measure(
            parsed.hostname,
            parsed.port or 80,
            args.slug,
            total=args.requests,
            concurrency=args.concurrency,
            deadline_s=args.seconds,
            run_id=run_id,
        )
        report(trivial, registrations, args)
        return 0

    db_name = f"bench_events_{run_id}"
    database_url = database_url_named(args.database_url, db_name)
    queue = f"bench-{run_id}"
    env = server_env(database_url, args.redis_url, queue)
    port = free_port()
    run_sql(args.database_url, f'CREATE DATABASE "{db_name}"')
    server = None
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
        # As in the Dockerfile: the manifest storage needs collected static files (git-ignored).
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", CREATE_EVENT.format(capacity=args.capacity)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "ecosystem.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        wait_for(port)
        trivial, registrations = measure(
            "127.0.0.1",
            port,
            "bench",
            total=args.requests,
            concurrency=args.concurrency,
            deadline_s=args.seconds,
            run_id=run_id,
        )
        counts = (
            subprocess.run(
                [
                    PYTHON,
                    "manage.py",
                    "shell",
                    "-c",
                    "from events.models import Registration as R;"
                    "from outbox.models import OutgoingMail as M;"
                    "print('COUNTS', R.objects.filter(status='registered').count(),"
                    " R.objects.filter(status='waiting').count(), M.objects.count())",
                ],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.split("COUNTS", 1)[-1]
            .split()
        )
        report(trivial, registrations, args)
        print(f"registered {counts[0]}, waiting {counts[1]}, messages in the outbox {counts[2]}")
        result = {
            "healthz": trivial.per_second,
            "register": registrations.per_second,
            "ratio": registrations.per_second / trivial.per_second if trivial.per_second else 0.0,
            "registered": int(counts[0]),
            "waiting": int(counts[1]),
            "capacity": args.capacity,
            "failed": registrations.failed,
        }
        print("RESULT " + json.dumps(result), flush=True)
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        if args.redis_url:
            import redis

            redis.Redis.from_url(args.redis_url).delete(queue)
        run_sql(args.database_url, f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
    return 0


def wait_for(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if request("127.0.0.1", port, "GET", "/healthz/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not start")


def report(trivial: Result, registrations: Result, args) -> None:
    print(f"concurrency {args.concurrency}, at most {args.requests} requests and {args.seconds:.0f} s each")
    print(trivial.line())
    print(registrations.line())
    if trivial.per_second:
        print(
            "registrations run at "
            f"{100 * registrations.per_second / trivial.per_second:.0f} % of the trivial view"
        )
    for result in (trivial, registrations):
        if result.failed:
            print(f"{result.name}: statuses {result.statuses}")


if __name__ == "__main__":
    sys.exit(main())
