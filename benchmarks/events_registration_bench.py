"""Registrations per second against a production-like server, next to the same server's trivial view.

By default the script creates its own database on the PostgreSQL of DATABASE_URL, migrates it, creates
two events (``bench`` with capacity 250, so the run also fills the waiting list, and ``bench-flow``
with 250 places for the flow below), starts gunicorn on loopback with DEBUG off, and measures:

* ``GET /healthz/`` (one ``SELECT 1`` and a broker ping): the server's trivial-view throughput, before
  and after the registrations (their mean is the ratio's denominator);
* ``POST /fi/events/<slug>/register/``: what the person waits for – the form, both rate limits, the
  row lock on the event for the capacity decision, the insert, the audit entry, the hand-over of the
  confirmation task after the commit, the redirect;
* **the flow** (``--flow`` people, default 400 for the 250 places of ``bench-flow``): each client, as a
  new browser, opens the event page, the form, posts it and opens the private page it is sent to –
  the flow pretix was measured with. Registrations per minute, and the capacity exact afterwards.

each with the same number of concurrent clients, bounded in requests and seconds.

Mail: the server publishes the confirmation tasks to Redis (Celery is not eager). With ``--worker after``
(the default) a real Celery worker starts once the measurements are over and delivers every
confirmation and waiting-list notice to an SMTP sink in this process, and the script checks that each
registration got exactly one; ``--worker during`` runs it during the measurements (it then shares the
two cores with the server); ``--worker none`` leaves the tasks in the queue. The per-client limit is
raised for the server (every request comes from 127.0.0.1), but it is still counted on every POST.

Everything stays on 127.0.0.1; the server, the worker, the database and the broker queue are removed
afterwards.

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

from _support import CountingSink, database_url_named, free_port, production_env, profile_top, run_sql

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
    finished_at: list[float] = field(default_factory=list)  # seconds from the start, of each success

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else 0.0

    def first_per_minute(self, n: int) -> float:
        """The rate of the first ``n`` successes (while places were left, for a flow of n places)."""
        done = sorted(self.finished_at)
        if len(done) < n or not n:
            return 60 * self.per_second
        return 60 * n / done[n - 1]

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
                    result.finished_at.append(time.monotonic() - began)
                else:
                    result.failed += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    began = time.monotonic()  # read by the workers: set before they start
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.monotonic() - began
    return result


def _cookies(headers) -> dict[str, str]:
    out = {}
    for key, value in headers:
        if key.lower() == "set-cookie":
            name, _eq, rest = value.partition("=")
            out[name] = rest.split(";", 1)[0]
    return out


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def register_body(token: str, email: str, n: int) -> str:
    return urlencode(
        {
            "csrfmiddlewaretoken": token,
            "name": f"Bench Person {n}",
            "email": email,
            "organisation": "Benchmark Oy",
            "language": "fi",
            "consent": "on",
        }
    )


def measure(host: str, port: int, slug: str, *, total: int, concurrency: int, deadline_s: float, run_id: str):
    register_path = f"/fi/events/{slug}/register/"

    def register(n: int, worker_id: int, state: dict) -> int:
        if "csrf" not in state:
            state["csrf"] = csrf_session(host, port, register_path)
        cookie, token = state["csrf"]
        status, _headers, _body = request(
            host,
            port,
            "POST",
            register_path,
            register_body(token, f"bench-{run_id}-{n}@example.fi", n),
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
        return status

    def healthz(n: int, worker_id: int, state: dict) -> int:
        return request(host, port, "GET", "/healthz/")[0]

    # Warm up the workers (imports, connections) before measuring.
    for _ in range(concurrency):
        request(host, port, "GET", "/healthz/")
        request(host, port, "GET", register_path)
    bounds = {"total": total, "concurrency": concurrency, "deadline_s": deadline_s}
    trivial = run("GET /healthz/ (trivial view)", make_request=healthz, **bounds)
    registrations = run("POST register (registration)", make_request=register, **bounds)
    trivial_after = run("GET /healthz/ (again)", make_request=healthz, **bounds)
    return trivial, registrations, trivial_after


def measure_flow(
    host: str, port: int, slug: str, *, people: int, concurrency: int, deadline_s: float, run_id: str
) -> Result:
    """Each person a new browser: event page, form, POST, the private page the redirect names."""
    event_path = f"/fi/events/{slug}/"
    register_path = f"{event_path}register/"

    def flow(n: int, worker_id: int, state: dict) -> int:
        status, headers, _body = request(host, port, "GET", event_path)
        if status != 200:
            return status
        status, headers, body = request(host, port, "GET", register_path)
        cookies = _cookies(headers)
        token = CSRF_INPUT.search(body.decode()).group(1)
        status, headers, _body = request(
            host,
            port,
            "POST",
            register_path,
            register_body(token, f"flow-{run_id}-{n}@example.fi", n),
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": _cookie_header(cookies)},
        )
        if status != 302:
            return status
        location = urlparse(dict((k.lower(), v) for k, v in headers)["location"]).path
        cookies.update(_cookies(headers))  # the "you are registered" message travels in a cookie
        status, _headers, page = request(
            host, port, "GET", location, headers={"Cookie": _cookie_header(cookies)}
        )
        if status == 200 and b"Bench Person" not in page:
            return 0
        return status

    return run("flow: event page, form, POST, private page", total=people, concurrency=concurrency,
               deadline_s=deadline_s, make_request=flow)  # fmt: skip


# --- A server of our own -------------------------------------------------------------------------


def server_env(database_url: str, redis_url: str, queue: str, smtp_port: int) -> dict[str, str]:
    env = production_env(database_url, redis_url, queue)
    # Every request comes from 127.0.0.1: the per-client limit (20 an hour) is raised, still counted.
    env["EVENTS_RATE_LIMIT_PER_CLIENT"] = "1000000000"
    env.update({"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port), "EMAIL_USE_TLS": ""})
    env.update({"EMAIL_HOST_USER": "", "EMAIL_HOST_PASSWORD": "", "EMAIL_TIMEOUT": "10"})
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
Event.objects.create(slug="bench-profile", type="ai_morning", format="online", title="Benchmark profile",
    title_fi="Benchmark profile", starts_at=start, ends_at=start + timedelta(hours=1), capacity=100000)
Event.objects.create(slug="bench-flow", type="ai_morning", format="online", title="Benchmark flow",
    title_fi="Benchmark flow", starts_at=start, ends_at=start + timedelta(hours=1), capacity={flow_capacity},
    joining_url="https://teams.example.com/join/bench")
"""


COUNTS = (
    "from events.models import Registration as R; from outbox.models import OutgoingMail as M; import json;"
    "print('COUNTS', json.dumps({e: [R.objects.filter(event__slug=e, status=s).count() for s in"
    " ('registered', 'waiting')] for e in ('bench', 'bench-flow')} | {'mail': M.objects.count(),"
    " 'sent': M.objects.filter(state='sent').count(), 'registrations': R.objects.count()}))"
)


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
    parser.add_argument("--flow", type=int, default=400, help="people in the flow (0: no flow)")
    parser.add_argument("--flow-capacity", type=int, default=250)
    parser.add_argument(
        "--worker",
        choices=("after", "during", "none"),
        default="after",
        help="when a real Celery worker delivers the confirmations (to a sink in this process)",
    )
    parser.add_argument(
        "--profile", type=int, default=0, help="also profile the POST in this process over this many requests"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    args = parser.parse_args()
    run_id = uuid.uuid4().hex[:8]
    bounds = {"concurrency": args.concurrency, "deadline_s": args.seconds, "run_id": run_id}

    if args.url:
        parsed = urlparse(args.url)
        if parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
            parser.error("only a server on loopback may be measured")
        trivial, registrations, trivial_after = measure(
            parsed.hostname, parsed.port or 80, args.slug, total=args.requests, **bounds
        )
        report(trivial, registrations, trivial_after, None, args)
        return 0
    if args.worker != "none" and not args.redis_url:
        parser.error("a worker needs REDIS_URL (without it the server delivers in the request)")

    db_name = f"bench_events_{run_id}"
    database_url = database_url_named(args.database_url, db_name)
    queue = f"bench-{run_id}"
    sink = CountingSink()
    env = server_env(database_url, args.redis_url, queue, sink.port)
    port = free_port()
    run_sql(args.database_url, f'CREATE DATABASE "{db_name}"')
    server = worker = None
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
        # As in the Dockerfile: the manifest storage needs collected static files (git-ignored).
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        subprocess.run(
            [
                PYTHON, "manage.py", "shell", "-c",
                CREATE_EVENT.format(capacity=args.capacity, flow_capacity=args.flow_capacity),
            ],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
        sink.start()
        if args.worker == "during":
            worker = start_worker(env, queue)
        server = subprocess.Popen(
            [
                PYTHON, "-m", "gunicorn", "ecosystem.wsgi", "-b", f"127.0.0.1:{port}",
                "-w", str(args.workers), "--log-level", "warning",
            ],
            cwd=ROOT, env=env, start_new_session=True,
        )  # fmt: skip
        wait_for(port)
        trivial, registrations, trivial_after = measure(
            "127.0.0.1", port, "bench", total=args.requests, **bounds
        )
        flow = None
        if args.flow:
            # Every person of the flow goes through: the capacity is checked at the end.
            flow_bounds = {**bounds, "deadline_s": max(args.seconds, 300.0)}
            flow = measure_flow("127.0.0.1", port, "bench-flow", people=args.flow, **flow_bounds)
        delivered_in = None
        if args.worker != "none":
            started = time.monotonic()
            if worker is None:
                worker = start_worker(env, queue)
            expected = int(counts(env)["registrations"])
            deadline = time.monotonic() + max(120.0, expected / 5)
            while sink.total() < expected and time.monotonic() < deadline:
                time.sleep(0.2)
            delivered_in = time.monotonic() - started
        found = counts(env)
        profiled = in_process(env, args.profile) if args.profile else {}
        report(trivial, registrations, trivial_after, flow, args)
        healthz = (trivial.per_second + trivial_after.per_second) / 2
        result = {
            "healthz": healthz,
            "healthz_before": trivial.per_second,
            "healthz_after": trivial_after.per_second,
            "register": registrations.per_second,
            "register_p50_ms": registrations.p50_ms,
            "ratio": registrations.per_second / healthz if healthz else 0.0,
            "registered": found["bench"][0],
            "waiting": found["bench"][1],
            "capacity": args.capacity,
            "failed": registrations.failed,
            "worker": args.worker,
            "messages": found["mail"],
            "sent": found["sent"],
            "registrations": found["registrations"],
            "sink_received": sink.total(),
            "sink_duplicates": sum(1 for c in sink.counts.values() if c > 1),
            "delivered_in_s": delivered_in,
            **profiled,
        }
        print(f"bench: registered {found['bench'][0]}, waiting {found['bench'][1]}; messages in the outbox "
              f"{found['mail']}, sent {found['sent']}")  # fmt: skip
        if flow is not None:
            result.update(
                {
                    "flow_people": args.flow,
                    "flow_ok": flow.ok,
                    "flow_seconds": flow.seconds,
                    "flow_per_minute": 60 * flow.per_second,
                    "flow_first_places_per_minute": flow.first_per_minute(args.flow_capacity),
                    "flow_registered": found["bench-flow"][0],
                    "flow_waiting": found["bench-flow"][1],
                    "flow_capacity": args.flow_capacity,
                    "flow_exact": found["bench-flow"][0] == args.flow_capacity,
                }
            )
            print(f"flow: registered {found['bench-flow'][0]} of {args.flow_capacity} places, waiting "
                  f"{found['bench-flow'][1]}; {60 * flow.per_second:.0f} registrations/min, the first "
                  f"{args.flow_capacity} at {flow.first_per_minute(args.flow_capacity):.0f}/min")  # fmt: skip
        if delivered_in is not None:
            print(f"worker ({args.worker}): {sink.total()} messages at the sink for {found['registrations']} "
                  f"registrations in {delivered_in:.1f} s after the measurements")  # fmt: skip
        print("RESULT " + json.dumps(result), flush=True)
    finally:
        for process in (server, worker):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
        sink.stop()
        if args.redis_url:
            import redis

            redis.Redis.from_url(args.redis_url).delete(queue)
        run_sql(args.database_url, f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
    return 0


def in_process(env: dict[str, str], repeat: int) -> dict:
    """The POST and /healthz/ in this process through Django's test Client (CSRF enforced): SQL queries
    of one POST, CPU time per request (which a busy machine does not inflate), and where the time goes."""
    import itertools

    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    path = "/fi/events/bench-profile/register/"
    client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")
    token = CSRF_INPUT.search(client.get(path).content.decode()).group(1)
    numbers = itertools.count()

    def post():
        n = next(numbers)
        response = client.post(
            path,
            {"csrfmiddlewaretoken": token, "name": f"Profile {n}", "email": f"profile-{n}@example.fi",
             "organisation": "Benchmark Oy", "language": "fi", "consent": "on"},
        )  # fmt: skip
        if response.status_code != 302:
            raise RuntimeError(f"the POST answered {response.status_code}")
        # A browser shows the message on the page it is sent to; without that GET the test Client
        # would carry every earlier message in its cookie and re-sign them all on each POST.
        client.cookies.pop("messages", None)

    def healthz():
        if client.get("/healthz/").status_code != 200:
            raise RuntimeError("/healthz/ failed")

    post()
    healthz()
    queries: list[str] = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        post()
    cpu = {}
    for name, call in (("post", post), ("healthz", healthz)):
        best = None
        for _round in range(2):
            started = time.process_time()
            for _ in range(repeat):
                call()
            took = (time.process_time() - started) / repeat * 1000
            best = took if best is None else min(best, took)
        cpu[name] = best
    print(f"\nin process (test Client), CPU per request, best of 2 x {repeat}: POST {cpu['post']:.2f} ms, "
          f"/healthz/ {cpu['healthz']:.2f} ms, ratio {cpu['healthz'] / cpu['post']:.2f}; "
          f"{len(queries)} SQL queries per POST")  # fmt: skip
    for sql in queries:
        print("   ", sql[:150])
    print("\nprofile: POST register")
    print(profile_top(post, repeat=repeat, lines=25))
    print("\nprofile: GET /healthz/")
    print(profile_top(healthz, repeat=repeat, lines=8))
    connection.close()
    return {"post_cpu_ms": cpu["post"], "healthz_cpu_ms": cpu["healthz"], "post_queries": len(queries)}


def counts(env: dict[str, str]) -> dict:
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", COUNTS],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.split("COUNTS", 1)[-1])


def start_worker(env: dict[str, str], queue: str) -> subprocess.Popen:
    """A real Celery worker (one prefork process) on the server's queue."""
    log_path = ROOT / ".data" / f"{queue}.log"
    log_path.parent.mkdir(exist_ok=True)
    worker = subprocess.Popen(
        [
            PYTHON, "-m", "celery", "-A", "ecosystem", "worker", "-Q", queue, "-c", "1", "--pool", "prefork",
            "-n", f"{queue}@%h", "-l", "info", "--without-mingle", "--without-gossip",
        ],
        cwd=ROOT, env=env, stdout=log_path.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while b" ready." not in log_path.read_bytes():
        if worker.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the worker did not start; see {log_path}")
        time.sleep(0.2)
    return worker


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


def report(trivial: Result, registrations: Result, trivial_after: Result, flow: Result | None, args) -> None:
    print(f"concurrency {args.concurrency}, at most {args.requests} requests and {args.seconds:.0f} s each")
    print(trivial.line())
    print(registrations.line())
    print(trivial_after.line())
    if flow is not None:
        print(flow.line())
    healthz = (trivial.per_second + trivial_after.per_second) / 2
    if healthz:
        print(f"registrations run at {100 * registrations.per_second / healthz:.0f} % of the trivial view")
    for result in (trivial, registrations, trivial_after, flow):
        if result is not None and result.failed:
            print(f"{result.name}: statuses {result.statuses}")


if __name__ == "__main__":
    sys.exit(main())
