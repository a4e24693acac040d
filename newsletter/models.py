"""The newsletter: subscribers (double opt-in, consent evidence), campaigns, one delivery record per
recipient, the welcome text and the email provider's tracking events."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsletter.enums import (
    CampaignState,
    ConsentMethod,
    DeliveryState,
    SubscribeForm,
    SubscriberStatus,
)


def new_token() -> str:
    """An unguessable token for a subscriber's private self-service link (256 bits)."""
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """One address. When someone unsubscribes the address is erased (see the privacy notice); the
    row stays, without personal data, for the subscriber counts over time."""

    email = models.EmailField(_("email"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="fi")
    status = models.CharField(
        _("status"), max_length=12, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    token = models.CharField(
        _("private link token"), max_length=64, unique=True, default=new_token, editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("subscribed"), null=True, blank=True)
    ended_at = models.DateTimeField(_("subscription ended"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=500, blank=True)
    # Consent as evidence: when, on which form, in which language and how it was given.
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_form = models.CharField(
        _("consent form"), max_length=10, choices=SubscribeForm.choices, blank=True
    )
    consent_language = models.CharField(
        _("language of the consent"), max_length=5, choices=settings.LANGUAGES, blank=True
    )
    consent_method = models.CharField(
        _("how consent was given"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
    consent_text = models.TextField(_("consent text shown"), blank=True)
    # Which wording exactly: the language and a digest of the text, so that two versions never share an id.
    consent_text_version = models.CharField(_("version of the consent text"), max_length=40, blank=True)
    # A keyed hash (HMAC) of the client address, never the address itself: enough to check a claimed
    # address against the record, useless to anyone without the key (see consent_evidence()).
    consent_client = models.CharField(_("client address (keyed hash)"), max_length=64, blank=True)
    consent_user_agent = models.CharField(_("browser (user agent)"), max_length=500, blank=True)
    consent_source = models.CharField(
        _("source of the consent"),
        max_length=200,
        blank=True,
        help_text=_("For imports: the earlier system."),
    )
    on_test_list = models.BooleanField(
        _("on the test list"), default=False, help_text=_("Receives campaigns sent to the test list only.")
    )
    confirmation_sent_at = models.DateTimeField(_("confirmation request sent"), null=True, blank=True)
    welcome_sent_at = models.DateTimeField(_("welcome sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="newsletter_subscriber_unique_email",
                violation_error_message=_("This email address is already on the list."),
            ),
        ]
        indexes = [
            # Sending walks confirmed subscribers in id order (keyset pagination).
            models.Index(fields=["id"], name="newsletter_confirmed_idx", condition=Q(status="confirmed")),
            models.Index(fields=["confirmed_at", "ended_at"], name="newsletter_sub_period_idx"),
        ]

    def __str__(self) -> str:
        return self.email or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("newsletter:manage", kwargs={"token": self.token})


class Campaign(models.Model):
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("body"),
        help_text=_("Markdown: headings, lists, links and emphasis. Empty: the Finnish text is sent."),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=CampaignState.choices, default=CampaignState.DRAFT, db_index=True
    )
    send_at = models.DateTimeField(
        _("send at"), null=True, blank=True, help_text=_("Empty: sent as soon as you press Send.")
    )
    not_after = models.DateTimeField(
        _("do not send after"),
        null=True,
        blank=True,
        help_text=_("Recipients not reached by then do not get the campaign (e.g. an event invitation)."),
    )
    audience_language = models.CharField(
        _("only subscribers reading in"),
        max_length=5,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: subscribers of every language."),
    )
    audience_test_list = models.BooleanField(
        _("only the test list"),
        default=False,
        help_text=_("Send only to the subscribers on the test list (see Subscribers)."),
    )
    failure_threshold = models.PositiveSmallIntegerField(
        _("failure threshold (%)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Sending pauses by itself when this share of the messages so far has failed."),
    )
    in_archive = models.BooleanField(
        _("in the public archive"), default=True, help_text=_("Shown in the public archive once sent.")
    )
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)
    paused_reason = models.CharField(_("reason for pausing"), max_length=500, blank=True)
    # Progress of queueing: recipients with an id up to ``cursor`` have a delivery record.
    cursor = models.BigIntegerField(_("queued up to subscriber"), default=0, editable=False)
    enqueue_done = models.BooleanField(_("every recipient queued"), default=False, editable=False)
    heartbeat_at = models.DateTimeField(_("last queueing progress"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(not_after__isnull=True)
                | Q(send_at__isnull=True)
                | Q(not_after__gt=models.F("send_at")),
                name="newsletter_campaign_not_after_after_send_at",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("newsletter:archive_detail", kwargs={"pk": self.pk})

    def subject_in(self, language: str) -> str:
        return getattr(self, f"subject_{language}", "") or self.subject_fi or self.subject

    def body_in(self, language: str) -> str:
        return getattr(self, f"body_{language}", "") or self.body_fi or self.body

    def language_of_version(self, language: str) -> str:
        """The language of the version someone reading in ``language`` gets (Finnish if it is missing)."""
        return (
            language
            if getattr(self, f"subject_{language}", "") and getattr(self, f"body_{language}", "")
            else "fi"
        )


class Delivery(models.Model):
    """One recipient of one campaign. The mail itself lives in the outbox (``mail``)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="deliveries"
    )
    mail = models.ForeignKey(
        "outbox.OutgoingMail",
        verbose_name=_("mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    state = models.CharField(
        _("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    reason = models.TextField(_("reason"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "subscriber"], name="newsletter_delivery_once"),
        ]
        indexes = [models.Index(fields=["campaign", "state"], name="newsletter_delivery_state_idx")]

    def __str__(self) -> str:
        return f"{self.campaign_id} → {self.subscriber_id}"


class WelcomeMessage(models.Model):
    """The welcome mail sent once when a subscription is confirmed (one row, edited in the admin)."""

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), help_text=_("Markdown: headings, lists, links and emphasis."))
    active = models.BooleanField(_("send the welcome mail"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("welcome message")
        verbose_name_plural = _("welcome message")

    def __str__(self) -> str:
        return self.subject


class TrackingEvent(models.Model):
    """A bounce, complaint or unsubscribe reported by the email provider, kept once per event id."""

    key = models.CharField(_("event id"), max_length=255, unique=True)
    esp = models.CharField(_("email provider"), max_length=50)
    event_type = models.CharField(_("event"), max_length=30)
    recipient = models.CharField(_("recipient"), max_length=254, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    occurred_at = models.DateTimeField(_("occurred"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tracking_events",
    )

    class Meta:
        verbose_name = _("provider event")
        verbose_name_plural = _("provider events")
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event_type} {self.recipient}"
