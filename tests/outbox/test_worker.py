"""The outbox end to end: PostgreSQL, Redis, real Celery worker processes and the loopback SMTP sink."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from django.db import transaction

from outbox.models import OutgoingMail
from outbox.services import BulkRecipient, mail_queue, mail_queue_bulk, mail_requeue_stale
from tests.outbox.conftest import wait_until
from tests.support.smtp import free_port

pytestmark = pytest.mark.worker


def queue_notice(to: str = "maija@example.fi", **kwargs) -> OutgoingMail:
    return mail_queue(to=to, template="notice", context={"message": "Tervetuloa"}, language="fi", **kwargs)


def state_of(mail: OutgoingMail) -> str:
    return OutgoingMail.objects.values_list("state", flat=True).get(pk=mail.pk)


def test_committed_mail_arrives_and_rolled_back_mail_does_not(outbox_worker, smtp):
    with transaction.atomic():
        kept = queue_notice()
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_notice(to="peruttu@example.fi")
        raise RuntimeError("the caller's change fails")
    wait_until(lambda: state_of(kept) == "sent")
    received = smtp.wait_for(1)
    assert [(m.message_id, m.rcpt_tos, m.subject) for m in received] == [
        (kept.message_id, ["maija@example.fi"], "SOTE-tekoälyn ekosysteemi")
    ]
    assert OutgoingMail.objects.count() == 1


def test_broker_unreachable_at_commit_then_delivered_by_the_periodic_task(
    outbox_worker, worker_env, smtp, broker_at, client, settings
):
    settings.ACCOUNT_RATE_LIMITS = False
    broker_at(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    started = time.monotonic()
    with transaction.atomic():
        mail = queue_notice()
    assert time.monotonic() - started < 2.0
    # A real request that sends mail (allauth's sign-up confirmation) also succeeds.
    response = client.post(
        "/fi/accounts/signup/",
        {"email": "uusi@example.fi", "password1": "pitka-salasana-2026", "password2": "pitka-salasana-2026"},
    )
    assert response.status_code == 302
    assert sorted(OutgoingMail.objects.values_list("to", "state", "enqueued_at")) == [
        ("maija@example.fi", "queued", None),
        ("uusi@example.fi", "queued", None),
    ]
    # Redis is back: the periodic task hands the messages over.
    broker_at(worker_env["REDIS_URL"])
    assert mail_requeue_stale() == {"failed": 0, "requeued": 0, "published": 2}
    wait_until(lambda: OutgoingMail.objects.filter(state="sent").count() == 2)
    received = smtp.wait_for(2)
    assert sorted(m.rcpt_tos[0] for m in received) == ["maija@example.fi", "uusi@example.fi"]
    assert mail.message_id in {m.message_id for m in received}


def test_temporary_refusals_are_retried_until_delivered(outbox_worker, smtp):
    smtp.fail_next("451 4.3.0 Try again later", times=2)
    with transaction.atomic():
        mail = queue_notice()
    wait_until(lambda: state_of(mail) == "sent", timeout=20)
    mail.refresh_from_db()
    assert (mail.attempts, mail.last_error) == (3, "")
    assert [m.message_id for m in smtp.wait_for(1)] == [mail.message_id]


def test_permanent_refusal_fails_with_the_reason_in_the_admin(outbox_worker, smtp, admin_client):
    smtp.fail_next("550 5.1.1 No such user")
    with transaction.atomic():
        mail = queue_notice(to="eiole@example.fi")
    wait_until(lambda: state_of(mail) == "failed")
    mail.refresh_from_db()
    assert (mail.attempts, mail.last_error) == (1, "550 5.1.1 No such user")
    assert smtp.messages == []
    change_page = admin_client.get(f"/en/admin/outbox/outgoingmail/{mail.pk}/change/")
    assert change_page.status_code == 200
    assert "550 5.1.1 No such user" in change_page.content.decode()
    changelist = admin_client.get("/en/admin/outbox/outgoingmail/?state__exact=failed")
    assert "550 5.1.1 No such user" in changelist.content.decode()


def test_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
    celery_worker_factory, outbox_worker_env, fast_outbox, smtp
):
    """SIGKILL a worker while it sends a 500-message bulk batch by batch.

    The kill is triggered by database progress (at least 150 sent). So that it lands outside
    the one duplicate window SMTP leaves open (after the server's 250, before the commit of
    ``sent``; see outbox/delivery.py), the sink holds new recipients just before the kill:
    each worker process is then waiting for a RCPT answer, with everything it sent before
    already committed."""
    fast_outbox.OUTBOX_BATCH_SIZE = 50
    fast_outbox.OUTBOX_REQUEUE_AFTER = 1
    worker = celery_worker_factory(outbox_worker_env, concurrency=2)
    with transaction.atomic():
        mail_queue_bulk(
            recipients=(BulkRecipient(to=f"tilaaja{i}@example.fi", language="fi") for i in range(500)),
            template="notice",
            context={"message": "Uutiskirje"},
        )
    wait_until(lambda: OutgoingMail.objects.filter(state="sent").count() >= 150, timeout=30, interval=0.01)
    smtp.hold()
    wait_until(lambda: smtp.held_count() == 2, timeout=10, interval=0.01)
    worker.kill()
    smtp.release()
    sent_before = OutgoingMail.objects.filter(state="sent").count()
    assert 150 <= sent_before < 500
    assert OutgoingMail.objects.filter(state="inflight").count() == 2
    assert len(smtp.messages) == sent_before

    celery_worker_factory(outbox_worker_env, concurrency=2)

    def all_sent() -> bool:
        mail_requeue_stale()  # what beat runs every minute in production
        return OutgoingMail.objects.filter(state="sent").count() == 500

    wait_until(all_sent, timeout=45, interval=0.5)
    counts = Counter(m.message_id for m in smtp.wait_for(500))
    assert len(counts) == 500
    assert set(counts.values()) == {1}
    assert set(counts) == set(OutgoingMail.objects.values_list("message_id", flat=True))


@pytest.mark.slow
def test_live_worker_keeps_its_claim_and_a_dead_ones_is_taken_back_within_the_lease(
    celery_worker_factory, outbox_worker_env, fast_outbox, smtp
):
    """The heartbeat: a worker stuck on a slow server for longer than the lease keeps its message
    (nothing is sent twice); once SIGKILLed, its message is taken back as soon as the lease expires
    (OUTBOX_INFLIGHT_TIMEOUT, 2 s here, 40 s in production) and delivered exactly once."""
    first = celery_worker_factory(outbox_worker_env)
    smtp.hold()
    with transaction.atomic():
        mail = queue_notice()
    wait_until(lambda: smtp.held_count() == 1, timeout=60, interval=0.01)
    celery_worker_factory(outbox_worker_env)  # idle until the message is handed over again
    time.sleep(fast_outbox.OUTBOX_INFLIGHT_TIMEOUT + 0.5)
    assert mail_requeue_stale() == {"failed": 0, "requeued": 0, "published": 0}
    assert state_of(mail) == "inflight"

    first.kill()
    killed_at = time.monotonic()
    smtp.release()
    wait_until(lambda: mail_requeue_stale()["requeued"] == 1, timeout=40, interval=0.1)
    assert time.monotonic() - killed_at < fast_outbox.OUTBOX_INFLIGHT_TIMEOUT + 10
    wait_until(lambda: state_of(mail) == "sent", timeout=30)
    assert [m.message_id for m in smtp.wait_for(1)] == [mail.message_id]
    mail.refresh_from_db()
    assert (mail.attempts, mail.last_error) == (2, "")
