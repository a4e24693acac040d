"""Mail sent to a person (the personal data protocol)."""

from __future__ import annotations

from django.utils import timezone

from core.erasure import iso, scrub_models
from outbox.enums import PENDING_STATES, MailState
from outbox.models import OutgoingMail, OutgoingMailAttachment


def export(*, email: str, user) -> dict:
    mails = OutgoingMail.objects.filter(to__iexact=email).order_by("created_at", "id")
    return {
        "mail": [
            {
                "subject": m.subject,
                "state": m.state,
                "created_at": iso(m.created_at),
                "sent_at": iso(m.sent_at),
            }
            for m in mails.only("subject", "state", "created_at", "sent_at")
        ]
    }


def erase(*, email: str, user, actor) -> int:
    """Messages to the address keep their state, kind, template and times (the statistics count
    them) but lose the address, subject, content and attachments; unsent ones are not sent."""
    now = timezone.now()
    mails = OutgoingMail.objects.filter(to__iexact=email)
    mails.filter(state__in=PENDING_STATES).update(state=MailState.ABORTED, updated_at=now)
    OutgoingMailAttachment.objects.filter(mail__in=mails).delete()
    changed = mails.update(
        to="", reply_to="", subject="", body_text="", body_html="", headers={}, last_error="", updated_at=now
    )
    # Messages to others that mention the address (e.g. a notification to the coordinators).
    return changed + scrub_models([OutgoingMail], email)
