"""The funding call's last second: a burst of submits against a production-like server.

The script creates its own database on the PostgreSQL of DATABASE_URL (migrated, static files
collected), one open call and N complete drafts, each with a contact person signed in, starts gunicorn
on loopback with DEBUG off, and then

1. sets the call to close ``--lead`` seconds from now and fires the N submits (the edit form posted
   with ``action=submit``, as a browser does) all at once, each from a connection of its own;
2. once the close has passed, fires ``--late`` more submits, which must all be refused.

It reports how many landed, were refused and landed late (``submitted_at`` after the close), and the
latency of the submits (p50/p95/max). The receipts are handed to the broker (Redis when REDIS_URL is
set); no worker runs, so their rendering is not part of the figure: it happens after the commit.

    .venv/bin/python benchmarks/funding_deadline_bench.py --n 50 --late 10 --workers 4
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from _support import database_url_named, free_port, run_sql
from events_registration_bench import CSRF_INPUT, request, server_env, wait_for

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

SETUP = """
import json
from django.conf import settings
from django.test import Client
from tests.funding.factories import ApplicationFactory, FundingCallFactory, applicant
from tests.funding.test_views import form_data
call = FundingCallFactory(slug="bench")
rows = []
for n in range({n}):
    application = ApplicationFactory(call=call)
    contact = applicant(call, organisation=application.organisation)
    client = Client()
    client.force_login(contact.user)
    data = form_data(application, action="submit")
    rows.append({{"pk": application.pk, "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
                 "data": {{k: str(v) for k, v in data.items()}}}})
print("ROWS" + json.dumps(rows))
"""

COUNT = """
import json
from django.db.models import F
from funding.models import Application
apps = Application.objects.filter(call__slug="bench")
print("COUNTS" + json.dumps({
    "submitted": apps.filter(status="submitted").count(),
    "late": apps.filter(status="submitted", submitted_at__gte=F("call__closes_at")).count(),
    "drafts": apps.filter(status="draft").count(),
}))
"""


def shell(env: dict, code: str, marker: str) -> str:
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.split(marker, 1)[1].strip()


def prepare(port: int, row: dict) -> dict:
    """GET the edit page as the signed-in applicant: the CSRF cookie and the form's token."""
    path = f"/fi/funding/applications/{row['pk']}/"
    cookie = f"sessionid={row['session']}"
    status, headers, body = request("127.0.0.1", port, "GET", path, headers={"Cookie": cookie})
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    csrf = next(
        v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie" and v.startswith("csrftoken=")
    )
    token = CSRF_INPUT.search(body.decode()).group(1)
    return {
        "path": path,
        "headers": {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"{cookie}; {csrf}"},
        "body": urlencode({**row["data"], "csrfmiddlewaretoken": token}),
    }


def burst(port: int, prepared: list[dict]) -> list[tuple[int, float]]:
    gate = threading.Barrier(len(prepared))
    results: list[tuple[int, float]] = []
    lock = threading.Lock()

    def one(item: dict) -> None:
        gate.wait()
        started = time.perf_counter()
        try:
            status, _headers, body = request(
                "127.0.0.1", port, "POST", item["path"], item["body"], item["headers"]
            )
        except OSError:
            status, body = 0, b""
        if status not in (302, 0) and os.environ.get("BENCH_DEBUG"):
            Path(f"/tmp/funding-bench-{status}.html").write_bytes(body)
        with lock:
            results.append((status, time.perf_counter() - started))

    threads = [threading.Thread(target=one, args=(item,)) for item in prepared]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] * 1000 if values else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=50, help="submits in the last second")
    parser.add_argument("--late", type=int, default=10, help="submits after the close")
    parser.add_argument("--lead", type=float, default=1.0, help="seconds between the burst and the close")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (more than 1: gunicorn's gthread workers)"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    args = parser.parse_args()
    run_id = uuid.uuid4().hex[:8]
    db_name = f"bench_funding_{run_id}"
    database_url = database_url_named(args.database_url, db_name)
    queue = f"bench-{run_id}"
    env = server_env(database_url, args.redis_url, queue)
    port = free_port()
    run_sql(args.database_url, f'CREATE DATABASE "{db_name}"')
    server = None
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        rows = json.loads(shell(env, SETUP.format(n=args.n + args.late), "ROWS"))
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
                "--threads",
                str(args.threads),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        wait_for(port, timeout=300)  # a busy machine starts gunicorn slowly
        prepared = [prepare(port, row) for row in rows]
        on_time, late = prepared[: args.n], prepared[args.n :]
        # The close is set from here, a moment before the burst: a `manage.py shell` would spend the
        # lead time starting and stopping Python.
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(
                "UPDATE funding_fundingcall SET closes_at = clock_timestamp() + make_interval(secs => %s) "
                "WHERE slug = 'bench'",
                (args.lead,),
            )
        results = burst(port, on_time)
        time.sleep(max(0.0, args.lead + 0.2))
        late_results = burst(port, late) if late else []
        counts = json.loads(shell(env, COUNT, "COUNTS"))
        latencies = [seconds for _status, seconds in results]
        refused_late = sum(status == 400 for status, _s in late_results)
        print(
            f"{args.n} submits {args.lead:.1f} s before the close, {args.late} after; "
            f"{args.workers} workers x {args.threads} threads"
        )
        print(
            f"landed {counts['submitted']} of {args.n}, refused {args.n - counts['submitted']}, "
            f"late {counts['late']}; after the close refused {refused_late} of {args.late}"
        )
        print(
            f"submit latency under the burst: p50 {percentile(latencies, 0.5):.0f} ms, "
            f"p95 {percentile(latencies, 0.95):.0f} ms, max {max(latencies) * 1000:.0f} ms, "
            f"mean {statistics.mean(latencies) * 1000:.0f} ms"
        )
        print(
            f"statuses: on time {dict(Counter(s for s, _ in results))}, "
            f"late {dict(Counter(s for s, _ in late_results))}"
        )
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


if __name__ == "__main__":
    sys.exit(main())
