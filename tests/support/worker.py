"""A real Celery worker process against the Redis at REDIS_URL.

Each test uses its own queue and cache key prefix, and each parallel test process (pytest-xdist)
its own Redis database, so parallel runs on one Redis never take each other's tasks or keys.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]


def database_url_for(settings_dict: dict) -> str:
    # The embedded PostgreSQL is reached through a socket folder given as an option, not as HOST.
    host = settings_dict.get("HOST") or (settings_dict.get("OPTIONS") or {}).get("host") or ""
    user = quote(settings_dict.get("USER") or "")
    password = quote(settings_dict.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgresql://{auth}{quote(host, safe='')}{port}/{quote(settings_dict['NAME'])}"


# Redis's default number of databases; a server started with more (--databases) lets several
# checkouts on one machine test side by side, each from its own REDIS_URL database.
REDIS_DATABASES = int(os.environ.get("TEST_REDIS_DATABASES", "16"))


def redis_url_for_this_process() -> str | None:
    """REDIS_URL with a database of this test process's own when tests run in parallel.

    The main process (or a run without xdist) keeps REDIS_URL's database; worker gwN takes the
    N+1th database after it, so no two processes of one run share Redis's global keys.
    """
    url = os.environ.get("REDIS_URL")
    if not url:
        return None
    xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not xdist_worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    database = (base + 1 + int(xdist_worker[2:])) % REDIS_DATABASES
    return urlunsplit(parts._replace(path=f"/{database}"))


class WorkerProcess:
    def __init__(self, *, queue: str, env: dict[str, str], concurrency: int = 1):
        self.queue = queue
        self.env = env
        self.concurrency = concurrency
        self.process: subprocess.Popen | None = None
        self.log_path = ROOT / ".data" / f"worker-{queue}.log"

    def start(self, timeout: float = 60.0) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "ecosystem",
                "worker",
                "-Q",
                self.queue,
                "-c",
                str(self.concurrency),
                "--pool",
                "prefork",
                "-n",
                f"{self.queue}-{uuid.uuid4().hex[:6]}@%h",
                "-l",
                "info",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited early; see {self.log_path}")
            if b" ready." in self.log_path.read_bytes():
                return
            time.sleep(0.2)
        raise RuntimeError(f"the Celery worker did not start in {timeout} s; see {self.log_path}")

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and children), as a crashed machine would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


def _forget_cached_connections(app) -> None:
    """Celery caches the result backend per thread and the broker's connection and producer pools on
    first use; make them follow the new config (this process's Redis database, not REDIS_URL's)."""
    app._local.__dict__.pop("backend", None)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_queue():
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def worker_env(transactional_db, celery_queue, settings):
    """The environment a worker process needs to share this test's database and queue."""
    from django.db import connection

    redis_url = redis_url_for_this_process()
    if not redis_url:
        if os.environ.get("CI"):
            pytest.fail("REDIS_URL must be set under CI: the worker tests need a real Redis")
        pytest.skip("no REDIS_URL: the worker tests need a real Redis")
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ecosystem.settings",
            "ECOSYSTEM_TESTING": "1",
            "DATABASE_URL": database_url_for(connection.settings_dict),
            "REDIS_URL": redis_url,
            "CELERY_QUEUE": celery_queue,
            "CELERY_RESULT_BACKEND": redis_url,
            "CACHE_KEY_PREFIX": celery_queue,
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


@pytest.fixture
def celery_worker_factory(worker_env, celery_queue):
    """Start real worker processes; the test process sends its tasks to their queue."""
    from ecosystem.celery import app

    original_broker = app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = worker_env["REDIS_URL"]
    app.conf.result_backend = worker_env["REDIS_URL"]
    app.conf.task_default_queue = celery_queue
    app.conf.task_ignore_result = False
    _forget_cached_connections(app)
    workers: list[WorkerProcess] = []

    def start(extra_env: dict[str, str] | None = None, concurrency: int = 1) -> WorkerProcess:
        env = dict(worker_env)
        env.update(extra_env or {})
        worker = WorkerProcess(queue=celery_queue, env=env, concurrency=concurrency)
        worker.start()
        workers.append(worker)
        return worker

    yield start
    # The test is over: nothing it checks depends on a graceful shutdown, and SIGKILL ends the
    # workers' database connections at once, before the flush that follows needs its locks.
    for worker in workers:
        worker.kill()
    app.conf.task_always_eager = True
    app.conf.broker_url = original_broker
    app.conf.task_default_queue = "ecosystem"
    app.conf.task_ignore_result = True
    app.conf.result_backend = None
    _forget_cached_connections(app)
    import redis

    redis.Redis.from_url(worker_env["REDIS_URL"]).delete(celery_queue)


@pytest.fixture
def celery_worker(celery_worker_factory):
    return celery_worker_factory()
