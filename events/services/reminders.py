"""Mail that events send on their own schedule (Celery beat): reminders before an event and the
feedback survey's link after it. Each is sent once per registration."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.audit import audit_log_many
from events.enums import AuditAction, RegistrationStatus
from events.models import Event, Registration
from events.services import _mail_registration

#: How long after an event its feedback survey is still sent out.
FEEDBACK_WINDOW = timedelta(days=7)
DAY_REMINDER = timedelta(hours=24)
HOUR_REMINDER = timedelta(hours=1)
REMINDER_BATCH = 200


def _audit_batch(action: str, registrations: list[Registration], extra: dict) -> None:
    by_event: dict[int, list[int]] = defaultdict(list)
    for registration in registrations:
        by_event[registration.event_id].append(registration.pk)
    audit_log_many(
        action=action,
        actor=None,
        model=Event,
        new={event_id: {**extra, "registrations": pks} for event_id, pks in by_event.items()},
    )


def _send_due(*, due, stamp_field: str, template: str, action: str, extra: dict, now: datetime) -> int:
    """Mail each due registration once: rows are locked (skipping those another run holds) and stamped
    in the same transaction as the mail is queued, so a second run finds nothing to send."""
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(
                due.select_related("event")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("pk")[:REMINDER_BATCH]
            )
            if not batch:
                return sent
            for registration in batch:
                _mail_registration(registration, registration.event, template=template, ics=False)
            Registration.objects.filter(pk__in=[r.pk for r in batch]).update(**{stamp_field: now})
            _audit_batch(action, batch, extra)
            sent += len(batch)


def reminders_send(*, now: datetime | None = None) -> dict[str, int]:
    """Remind registered participants a day before and an hour before; each reminder is sent once.

    A registration made inside a reminder's window gets no such reminder: its confirmation was recent."""
    now = now or timezone.now()
    registered = Registration.objects.filter(status=RegistrationStatus.REGISTERED, event__published=True)
    day_due = registered.filter(
        day_reminder_sent_at__isnull=True,
        event__starts_at__gt=now + HOUR_REMINDER,
        event__starts_at__lte=now + DAY_REMINDER,
    ).filter(created_at__lte=_minus(field="event__starts_at", delta=DAY_REMINDER))
    hour_due = registered.filter(
        hour_reminder_sent_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + HOUR_REMINDER,
    ).filter(created_at__lte=_minus(field="event__starts_at", delta=HOUR_REMINDER))
    return {
        "day": _send_due(
            due=day_due,
            stamp_field="day_reminder_sent_at",
            template="events_reminder",
            action=AuditAction.REMINDERS_SENT,
            extra={"kind": "day"},
            now=now,
        ),
        "hour": _send_due(
            due=hour_due,
            stamp_field="hour_reminder_sent_at",
            template="events_reminder",
            action=AuditAction.REMINDERS_SENT,
            extra={"kind": "hour"},
            now=now,
        ),
    }


def _minus(*, field: str, delta: timedelta):
    return F(field) - delta


def feedback_requests_send(*, now: datetime | None = None) -> int:
    """After an event, send its registered participants the link to the feedback survey, once."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.REGISTERED,
        feedback_requested_at__isnull=True,
        event__published=True,
        event__ends_at__lte=now,
        event__ends_at__gt=now - FEEDBACK_WINDOW,
    )
    return _send_due(
        due=due,
        stamp_field="feedback_requested_at",
        template="events_feedback",
        action=AuditAction.FEEDBACK_REQUESTED,
        extra={},
        now=now,
    )
