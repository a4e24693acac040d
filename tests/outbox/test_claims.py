"""The heartbeat never waits for a row its own worker is updating (it deadlocked with mail_begin)."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from outbox.models import OutgoingMail
from outbox.services import mail_begin, mail_claim_batch, mail_claims_renew
from tests.outbox.factories import OutgoingMailFactory


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_skips_a_row_being_updated_and_renews_the_rest():
    token = uuid.uuid4()
    busy, other = OutgoingMailFactory.create_batch(2)
    long_ago = timezone.now() - timedelta(minutes=5)
    assert len(mail_claim_batch(mail_ids=[busy.pk, other.pk], token=token)) == 2
    OutgoingMail.objects.update(claimed_at=long_ago)
    locked, release = threading.Event(), threading.Event()

    def hold_a_row():  # as mail_begin does, in its own connection
        with transaction.atomic():
            OutgoingMail.objects.select_for_update().get(pk=busy.pk)
            locked.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=hold_a_row)
    holder.start()
    try:
        assert locked.wait(10)
        assert mail_claims_renew(tokens=[token]) == 1
    finally:
        release.set()
        holder.join(10)
    claimed = dict(OutgoingMail.objects.values_list("pk", "claimed_at"))
    assert claimed[busy.pk] == long_ago
    assert claimed[other.pk] > long_ago


@pytest.mark.django_db
def test_a_mark_inside_a_callers_transaction_leaves_that_commit_synchronous():
    mail = OutgoingMailFactory()
    token = uuid.uuid4()
    mail_claim_batch(mail_ids=[mail.pk], token=token)
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        before = cursor.fetchone()[0]
        assert mail_begin(token=token, start=mail, sent=None) is True
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == before
    assert OutgoingMail.objects.values_list("state", flat=True).get() == "inflight"


@pytest.mark.django_db
def test_messages_are_marked_handed_over_before_a_worker_can_take_the_task(monkeypatch):
    """A worker claims with SKIP LOCKED: had the hand-over mark come after publishing, a quick worker
    found the rows locked by it and skipped them, and they waited for the periodic task."""
    from outbox.services import publish_delivery
    from outbox.tasks import mail_deliver_batch

    mails = OutgoingMailFactory.create_batch(2, enqueued_at=None)
    seen = []

    def the_worker_takes_it(args, **kwargs):
        seen.append(list(OutgoingMail.objects.filter(pk__in=args[0]).values_list("enqueued_at", flat=True)))

    monkeypatch.setattr(mail_deliver_batch, "apply_async", the_worker_takes_it)
    assert publish_delivery([m.pk for m in mails]) is True
    assert len(seen) == 1 and None not in seen[0]


@pytest.mark.django_db
def test_a_failed_hand_over_leaves_the_messages_for_the_periodic_task(monkeypatch):
    from outbox.services import publish_delivery
    from outbox.tasks import mail_deliver_batch

    mails = OutgoingMailFactory.create_batch(2, enqueued_at=None)

    def broker_away(args, **kwargs):
        raise ConnectionError("no broker")

    monkeypatch.setattr(mail_deliver_batch, "apply_async", broker_away)
    assert publish_delivery([m.pk for m in mails]) is False
    assert list(OutgoingMail.objects.values_list("enqueued_at", flat=True)) == [None, None]
