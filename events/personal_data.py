"""Event registrations and feedback of a person (the personal data protocol), and the anonymisation
the retention task applies to old events."""

from __future__ import annotations

import contextlib
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.audit import audit_log_many
from events.enums import AuditAction, RegistrationStatus
from events.models import Event, FeedbackAnswer, Registration, new_token
from events.services import EventError, registration_cancel
from privacy.protocol import ERASED, erased_address, iso, scrub_models

#: Anonymised registrations have an address like "registration-<id>@erased.invalid".
ERASED_SUFFIX = "@erased.invalid"


def export(*, email: str, user) -> dict:
    registrations = (
        Registration.objects.filter(email__iexact=email)
        .select_related("event", "feedback")
        .prefetch_related("feedback__answers__question")
        .order_by("created_at", "id")
    )
    out = []
    for r in registrations:
        feedback = getattr(r, "feedback", None)
        out.append(
            {
                "event": r.event.title,
                "event_starts_at": iso(r.event.starts_at),
                "name": r.name,
                "email": r.email,
                "organisation": r.organisation,
                "language": r.language,
                "status": r.status,
                "registered_at": iso(r.created_at),
                "consent_given_at": iso(r.consented_at),
                "cancelled_at": iso(r.cancelled_at),
                "attended": r.attended,
                "feedback": (
                    [
                        {"question": a.question.text, "score": a.score, "answer": a.text}
                        for a in feedback.answers.all()
                    ]
                    if feedback is not None
                    else []
                ),
            }
        )
    return {"registrations": out}


def anonymise_registrations(registrations: QuerySet[Registration], *, now: datetime | None = None) -> int:
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


def erase(*, email: str, user, actor) -> int:
    """Registrations for events still to come are cancelled first (the place goes to the waiting
    list); then all the person's registrations are anonymised."""
    now = timezone.now()
    registrations = Registration.objects.filter(email__iexact=email)
    for registration in registrations.filter(event__starts_at__gt=now).exclude(
        status=RegistrationStatus.CANCELLED
    ):
        # An event that started meanwhile keeps the registration as it is (anonymised below).
        with contextlib.suppress(EventError):
            registration_cancel(registration=registration, actor=actor, now=now, notify=False)
    ids = list(registrations.values_list("pk", flat=True))
    changed = anonymise_registrations(Registration.objects.filter(pk__in=ids), now=now)
    return changed + scrub_models([Registration, FeedbackAnswer], email)


def anonymise_past(*, before: datetime, now: datetime | None = None) -> int:
    """The retention rule: personal data of registrations to events that ended before ``before``."""
    return anonymise_registrations(Registration.objects.filter(event__ends_at__lt=before), now=now)
