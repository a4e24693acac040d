"""The confirmation leaves after the registration committed: once, for the status it has by then, and
never lost when the broker did not get the hand-over."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from events import services
from events.models import Registration
from events.services import confirmations
from outbox.models import OutgoingMail
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def register(event, email="maija@example.fi", **kwargs):
    return services.registration_create(
        event=event, name="Maija Meikäläinen", email=email, language="fi", consent=True, **kwargs
    )


def test_nothing_is_rendered_in_the_registrations_transaction(mail_after_commit, django_assert_num_queries):
    """The event's row lock covers the capacity decision and the inserts: no mail is rendered or
    stored before the registration commits, and the confirmation follows the commit."""
    event = EventFactory(capacity=10)
    with mail_after_commit():
        # Savepoint, lock, count, insert, audit entry, release: nothing of the mail.
        with django_assert_num_queries(6):
            registration = register(event)
        assert OutgoingMail.objects.count() == 0
        assert registration.confirmation_queued_at is None
    registration.refresh_from_db()
    mail = OutgoingMail.objects.get()
    assert (mail.to, mail.template, mail.attachment_count) == ("maija@example.fi", "events_confirmation", 1)
    assert f"/events/registration/{registration.token}/" in mail.body_text
    assert registration.confirmation_queued_at is not None


def test_the_task_queues_the_mail_once(mail_after_commit):
    event = EventFactory(capacity=1)
    with mail_after_commit():
        register(event, email="eka@example.fi")
        waiting = register(event, email="toka@example.fi")
    assert services.registration_confirmation_send(registration_id=waiting.pk) is False
    assert confirmations.confirmations_send_missing(now=timezone.now() + timedelta(hours=1)) == 0
    mails = dict(OutgoingMail.objects.values_list("to", "template"))
    assert mails == {"eka@example.fi": "events_confirmation", "toka@example.fi": "events_waitlisted"}
    assert OutgoingMail.objects.filter(to="toka@example.fi").get().attachment_count == 0


def test_a_registration_cancelled_or_moved_up_before_the_task_gets_no_stale_mail(mail_after_commit):
    event = EventFactory(capacity=1)
    first = register(event, email="eka@example.fi")
    waiting = register(event, email="toka@example.fi")
    with mail_after_commit():
        services.registration_cancel(registration=first)
    assert sorted(OutgoingMail.objects.values_list("to", "template")) == [
        ("eka@example.fi", "events_cancelled"),
        ("toka@example.fi", "events_promoted"),
    ]
    # The hand-overs of both registrations arrive late (the broker was slow): nothing more is sent.
    assert services.registration_confirmation_send(registration_id=first.pk) is False
    assert services.registration_confirmation_send(registration_id=waiting.pk) is False
    assert OutgoingMail.objects.count() == 2
    assert Registration.objects.filter(confirmation_queued_at__isnull=True).count() == 0


def test_the_sweep_hands_over_what_the_broker_lost(mail_after_commit):
    event = EventFactory(capacity=10)
    ended = EventFactory(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    registration = register(event)  # its on-commit hand-over never runs: the broker lost it
    RegistrationFactory(event=ended, confirmation_queued_at=None)
    assert OutgoingMail.objects.count() == 0
    now = timezone.now()
    assert confirmations.confirmations_send_missing(now=now) == 0  # within the grace period
    with mail_after_commit():
        assert confirmations.confirmations_send_missing(now=now + confirmations.CONFIRMATION_GRACE) == 1
    assert list(OutgoingMail.objects.values_list("to", "template")) == [
        (registration.email, "events_confirmation")
    ]
    assert confirmations.confirmations_send_missing(now=now + timedelta(hours=1)) == 0
