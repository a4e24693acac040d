"""States of subscribers, campaigns and deliveries, and how consent was given."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    BOUNCED = "bounced", _("Bounced")
    COMPLAINED = "complained", _("Marked as spam")


#: Statuses that end a subscription (the subscriber no longer receives campaigns).
ENDED_STATUSES = (SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.BOUNCED, SubscriberStatus.COMPLAINED)


class ConsentMethod(models.TextChoices):
    DOUBLE_OPT_IN = "double_opt_in", _("Web form, confirmed by email (double opt-in)")
    IMPORT = "import", _("Imported from an earlier list")


class SubscribeForm(models.TextChoices):
    """Where the subscription form was filled in."""

    FOOTER = "footer", _("Form in the page footer")
    PAGE = "page", _("Newsletter page")
    IMPORT = "import", _("CSV import")


class CampaignState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    PAUSED = "paused", _("Paused")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class DeliveryState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    BOUNCED = "bounced", _("Bounced")
    CANCELLED = "cancelled", _("Not sent")


class UnsubscribeMethod(models.TextChoices):
    ONE_CLICK = "one_click", _("One-click unsubscribe (List-Unsubscribe-Post)")
    SELF_SERVICE = "self_service", _("Self-service page")
    ADMIN = "admin", _("By a coordinator")
    PROVIDER = "provider", _("Reported by the email provider")
