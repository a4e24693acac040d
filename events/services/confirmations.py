"""The confirmation of a registration (with its calendar file) or the waiting-list notice, put in the
outbox after the registration committed.

The registration itself holds the event's row lock only for the capacity decision and the inserts;
rendering the mail (three templates and the .ics) happens afterwards, in the ``events.confirmation_send``
task, so neither the lock nor the person's request waits for it. ``confirmation_queued_at``, set in the
transaction that stores the outbox message, makes the task idempotent; ``confirmations_send_missing``
(beat) hands over again whatever the broker did not get, so no confirmation is lost.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from events.enums import RegistrationStatus
from events.models import Registration
from events.services import _registration_mail
from outbox.services import mail_queue

logger = logging.getLogger(__name__)

#: A registration whose confirmation is not in the outbox after this long is handed over again.
CONFIRMATION_GRACE = timedelta(minutes=2)


def confirmation_dispatch(registration_id: int) -> None:
    """Hand the confirmation to Celery (on commit of the registration). Never raises: whatever the
    broker did not get, ``confirmations_send_missing`` hands over later."""
    from events.tasks import confirmation_send as task

    try:
        if task.app.conf.task_always_eager:
            task.apply_async((registration_id,))
        else:
            # Without kombu's connection retries and Celery's publish retries: either could hold the
            # person's request for seconds while Redis is away.
            with task.app.producer_or_acquire() as producer:
                producer.connection.ensure_connection(max_retries=0)
                task.apply_async((registration_id,), retry=False, producer=producer)
    except Exception:
        logger.warning(
            "Could not hand the confirmation of registration %s to the task queue.",
            registration_id,
            exc_info=True,
        )


def registration_confirmation_send(*, registration_id: int, now: datetime | None = None) -> bool:
    """Put the mail the registration's status calls for in the outbox, once. False if nothing was due:
    already queued, cancelled meanwhile (the cancellation was mailed), or moved up from the waiting
    list before this ran (the promotion mail has the calendar file and everything else)."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or registration.confirmation_queued_at is not None:
            return False
        due = registration.status == RegistrationStatus.WAITING or (
            registration.status == RegistrationStatus.REGISTERED and registration.promoted_at is None
        )
        if due:
            template, rendered, attachments = _registration_mail(
                registration, registration.event, registration.status
            )
            mail_queue(
                to=registration.email,
                template=template,
                context={},
                rendered=rendered,
                language=registration.language,
                attachments=attachments,
            )
        registration.confirmation_queued_at = now or timezone.now()
        registration.save(update_fields=["confirmation_queued_at"])
    return due


def confirmations_send_missing(*, now: datetime | None = None) -> int:
    """Hand over again the confirmations not in the outbox ``CONFIRMATION_GRACE`` after registering
    (for events that have not ended: afterwards a confirmation helps nobody)."""
    now = now or timezone.now()
    ids = list(
        Registration.objects.filter(
            confirmation_queued_at__isnull=True,
            created_at__lt=now - CONFIRMATION_GRACE,
            event__ends_at__gt=now,
        )
        .order_by("created_at", "id")
        .values_list("pk", flat=True)[:500]
    )
    for registration_id in ids:
        confirmation_dispatch(registration_id)
    return len(ids)
