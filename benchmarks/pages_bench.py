"""Public pages and an applicant's page against a production-like server, next to a static page.

    make bench-pages                          # or:
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python benchmarks/pages_bench.py [--requests 600] [--concurrency 4] [--rounds 6]

The script creates its own database on the PostgreSQL of DATABASE_URL (the embedded one without it),
migrates it, collects the static files, loads the demo data (``seed_demo --force``: 277 member
organisations, 250 of them listed, events, the funding call, the applicant ``hyvinvointialue@example.fi``),
starts a draft application for the applicant and starts gunicorn on 127.0.0.1 with DEBUG off
(SECRET_KEY and ALLOWED_HOSTS set, SECURE_SSL_REDIRECT off, Redis as the cache and broker when
REDIS_URL is set, under a key prefix and queue of its own). Then

1. **SQL queries per page**: each page is requested twice through Django's test ``Client`` in this
   process, against the same database and cache, inside ``CaptureQueriesContext``: the first request
   finds the cache empty, the second is what the server does almost always.
2. **Throughput and latency**: each page is requested over HTTP by ``--concurrency`` clients, bounded
   by ``--requests`` and ``--seconds`` per page, in ``--rounds`` interleaved rounds (every page once
   per round, each round starting with another page) so that a noisy neighbour on a shared machine
   affects all pages alike. The baseline is
   ``/fi/probe/`` (``core.views.static_probe``): the portal's layout with a static body and no database
   access, through the same middleware; each page's ratio is its req/s over the baseline's.

The applicant's page uses a session created in the benchmark database. Everything stays on loopback;
the server, the database, the cache keys, the queue and the uploaded files are removed afterwards.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from _support import database_url_named, free_port, production_env, profile_top, run_sql

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
APPLICANT = "hyvinvointialue@example.fi"
PROJECT_NAME = "Benchmark: AI triage of referrals"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    signed_in: bool = False
    public: bool = True


PROBE = Page("trivial view (static template)", "/fi/probe/")


def pages(application_pk: int) -> list[Page]:
    return [
        PROBE,
        Page("front page", "/fi/"),
        Page("member directory", "/fi/members/"),
        Page("event list", "/fi/events/"),
        Page("funding call", "/fi/funding/"),
        Page("funded projects (decisions)", "/fi/funding/funded-projects/"),
        Page("funded projects (project pages)", "/fi/projects/"),
        Page("open data: members (JSON)", "/api/v1/members/"),
        Page("open data: events (JSON)", "/api/v1/events/"),
        Page("application (applicant)", f"/fi/funding/applications/{application_pk}/", True, False),
    ]


@dataclass
class Result:
    page: Page
    ok: int = 0
    failed: int = 0
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        lat = sorted(self.latencies) or [0.0]
        if p == 50:
            return statistics.median(lat) * 1000
        return lat[min(len(lat) - 1, int(len(lat) * p / 100))] * 1000


# --- HTTP load ------------------------------------------------------------------------------------


def request(port: int, path: str, cookie: str = "") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def run(result: Result, port: int, *, total: int, concurrency: int, deadline_s: float, cookie: str) -> None:
    """``total`` GETs of one page by ``concurrency`` clients within ``deadline_s``, added to ``result``."""
    lock = threading.Lock()
    counter = iter(range(total))
    stop_at = time.monotonic() + deadline_s

    def worker() -> None:
        while time.monotonic() < stop_at:
            with lock:
                if next(counter, None) is None:
                    return
            started = time.perf_counter()
            try:
                status, _body = request(port, result.page.path, cookie)
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if status == 200:
                    result.ok += 1
                    result.latencies.append(elapsed)
                else:
                    result.failed += 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds += time.monotonic() - began


# --- The database, the demo data and the server -------------------------------------------------------


def server_env(database_url: str, redis_url: str, prefix: str, media: Path) -> dict[str, str]:
    env = production_env(database_url, redis_url, prefix)
    env.update(
        {
            # The demo data queues mail; nothing may leave the machine.
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            # The demo's call documents go to a directory of this run, removed afterwards.
            "MEDIA_ROOT": str(media / "media"),
            "PRIVATE_MEDIA_ROOT": str(media / "private"),
        }
    )
    return env


# Runs in the benchmark database after seed_demo: the applicant starts a draft with a few rows.
SETUP = """
import json
from decimal import Decimal
from django.contrib.auth import get_user_model
from events.selectors import event_list_upcoming
from funding import selectors, services
from funding.models import BudgetLine, Partner
from members.models import ContactPerson
from members.selectors import member_count, public_organisations

user = get_user_model().objects.get(email=%(email)r)
organisation = ContactPerson.objects.filter(user=user).select_related("organisation").first().organisation
call = selectors.call_current()
application = services.application_create(
    call=call, organisation=organisation, actor=user, project_name=%(project)r
)
for n, name in enumerate(["Tampereen yliopisto", "Esimerkki Analytics Oy"]):
    Partner.objects.create(application=application, name=name, type="company", role="Partner", order=n)
for n, year in enumerate([call.earliest_cost_date.year, call.earliest_cost_date.year + 1]):
    BudgetLine.objects.create(
        application=application, category="own_personnel", year=year, amount=Decimal("120000.00"),
        description="Project staff", order=n,
    )
print("SETUP" + json.dumps({
    "application": application.pk,
    "members": member_count(),
    "listed": public_organisations().count(),
    "upcoming_events": event_list_upcoming().count(),
    "call": call.slug,
}))
"""


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=capture, text=True)
    if done.returncode != 0:
        sys.stderr.write((done.stdout or "") + (done.stderr or ""))
        raise RuntimeError(f"manage.py {args[0]} failed")
    return done.stdout if capture else ""


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "ecosystem.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )


def wait_for(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if request(port, "/healthz/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not start")


def stop_server(server: subprocess.Popen | None) -> None:
    if server is None or server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(5)


# --- SQL queries per page, in this process ---------------------------------------------------------


def django_in_process(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def session_cookie() -> str:
    """A signed-in session for the applicant, stored in the benchmark database."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(email=APPLICANT))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def query_counts(page_list: list[Page], cookie: str) -> dict[str, tuple[int, int]]:
    """Queries of the first (cache empty) and the second request of each page, via the test Client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for page in page_list:
        client = Client(HTTP_HOST="127.0.0.1", HTTP_COOKIE=cookie if page.signed_in else "")
        seen = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page.path)
            if response.status_code != 200:
                raise RuntimeError(f"{page.path} answered {response.status_code} to the test client")
            seen.append(len(queries))
        counts[page.path] = (seen[0], seen[1])
    connection.close()
    return counts


def profiles(page_list: list[Page], cookie: str, repeat: int) -> None:
    """Where each page's time goes in this process (test Client, cache warm): pyinstrument's top entries."""
    from django.test import Client

    for page in page_list:
        client = Client(HTTP_HOST="127.0.0.1", HTTP_COOKIE=cookie if page.signed_in else "")
        client.get(page.path)
        print(f"\nprofile: {page.name} `{page.path}`")
        print(profile_top(lambda c=client, p=page.path: c.get(p), repeat=repeat))


# --- Report ----------------------------------------------------------------------------------------


def machine() -> str:
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    return (
        f"{platform.system()} {platform.release()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {load}"
    )


def report(results: list[Result], counts: dict[str, tuple[int, int]], args, info: dict) -> None:
    baseline = results[0].per_second
    print()
    print(f"machine: {machine()}")
    print(
        f"gunicorn {args.workers} sync workers, {args.concurrency} clients, at most {args.requests} requests "
        f"and {args.seconds:.0f} s per page in {args.rounds} rounds; cache: "
        f"{'Redis' if args.redis_url else 'local memory'}"
    )
    print(
        f"demo data: {info['members']} member organisations ({info['listed']} listed publicly), "
        f"{info['upcoming_events']} upcoming events, call {info['call']}"
    )
    print()
    print("| page | path | req/s | p50 | p95 | ratio | SQL queries (first / repeat) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for result in results:
        first, repeat = counts.get(result.page.path, (-1, -1))
        ratio = result.per_second / baseline if baseline else 0.0
        print(
            f"| {result.page.name} | `{result.page.path}` | {result.per_second:.1f} | "
            f"{result.percentile(50):.0f} ms | {result.percentile(95):.0f} ms | {ratio:.2f} | "
            f"{first} / {repeat} |"
        )
    print()
    below = [
        r.page.name
        for r in results[1:]
        if r.page.public and baseline and r.per_second / baseline < args.target
    ]
    if below:
        print(f"public pages below {args.target}: {', '.join(below)}")
    else:
        print(f"every public page is at or above {args.target} of the trivial view")
    for result in results:
        if result.failed:
            print(f"{result.page.path}: {result.failed} failed, statuses {result.statuses}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=600, help="requests per page in all (bound)")
    parser.add_argument("--seconds", type=float, default=60.0, help="time per page in all (bound)")
    parser.add_argument("--rounds", type=int, default=6, help="interleaved rounds over all pages")
    parser.add_argument("--concurrency", type=int, default=4, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--target", type=float, default=0.5, help="ratio every public page should reach")
    parser.add_argument("--profile", type=int, default=0, help="profile each page over this many requests")
    parser.add_argument(
        "--only", default="", help="comma-separated paths or names to measure (and the probe)"
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    args = parser.parse_args()
    if not args.database_url:
        sys.path.insert(0, str(ROOT))
        from ecosystem.embedded_db import embedded_database_url

        args.database_url = embedded_database_url()
    if urlparse(args.database_url).hostname not in (None, "", "127.0.0.1", "localhost", "::1"):
        parser.error("the benchmark runs on loopback only: DATABASE_URL must point to this machine")

    run_id = uuid.uuid4().hex[:8]
    db_name = f"bench_pages_{run_id}"
    prefix = f"bench-pages-{run_id}"
    media = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    env = server_env(database_url_named(args.database_url, db_name), args.redis_url, prefix, media)
    port = free_port()
    run_sql(args.database_url, f'CREATE DATABASE "{db_name}"')
    server = None
    try:
        print(f"setting up database {db_name} (migrate, collectstatic, seed_demo --force)…", flush=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        # The manifest storage (DEBUG off) needs the collected files, also for the demo's PDFs.
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "seed_demo", "--force", capture=True)
        out = manage(env, "shell", "-c", SETUP % {"email": APPLICANT, "project": PROJECT_NAME}, capture=True)
        info = json.loads(out.split("SETUP", 1)[1])
        page_list = pages(info["application"])
        if args.only:
            wanted = set(args.only.split(","))
            page_list = [p for p in page_list if p is PROBE or p.path in wanted or p.name in wanted]

        django_in_process(env)
        cookie = session_cookie()
        counts = query_counts(page_list, cookie)
        if args.profile:
            profiles(page_list, cookie, args.profile)

        server = start_server(env, port, args.workers)
        wait_for(port)
        # Every worker imports, connects and fills its template cache before the clock starts.
        for page in page_list:
            for _ in range(args.workers * 2):
                status, body = request(port, page.path, cookie if page.signed_in else "")
                if status != 200:
                    raise RuntimeError(f"{page.path} answered {status}")
            if page.signed_in and PROJECT_NAME.encode() not in body:
                raise RuntimeError("the applicant's page does not show the application: not signed in?")

        results = [Result(page) for page in page_list]
        per_round = max(1, args.requests // args.rounds)
        for n in range(args.rounds):
            print(f"round {n + 1} of {args.rounds}…", flush=True)
            # Each round starts with another page, so no page always runs at the same moment.
            for result in results[n % len(results) :] + results[: n % len(results)]:
                run(
                    result,
                    port,
                    total=per_round,
                    concurrency=args.concurrency,
                    deadline_s=args.seconds / args.rounds,
                    cookie=cookie if result.page.signed_in else "",
                )
        report(results, counts, args, info)
        baseline = results[0].per_second
        result = {
            r.page.path if not r.page.signed_in else "applicant": {
                "rps": r.per_second,
                "ratio": r.per_second / baseline if baseline else 0.0,
                "p50_ms": r.percentile(50),
                "queries": counts.get(r.page.path, (-1, -1))[1],
            }
            for r in results
        }
        print("RESULT " + json.dumps(result), flush=True)
    finally:
        stop_server(server)
        if args.redis_url:
            import redis

            client = redis.Redis.from_url(args.redis_url)
            client.delete(prefix)
            for key in client.scan_iter(f"{prefix}:*", count=1000):
                client.delete(key)
        run_sql(args.database_url, f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        shutil.rmtree(media, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
