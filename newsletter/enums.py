"""States of subscribers, campaigns and deliveries, and how consent was given."""

from __future__ import annotations

import enum

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

Sub = SubscriberStatus

#: Which subscriber status may follow which. Asking again (pending → pending) sends a new link.
#: Only a pending request is confirmed, and only through its link: a subscription that ended never
#: becomes confirmed again without the person's fresh double opt-in (ended → pending → confirmed).
#: An unsubscribed row has had its address erased, so nothing can follow it: subscribing again makes a
#: new row. A bounced or complained address may ask again (its mailbox was fixed, the complaint was a
#: mistake) or unsubscribe (which erases it). A bounce or complaint ends only a live subscription.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Sub.PENDING: frozenset({Sub.PENDING, Sub.CONFIRMED, Sub.UNSUBSCRIBED, Sub.BOUNCED, Sub.COMPLAINED}),
    Sub.CONFIRMED: frozenset({Sub.UNSUBSCRIBED, Sub.BOUNCED, Sub.COMPLAINED}),
    Sub.UNSUBSCRIBED: frozenset(),
    Sub.BOUNCED: frozenset({Sub.PENDING, Sub.UNSUBSCRIBED}),
    Sub.COMPLAINED: frozenset({Sub.PENDING, Sub.UNSUBSCRIBED}),
}


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


C = CampaignState

#: Which campaign state may follow which. Sending starts now or schedules (again, when still scheduled);
#: a campaign being sent pauses (by hand or past the failure threshold), finishes or expires (sent);
#: retrying failed messages of a sent campaign sends it again; anything not finished can be cancelled.
CAMPAIGN_TRANSITIONS: dict[str, frozenset[str]] = {
    C.DRAFT: frozenset({C.SCHEDULED, C.SENDING, C.CANCELLED}),
    C.SCHEDULED: frozenset({C.SCHEDULED, C.SENDING, C.CANCELLED}),
    C.SENDING: frozenset({C.PAUSED, C.SENT, C.CANCELLED}),
    C.PAUSED: frozenset({C.SENDING, C.CANCELLED}),
    C.SENT: frozenset({C.SENDING}),
    C.CANCELLED: frozenset(),
}


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


class AuditAction(enum.StrEnum):
    """The audit trail's actions written by this app; the values are stored, never change them."""

    CAMPAIGN_CANCELLED = "newsletter.campaign.cancelled"
    CAMPAIGN_CREATED = "newsletter.campaign.created"
    CAMPAIGN_EDITED = "newsletter.campaign.edited"
    CAMPAIGN_EXPIRED = "newsletter.campaign.expired"
    CAMPAIGN_FINISHED = "newsletter.campaign.finished"
    CAMPAIGN_PAUSED = "newsletter.campaign.paused"
    CAMPAIGN_QUEUED = "newsletter.campaign.queued"
    CAMPAIGN_RESUMED = "newsletter.campaign.resumed"
    CAMPAIGN_RETRIED = "newsletter.campaign.retried"
    CAMPAIGN_SCHEDULED = "newsletter.campaign.scheduled"
    CAMPAIGN_SENT = "newsletter.campaign.sent"
    CAMPAIGN_TEST_SENT = "newsletter.campaign.test_sent"
    # A bounce or complaint writes "newsletter.subscriber.<new status>" (subscriber_mark_undeliverable).
    SUBSCRIBER_BOUNCED = "newsletter.subscriber.bounced"
    SUBSCRIBER_COMPLAINED = "newsletter.subscriber.complained"
    SUBSCRIBER_CONFIRMED = "newsletter.subscriber.confirmed"
    SUBSCRIBER_ERASED = "newsletter.subscriber.erased"
    SUBSCRIBER_LANGUAGE_CHANGED = "newsletter.subscriber.language_changed"
    SUBSCRIBER_REQUESTED = "newsletter.subscriber.requested"
    SUBSCRIBER_TEST_LIST_CHANGED = "newsletter.subscriber.test_list_changed"
    SUBSCRIBER_REQUESTED_AGAIN = "newsletter.subscriber.requested_again"
    SUBSCRIBER_UNSUBSCRIBED = "newsletter.subscriber.unsubscribed"
    SUBSCRIBERS_IMPORTED = "newsletter.subscribers.imported"
    TRACKING_EVENT_RECEIVED = "newsletter.tracking_event.received"
    WELCOME_MESSAGE_CREATED = "newsletter.welcome_message.created"
    WELCOME_MESSAGE_EDITED = "newsletter.welcome_message.edited"
