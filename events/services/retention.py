"""The retention rule for events: the personal data of registrations is removed some time after the
event (privacy's daily retention run asks for it), and erasure uses the same anonymisation."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.audit import audit_log_many
from core.erasure import ERASED, erased_address
from events.enums import AuditAction
from events.models import Event, FeedbackAnswer, Registration, new_token

#: Anonymised registrations have an address like "registration-<id>@erased.invalid".
ERASED_SUFFIX = "@erased.invalid"


def registrations_anonymise(*, registrations: QuerySet[Registration], now: datetime | None = None) -> int:
    """Remove the personal data of these registrations: name, address, organisation, the private link
    and the free-text feedback (replaced by a marker, so answers are still counted). Status,
    attendance and scores stay, so every count and average stays
    as it was; reminders and feedback requests are marked done so nothing is mailed to the stand-in
    address. Registrations already anonymised are left alone (returns rows changed)."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = list(
            registrations.exclude(email__endswith=ERASED_SUFFIX)
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        if not rows:
            return 0
        for r in rows:
            r.name = ""
            r.email = erased_address(r.pk, "registration")
            r.organisation = ""
            r.token = new_token()
            r.day_reminder_sent_at = r.day_reminder_sent_at or now
            r.hour_reminder_sent_at = r.hour_reminder_sent_at or now
            r.feedback_requested_at = r.feedback_requested_at or now
            r.confirmation_queued_at = r.confirmation_queued_at or now
        Registration.objects.bulk_update(
            rows,
            [
                "name",
                "email",
                "organisation",
                "token",
                "day_reminder_sent_at",
                "hour_reminder_sent_at",
                "feedback_requested_at",
                "confirmation_queued_at",
            ],
        )
        FeedbackAnswer.objects.filter(response__registration__in=[r.pk for r in rows]).exclude(
            text=""
        ).update(text=ERASED)
        by_event: dict[int, list[int]] = {}
        for r in rows:
            by_event.setdefault(r.event_id, []).append(r.pk)
        audit_log_many(
            action=AuditAction.REGISTRATION_ANONYMISED,
            actor=None,
            model=Event,
            new={event_id: {"registrations": pks} for event_id, pks in by_event.items()},
        )
    return len(rows)


def registrations_anonymise_past(*, before: datetime, now: datetime | None = None) -> int:
    """Registrations to events that ended before ``before`` lose their personal data."""
    return registrations_anonymise(
        registrations=Registration.objects.filter(event__ends_at__lt=before), now=now
    )
