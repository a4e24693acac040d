"""Outbox throughput: N messages through the whole pipeline versus a bare smtplib loop.

    DATABASE_URL=postgresql://… REDIS_URL=redis://… .venv/bin/python benchmarks/outbox_bench.py [--n 10000]

The pipeline run is what production does: ``mail_queue_bulk`` renders and stores N messages in
one transaction (bulk_create in batches) and, on commit, publishes one Celery task per batch to
Redis; a real worker process (prefork, ``--concurrency`` processes) claims each message in
PostgreSQL, sends it over one SMTP connection per batch and commits it as sent. The clock runs
from the start of ``mail_queue_bulk`` until the database shows all N sent.

The baseline sends the very same stored messages (the MIME bytes built beforehand, outside the
clock) with ``smtplib.SMTP.sendmail`` in a loop over one connection. Both go to the same aiosmtpd
sink in this process. The benchmark uses its own database (``<name>_outbox_bench``, dropped at
the end) and its own queue, so it never touches other data.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import smtplib
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from _support import database_url_named, profile_top, recreate_database

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def wait_for_sent(n: int, timeout: float) -> None:
    from outbox.models import OutgoingMail

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if OutgoingMail.objects.filter(state="sent").count() >= n:
            return
        time.sleep(0.05)
    raise SystemExit(f"timed out: {OutgoingMail.objects.filter(state='sent').count()} of {n} sent")


def profile_delivery(n: int) -> None:
    """Where a worker's time goes: the first ``n`` messages queued again and delivered in this process."""
    from outbox import delivery
    from outbox.models import OutgoingMail

    ids = list(OutgoingMail.objects.order_by("pk").values_list("pk", flat=True)[:n])
    OutgoingMail.objects.filter(pk__in=ids).update(state="queued", claim_token=None, claimed_at=None)
    print(f"\nprofile: delivery of {n} messages in one batch, in-process")
    print(profile_top(lambda: delivery.deliver(ids), repeat=1, lines=16))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="messages (default 10000)")
    parser.add_argument("--concurrency", type=int, default=os.cpu_count() or 2, help="worker processes")
    parser.add_argument("--batch-size", type=int, default=100, help="messages per task and SMTP connection")
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        help="then profile delivering this many messages in-process",
    )
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        raise SystemExit("Set DATABASE_URL and REDIS_URL.")
    server_url = os.environ["DATABASE_URL"]
    db_name = (urlsplit(server_url).path.lstrip("/") or "ecosystem") + "_outbox_bench"
    db_url = database_url_named(server_url, db_name)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        {
            "DATABASE_URL": db_url,
            "DJANGO_SETTINGS_MODULE": "ecosystem.settings",
            "ECOSYSTEM_TESTING": "1",
            "CELERY_QUEUE": queue,
            "OUTBOX_BATCH_SIZE": str(args.batch_size),
            "LOG_LEVEL": "WARNING",
        }
    )
    from tests.support.smtp import SmtpSink

    sink = SmtpSink()
    sink.start()
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    os.environ.update(
        {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": sink.host,
            "EMAIL_PORT": str(sink.port),
            "EMAIL_USE_TLS": "",
        }
    )
    recreate_database(server_url, db_name)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from django.db import transaction

    from outbox.delivery import build_message
    from outbox.models import OutgoingMail
    from outbox.services import BulkRecipient, mail_queue_bulk

    log_path = ROOT / ".data" / f"{queue}.log"
    log_path.parent.mkdir(exist_ok=True)
    command = [sys.executable, "-m", "celery", "-A", "ecosystem", "worker", "-Q", queue]
    command += ["-c", str(args.concurrency), "--pool", "prefork", "-n", f"{queue}@%h", "-l", "info"]
    command += ["--without-mingle", "--without-gossip"]
    worker = subprocess.Popen(
        command,
        cwd=ROOT,
        env=dict(os.environ),
        stdout=log_path.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while b" ready." not in log_path.read_bytes():
            if worker.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the worker did not start; see {log_path}")
            time.sleep(0.1)

        n = args.n
        recipients = (
            BulkRecipient(to=f"tilaaja{i}@example.fi", language=("fi", "sv", "en")[i % 3]) for i in range(n)
        )
        started = time.perf_counter()
        with transaction.atomic():
            mail_queue_bulk(recipients=recipients, template="notice", context={"message": "Uutiskirje " * 40})
        queued = time.perf_counter()
        wait_for_sent(n, args.timeout)
        finished = time.perf_counter()
        received = sink.wait_for(n, timeout=30)
        assert len({m.message_id for m in received}) == n, "every Message-ID exactly once"
        pipeline_rate = n / (finished - started)

        # The baseline: the same messages, MIME built beforehand, over one connection.
        prepared = [
            (mail.sender, [mail.to], build_message(mail).message().as_bytes(linesep="\r\n"))
            for mail in OutgoingMail.objects.order_by("pk").iterator(chunk_size=1000)
        ]
        sink.clear()
        started_bare = time.perf_counter()
        with smtplib.SMTP(sink.host, sink.port) as smtp:
            for sender, to, raw in prepared:
                smtp.sendmail(sender, to, raw)
        bare_seconds = time.perf_counter() - started_bare
        assert len(sink.wait_for(n, timeout=30)) == n
        bare_rate = n / bare_seconds

        print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"messages: {n}, worker processes: {args.concurrency}, batch size: {args.batch_size}")
        print(f"pipeline: queue (render + store + publish) {queued - started:.2f} s, "
              f"delivered after {finished - started:.2f} s")  # fmt: skip
        print(f"pipeline: {pipeline_rate:,.0f} messages/s")
        print(f"bare smtplib, one connection: {bare_rate:,.0f} messages/s ({bare_seconds:.2f} s)")
        print(f"ratio pipeline / bare: {pipeline_rate / bare_rate:.2f}")
        result = {"pipeline": pipeline_rate, "bare": bare_rate, "ratio": pipeline_rate / bare_rate, "n": n}
        print("RESULT " + json.dumps(result), flush=True)
        if args.profile:
            profile_delivery(args.profile)
    finally:
        import redis

        os.killpg(worker.pid, 15)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, 9)
        redis.Redis.from_url(os.environ["REDIS_URL"]).delete(queue)
        sink.stop()
        from django.db import connections

        connections.close_all()
        recreate_database(server_url, db_name, drop_only=True)


if __name__ == "__main__":
    main()
