"""Bounces and complaints from the email provider, through django-anymail's normalised tracking events.

Anymail's per-provider webhook views (HTTP basic auth with ``ANYMAIL["WEBHOOK_SECRET"]``) turn the
provider's payload into an ``AnymailTrackingEvent`` and send the ``tracking`` signal; this receiver
records it once per event id and stops sending to the address. A hard bounce met by the outbox's own
SMTP delivery (``outbox.services.mail_hard_bounced``) is handled the same way."""

from __future__ import annotations

from anymail.signals import tracking
from django.dispatch import receiver

from newsletter.services import subscriber_smtp_refused, tracking_event_record
from outbox.services import mail_hard_bounced


@receiver(tracking, dispatch_uid="newsletter.tracking")
def handle_tracking(sender, event, esp_name, **kwargs):
    tracking_event_record(
        esp=str(esp_name or "unknown"),
        event_type=str(event.event_type or ""),
        event_id=str(event.event_id) if event.event_id else None,
        recipient=event.recipient,
        message_id=event.message_id,
        description=event.description or event.mta_response or "",
        reject_reason=event.reject_reason,
        timestamp=event.timestamp,
    )


@receiver(mail_hard_bounced, dispatch_uid="newsletter.hard_bounce")
def handle_hard_bounce(sender, mail, code, reason, **kwargs):
    subscriber_smtp_refused(email=mail.to, message_id=mail.message_id, code=code, reason=reason)
