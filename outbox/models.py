"""The outbox: every message the portal sends, rendered, stored and delivered from here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outbox.enums import MailKind, MailState


class OutgoingMail(models.Model):
    """One rendered message to one recipient, and where its delivery stands."""

    state = models.CharField(
        _("state"), max_length=20, choices=MailState.choices, default=MailState.QUEUED, db_index=True
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=MailKind.choices, default=MailKind.TRANSACTIONAL
    )
    to = models.EmailField(_("recipient"), max_length=254)
    sender = models.CharField(_("sender"), max_length=254)
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True, default="")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    template = models.CharField(_("template"), max_length=200)
    subject = models.CharField(_("subject"), max_length=998)
    body_text = models.TextField(_("plain text"))
    body_html = models.TextField(_("HTML"), blank=True, default="")
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    attachment_count = models.PositiveSmallIntegerField(_("attachments"), default=0)
    bulk_id = models.UUIDField(_("bulk send"), null=True, blank=True, db_index=True)

    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True, default="")
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    enqueued_at = models.DateTimeField(_("handed to the task queue"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    claim_token = models.UUIDField(_("claim"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("queued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The periodic task looks only at unfinished messages.
            models.Index(
                fields=["state", "next_attempt_at"],
                name="outbox_pending_idx",
                condition=Q(state__in=["queued", "awaiting_retry", "inflight"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class OutgoingMailAttachment(models.Model):
    mail = models.ForeignKey(
        OutgoingMail, verbose_name=_("mail"), on_delete=models.CASCADE, related_name="attachments"
    )
    filename = models.CharField(_("file name"), max_length=255)
    mimetype = models.CharField(_("type"), max_length=100)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.filename
