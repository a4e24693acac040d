"""Newsletter throughput: a campaign to N subscribers through a real worker versus bare smtplib.

    DATABASE_URL=… REDIS_URL=… .venv/bin/python benchmarks/newsletter_bench.py [--n 100000]

It creates its own database (``<name>_newsletter_bench``, dropped at the end) and queue, generates N
confirmed subscribers (fi/sv/en), starts a real Celery worker (prefork, ``--concurrency`` processes)
and an aiosmtpd sink in this process that only counts recipients (so the sink is not the bottleneck),
then

1. **campaign**: ``campaign_send``; the worker queues the recipients chunk by chunk (delivery records,
   personal links and List-Unsubscribe headers, outbox messages) and delivers them batch by batch.
   Timed from ``campaign_send`` until the database shows N sent; checks that every subscriber got it
   exactly once. Meanwhile the worker's process tree (main process and children) is sampled with
   psutil for its peak resident memory.
2. **bare smtplib**: the very same stored messages (MIME built beforehand, outside the clock) sent with
   ``smtplib.SMTP.sendmail`` in a loop over one connection to the same sink.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import platform
import smtplib
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from _support import database_url_named, recreate_database

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class CountingSink:
    """An aiosmtpd server that counts messages per recipient and keeps nothing else."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        from tests.support.smtp import free_port

        self.host, self.port = "127.0.0.1", free_port()
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802
                with sink.lock:
                    sink.counts.update(envelope.rcpt_tos)
                return "250 OK"

        self.controller = Controller(Handler(), hostname=self.host, port=self.port)

    def total(self) -> int:
        with self.lock:
            return sum(self.counts.values())

    def clear(self) -> None:
        with self.lock:
            self.counts.clear()


class MemorySampler(threading.Thread):
    """Peak memory of a process and its children (summed), sampled every 0.2 s: resident (RSS, which
    counts the pages the prefork children share with their parent in every process) and
    proportional (PSS, which splits them: what the tree really takes)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.peak_pss = 0
        self.stop = threading.Event()

    def run(self) -> None:
        import psutil

        root = psutil.Process(self.pid)
        while not self.stop.is_set():
            total = pss = 0
            try:
                for process in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        info = process.memory_full_info()
                        total += info.rss
                        pss += getattr(info, "pss", info.rss)
            except psutil.Error:
                return
            self.peak = max(self.peak, total)
            self.peak_pss = max(self.peak_pss, pss)
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000, help="subscribers (default 100000)")
    parser.add_argument("--concurrency", type=int, default=os.cpu_count() or 2, help="worker processes")
    parser.add_argument("--batch-size", type=int, default=100, help="messages per task and SMTP connection")
    parser.add_argument("--chunk", type=int, default=500, help="recipients queued per transaction")
    parser.add_argument("--timeout", type=float, default=3600.0)
    parser.add_argument(
        "--bare-sample",
        type=int,
        default=10_000,
        help="messages of the bare smtplib loop (the first N stored; all of them when fewer)",
    )
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        raise SystemExit("Set DATABASE_URL and REDIS_URL.")
    server_url = os.environ["DATABASE_URL"]
    db_name = (urlsplit(server_url).path.lstrip("/") or "ecosystem") + "_newsletter_bench"
    db_url = database_url_named(server_url, db_name)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    sink = CountingSink()
    sink.controller.start()
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    os.environ.update(
        {
            "DATABASE_URL": db_url,
            "DJANGO_SETTINGS_MODULE": "ecosystem.settings",
            "ECOSYSTEM_TESTING": "1",
            "CELERY_QUEUE": queue,
            "OUTBOX_BATCH_SIZE": str(args.batch_size),
            "NEWSLETTER_ENQUEUE_CHUNK": str(args.chunk),
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": sink.host,
            "EMAIL_PORT": str(sink.port),
            "EMAIL_USE_TLS": "",
            "SITE_URL": "https://sotetekoaly.example",
        }
    )
    recreate_database(server_url, db_name)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from django.db import transaction
    from django.utils import timezone

    from newsletter import services
    from newsletter.enums import ConsentMethod, SubscriberStatus
    from newsletter.models import Campaign, Subscriber
    from outbox.delivery import build_message
    from outbox.models import OutgoingMail

    n = args.n
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"tilaaja{i}@example.fi", language=("fi", "sv", "en")[i % 3],
                status=SubscriberStatus.CONFIRMED, confirmed_at=now, consent_at=now,
                consent_method=ConsentMethod.DOUBLE_OPT_IN,
            )
            for i in range(n)
        ),
        batch_size=5000,
    )  # fmt: skip
    body = "## Ajankohtaista\n\n" + "Tekoälyn **käyttötapauksia** ja [lisätietoa](https://example.fi/). " * 30
    campaign = Campaign.objects.create(
        subject="Uutiskirje", subject_fi="Uutiskirje", body=body, body_fi=body,
        subject_sv="Nyhetsbrev", body_sv=body.replace("Tekoälyn", "AI:ns"),
    )  # fmt: skip

    log_path = ROOT / ".data" / f"{queue}.log"
    log_path.parent.mkdir(exist_ok=True)
    command = [sys.executable, "-m", "celery", "-A", "ecosystem", "worker", "-Q", queue]
    command += ["-c", str(args.concurrency), "--pool", "prefork", "-n", f"{queue}@%h", "-l", "info"]
    command += ["--without-mingle", "--without-gossip"]
    worker = subprocess.Popen(
        command, cwd=ROOT, env=dict(os.environ), stdout=log_path.open("wb"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    sampler = MemorySampler(worker.pid)
    try:
        from ecosystem.celery import app

        app.conf.task_always_eager = False
        app.conf.broker_url = os.environ["REDIS_URL"]
        deadline = time.monotonic() + 60
        while b" ready." not in log_path.read_bytes():
            if worker.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the worker did not start; see {log_path}")
            time.sleep(0.1)
        sampler.start()

        started = time.perf_counter()
        with transaction.atomic():
            services.campaign_send(campaign=campaign, actor=None)
        deadline = time.monotonic() + args.timeout
        last_report = 0.0
        while True:
            sent = OutgoingMail.objects.filter(state="sent").count()
            if sent >= n:
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"only {sent} of {n} sent in {args.timeout} s")
            if time.monotonic() - last_report > 30:
                print(
                    f"  … {sent} sent after {time.perf_counter() - started:.0f} s, "
                    f"peak PSS so far {sampler.peak_pss / 1024 / 1024:,.0f} MiB",
                    flush=True,
                )
                last_report = time.monotonic()
            time.sleep(0.5)
        finished = time.perf_counter()
        sampler.stop.set()
        services.campaign_refresh(campaign_id=campaign.pk)
        campaign.refresh_from_db()
        assert campaign.state == "sent", campaign.state
        deadline = time.monotonic() + 30
        while sink.total() < n and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(sink.counts) == n and set(sink.counts.values()) == {1}, "every subscriber exactly once"
        campaign_rate = n / (finished - started)

        # A rate needs no more than a sample: 100 000 prepared messages would take a gigabyte here.
        bare_n = min(n, args.bare_sample)
        prepared = [
            (mail.sender, [mail.to], build_message(mail).message().as_bytes(linesep="\r\n"))
            for mail in OutgoingMail.objects.order_by("pk")[:bare_n].iterator(chunk_size=2000)
        ]
        sink.clear()
        started_bare = time.perf_counter()
        with smtplib.SMTP(sink.host, sink.port) as smtp:
            for sender, to, raw in prepared:
                smtp.sendmail(sender, to, raw)
        bare_seconds = time.perf_counter() - started_bare
        assert sink.total() == bare_n
        bare_rate = bare_n / bare_seconds

        print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"subscribers: {n}, worker processes: {args.concurrency}, batch size: {args.batch_size}, "
              f"queueing chunk: {args.chunk}")  # fmt: skip
        print(f"campaign through the worker: {campaign_rate:,.0f} messages/s ({finished - started:.1f} s)")
        print(f"bare smtplib, one connection: {bare_rate:,.0f} messages/s ({bare_n} in {bare_seconds:.1f} s)")
        print(f"ratio campaign / bare: {campaign_rate / bare_rate:.3f}")
        print(f"worker peak memory (process tree RSS): {sampler.peak / 1024 / 1024:,.0f} MiB")
        print(f"worker peak memory (process tree PSS): {sampler.peak_pss / 1024 / 1024:,.0f} MiB")
        result = {
            "campaign": campaign_rate,
            "bare": bare_rate,
            "ratio": campaign_rate / bare_rate,
            "rss_mib": sampler.peak / 1024 / 1024,
            "pss_mib": sampler.peak_pss / 1024 / 1024,
            "n": n,
        }
        print("RESULT " + json.dumps(result), flush=True)
    finally:
        import redis

        sampler.stop.set()
        os.killpg(worker.pid, 15)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, 9)
        redis.Redis.from_url(os.environ["REDIS_URL"]).delete(queue)
        sink.controller.stop()
        from django.db import connections

        connections.close_all()
        recreate_database(server_url, db_name, drop_only=True)


if __name__ == "__main__":
    main()
