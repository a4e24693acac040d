"""A newsletter subscription (the personal data protocol)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from core.audit import audit_log
from core.erasure import iso, scrub_models
from newsletter.enums import ENDED_STATUSES, AuditAction, SubscriberStatus, UnsubscribeMethod
from newsletter.models import Delivery, Subscriber, TrackingEvent
from newsletter.services import subscriber_unsubscribe


def _subscribers(email: str):
    return Subscriber.objects.filter(email__iexact=email).exclude(email="")


def export(*, email: str, user) -> dict:
    subscribers = list(_subscribers(email).order_by("id"))
    deliveries = (
        Delivery.objects.filter(subscriber__in=subscribers)
        .select_related("campaign")
        .order_by("created_at", "id")
    )
    tracking = TrackingEvent.objects.filter(Q(recipient__iexact=email) | Q(subscriber__in=subscribers))
    return {
        "subscriptions": [
            {
                "email": s.email,
                "language": s.language,
                "status": s.status,
                "created_at": iso(s.created_at),
                "confirmed_at": iso(s.confirmed_at),
                "ended_at": iso(s.ended_at),
                "consent_at": iso(s.consent_at),
                "consent_form": s.consent_form,
                "consent_language": s.consent_language,
                "consent_method": s.consent_method,
                "consent_text": s.consent_text,
                "consent_text_version": s.consent_text_version,
                "consent_client_hash": s.consent_client,
                "consent_user_agent": s.consent_user_agent,
                "consent_source": s.consent_source,
                "confirmation_sent_at": iso(s.confirmation_sent_at),
                "welcome_sent_at": iso(s.welcome_sent_at),
            }
            for s in subscribers
        ],
        "newsletters_sent": [
            {"newsletter": d.campaign.subject, "state": d.state, "sent_at": iso(d.sent_at)}
            for d in deliveries
        ],
        "provider_events": [
            {"event": t.event_type, "occurred_at": iso(t.occurred_at)}
            for t in tracking.order_by("received_at", "id")
        ],
    }


def erase(*, email: str, user, actor) -> int:
    """A request never confirmed is deleted. A subscription is ended the way unsubscribing ends it:
    the address is erased and the row stays without personal data, so the subscriber counts over
    time stay right (the person is no longer a subscriber from now on)."""
    changed = 0
    with transaction.atomic():
        for subscriber in list(_subscribers(email).select_for_update()):
            if subscriber.status == SubscriberStatus.PENDING and subscriber.confirmed_at is None:
                audit_log(action=AuditAction.SUBSCRIBER_ERASED, actor=actor, obj=subscriber)
                subscriber.delete()
            elif subscriber.status not in ENDED_STATUSES:
                method = (
                    UnsubscribeMethod.SELF_SERVICE
                    if actor is None or actor == user
                    else UnsubscribeMethod.ADMIN
                )
                subscriber_unsubscribe(subscriber=subscriber, method=method, actor=actor)
            else:
                subscriber.email = ""
                subscriber.save(update_fields=["email"])
                audit_log(action=AuditAction.SUBSCRIBER_ERASED, actor=actor, obj=subscriber)
            changed += 1
        changed += TrackingEvent.objects.filter(recipient__iexact=email).update(recipient="")
    return changed + scrub_models([Subscriber, TrackingEvent, Delivery], email)
