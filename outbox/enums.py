"""States and kinds of outgoing mail."""

from __future__ import annotations

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    INFLIGHT = "inflight", _("Being sent")
    AWAITING_RETRY = "awaiting_retry", _("Awaiting retry")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    ABORTED = "aborted", _("Aborted")


class MailKind(models.TextChoices):
    TRANSACTIONAL = "transactional", _("Transactional")
    NEWSLETTER = "newsletter", _("Newsletter")


#: Which state may follow which. Anything not listed is refused.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    MailState.QUEUED: frozenset({MailState.INFLIGHT, MailState.ABORTED}),
    # inflight → queued: the periodic task takes back a message whose worker died.
    MailState.INFLIGHT: frozenset(
        {MailState.SENT, MailState.AWAITING_RETRY, MailState.FAILED, MailState.QUEUED}
    ),
    MailState.AWAITING_RETRY: frozenset({MailState.INFLIGHT, MailState.QUEUED, MailState.ABORTED}),
    MailState.SENT: frozenset(),
    MailState.FAILED: frozenset({MailState.QUEUED, MailState.ABORTED}),
    MailState.ABORTED: frozenset({MailState.QUEUED}),
}

#: States in which a message still waits to be delivered.
PENDING_STATES = (MailState.QUEUED, MailState.AWAITING_RETRY)


class AuditAction(enum.StrEnum):
    """The audit trail's actions written by this app; the values are stored, never change them."""

    MAIL_ABORTED = "outbox.mail.aborted"
    MAIL_FAILED = "outbox.mail.failed"
    MAIL_QUEUED = "outbox.mail.queued"
    MAIL_REQUEUED = "outbox.mail.requeued"
    MAIL_RETRIED = "outbox.mail.retried"
