"""A campaign through real Celery worker processes, killed with SIGKILL in the middle."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from django.db import transaction
from django.utils import timezone

from newsletter import services
from newsletter.enums import ConsentMethod, SubscriberStatus
from newsletter.models import Campaign, Delivery, Subscriber
from outbox.models import OutgoingMail
from outbox.services import mail_requeue_stale
from tests.factories import UserFactory
from tests.newsletter.factories import CampaignFactory

pytestmark = pytest.mark.worker
# More than the network's 1 500 subscribers; the pipeline's throughput is measured by
# benchmarks/newsletter_bench.py, not here.
RECIPIENTS = 2000


def wait_until(predicate, timeout: float, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met in {timeout} s")


def test_campaign_survives_a_killed_worker(celery_worker_factory, worker_mail_env, fast_timings, smtp):
    """SIGKILL the worker while it queues and sends a 2,000-recipient campaign; a new worker and the
    periodic duties (outbox.requeue_stale, newsletter.dispatch) finish it. Every confirmed subscriber
    gets the campaign; the only duplicates are messages in flight at the kill."""
    started = time.monotonic()
    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"tilaaja{i}@example.fi", language=("fi", "sv", "en")[i % 3],
            status=SubscriberStatus.CONFIRMED, confirmed_at=now, consent_at=now,
            consent_method=ConsentMethod.DOUBLE_OPT_IN,
        )
        for i in range(RECIPIENTS)
    )  # fmt: skip
    Subscriber.objects.create(email="peruttu@example.fi", status=SubscriberStatus.UNSUBSCRIBED)
    env = {**worker_mail_env, "NEWSLETTER_ENQUEUE_CHUNK": "250"}
    worker = celery_worker_factory(env, concurrency=3)
    campaign = CampaignFactory(subject_sv="Nyhetsbrev", body_sv="Hej.")
    with transaction.atomic():
        services.campaign_send(campaign=campaign, actor=UserFactory())

    wait_until(lambda: OutgoingMail.objects.filter(state="sent").count() >= 400, timeout=40, interval=0.01)
    worker.kill()
    in_flight = OutgoingMail.objects.filter(state="inflight").count()
    queued_at_kill = Delivery.objects.filter(campaign=campaign).count()
    sent_at_kill = OutgoingMail.objects.filter(state="sent").count()
    assert sent_at_kill < RECIPIENTS

    celery_worker_factory(env, concurrency=3)

    # The dead worker's claims are requeued once they expire (OUTBOX_INFLIGHT_TIMEOUT); until then
    # the periodic duties leave them alone, so calling them early is safe.
    def finished() -> bool:
        mail_requeue_stale()  # what beat runs every minute
        services.campaigns_dispatch()  # and every 30 seconds
        return Campaign.objects.get(pk=campaign.pk).state == "sent"

    wait_until(finished, timeout=150, interval=0.5)
    assert Delivery.objects.filter(campaign=campaign).count() == RECIPIENTS
    assert set(Delivery.objects.filter(campaign=campaign).values_list("state", flat=True)) == {"sent"}
    received = smtp.wait_for(RECIPIENTS, timeout=10)
    counts = Counter(m.rcpt_tos[0] for m in received)
    expected = set(Subscriber.objects.filter(status="confirmed").values_list("email", flat=True))
    assert set(counts) == expected
    duplicates = sum(n - 1 for n in counts.values())
    assert duplicates <= in_flight, (duplicates, in_flight)
    print(
        f"\nkilled after {sent_at_kill} sent and {queued_at_kill} queued; in flight {in_flight}; "
        f"duplicates {duplicates}; total {time.monotonic() - started:.1f} s"
    )
