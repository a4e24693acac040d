"""Event registrations and feedback of a person (the personal data protocol)."""

from __future__ import annotations

import contextlib

from django.utils import timezone

from core.erasure import iso, scrub_models
from events.enums import RegistrationStatus
from events.models import FeedbackAnswer, Registration
from events.services import EventError, registration_cancel
from events.services.retention import registrations_anonymise


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
    changed = registrations_anonymise(registrations=Registration.objects.filter(pk__in=ids), now=now)
    return changed + scrub_models([Registration, FeedbackAnswer], email)
