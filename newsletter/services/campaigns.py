"""What a coordinator does with a campaign: send, pause, resume, cancel, test, retry."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from core import search as site_search
from core.audit import audit_log
from core.states import transition_check
from newsletter.enums import CAMPAIGN_TRANSITIONS, AuditAction, CampaignState, DeliveryState, SubscriberStatus
from newsletter.models import Campaign, Delivery
from newsletter.selectors import recipients_by_language
from newsletter.services.common import LANGUAGE_CODES, NewsletterError, _absolute, _campaign_move
from newsletter.services.content import _check_content, campaign_context
from outbox.enums import MailKind, MailState
from outbox.services import mail_abort_pending, mail_queue, mail_requeue_aborted, mail_retry

logger = logging.getLogger(__name__)


# --- Campaign actions -----------------------------------------------------------------------------


def _publish_enqueue(campaign_id: int) -> None:
    # The one real cycle: the task runs the queueing service, and the services start the task.
    from newsletter.tasks import campaign_enqueue

    try:
        campaign_enqueue.delay(campaign_id)
    except Exception:  # the broker is away: the periodic dispatch takes the campaign up
        logger.warning("Could not publish the queueing of campaign %s", campaign_id)


def campaign_save(*, campaign: Campaign, actor, changed: Sequence[str] = ()) -> Campaign:
    """Store a coordinator's draft: a new campaign is written by ``actor``; ``changed`` names the
    fields the coordinator edited, for the audit trail."""
    created = campaign.pk is None
    with transaction.atomic():
        if created:
            campaign.created_by = actor
        campaign.save()
        if created or changed:
            audit_log(
                action=AuditAction.CAMPAIGN_CREATED if created else AuditAction.CAMPAIGN_EDITED,
                actor=actor,
                obj=campaign,
                new={"state": campaign.state, "fields": sorted(changed)},
            )
            site_search.changed(kind="newsletter", ids=[campaign.pk])
    return campaign


def campaign_send(
    *, campaign: Campaign, actor, now: datetime | None = None, confirmed_version: datetime | None = None
) -> Campaign:
    """Send now, or at ``send_at`` when that is in the future. ``confirmed_version``: the campaign's
    ``updated_at`` as the coordinator saw it on the confirmation page; a campaign saved since then
    (by anyone) is refused, so what goes out is exactly what was confirmed."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.state not in (CampaignState.DRAFT, CampaignState.SCHEDULED):
            raise NewsletterError(gettext("Only a draft or a scheduled campaign can be sent."), code="state")
        if confirmed_version is not None and locked.updated_at != confirmed_version:
            raise NewsletterError(
                gettext("The campaign was changed after you confirmed it. Check it and confirm again."),
                code="changed",
            )
        _check_content(locked)
        if locked.not_after and locked.not_after <= now:
            raise NewsletterError(
                gettext("The last moment for sending has already passed."), code="not_after"
            )
        old = {"state": locked.state}
        if locked.send_at and locked.send_at > now:
            _campaign_move(locked, CampaignState.SCHEDULED)
        else:
            _campaign_move(locked, CampaignState.SENDING)
            locked.started_at = now
            locked.heartbeat_at = now
            transaction.on_commit(partial(_publish_enqueue, locked.pk))
        locked.save(update_fields=["state", "started_at", "heartbeat_at", "updated_at"])
        audit_log(
            action=AuditAction.CAMPAIGN_SENT
            if locked.state == CampaignState.SENDING
            else AuditAction.CAMPAIGN_SCHEDULED,
            actor=actor,
            obj=locked,
            old=old,
            new={
                "state": locked.state,
                "send_at": locked.send_at,
                "audience": {"language": locked.audience_language, "test_list": locked.audience_test_list},
                "recipients": recipients_by_language(locked),
            },
        )
    return locked


def _pending_mail_ids(campaign: Campaign):
    """The outbox messages of the campaign's deliveries not yet done (a subquery)."""
    return Delivery.objects.filter(campaign=campaign, state=DeliveryState.QUEUED, mail__isnull=False).values(
        "mail_id"
    )


def _not_pausable(old: str, new: str) -> NewsletterError:
    return NewsletterError(gettext("Only a campaign that is being sent can be paused."), code="state")


def campaign_pause(*, campaign: Campaign, actor, reason: str = "") -> Campaign:
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        transition_check(CAMPAIGN_TRANSITIONS, locked.state, CampaignState.PAUSED, refuse=_not_pausable)
        return _pause(locked, actor=actor, reason=reason)


def _pause(locked: Campaign, *, actor, reason: str) -> Campaign:
    aborted = mail_abort_pending(mail_ids=_pending_mail_ids(locked), actor=actor)
    _campaign_move(locked, CampaignState.PAUSED)
    locked.paused_reason = reason[:500]
    locked.save(update_fields=["state", "paused_reason", "updated_at"])
    audit_log(
        action=AuditAction.CAMPAIGN_PAUSED,
        actor=actor,
        obj=locked,
        old={"state": CampaignState.SENDING},
        new={"state": locked.state, "reason": reason, "held_back": aborted},
    )
    return locked


def campaign_resume(*, campaign: Campaign, actor, now: datetime | None = None) -> Campaign:
    """Continue a paused campaign: held-back messages go out again and queueing continues."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.state != CampaignState.PAUSED:
            raise NewsletterError(gettext("Only a paused campaign can be resumed."), code="state")
        if locked.not_after and locked.not_after <= now:
            raise NewsletterError(
                gettext("The last moment for sending has already passed."), code="not_after"
            )
        held = mail_requeue_aborted(mail_ids=_pending_mail_ids(locked), actor=actor, now=now)
        _campaign_move(locked, CampaignState.SENDING)
        locked.paused_reason = ""
        locked.heartbeat_at = now
        locked.save(update_fields=["state", "paused_reason", "heartbeat_at", "updated_at"])
        audit_log(
            action=AuditAction.CAMPAIGN_RESUMED,
            actor=actor,
            obj=locked,
            old={"state": CampaignState.PAUSED},
            new={"state": locked.state, "released": len(held)},
        )
        if not locked.enqueue_done:
            transaction.on_commit(partial(_publish_enqueue, locked.pk))
    return locked


def _finished(old: str, new: str) -> NewsletterError:
    return NewsletterError(gettext("This campaign has already finished."), code="state")


def campaign_cancel(*, campaign: Campaign, actor) -> Campaign:
    """Stop for good: nothing more is queued and messages not yet sent are not sent."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        transition_check(CAMPAIGN_TRANSITIONS, locked.state, CampaignState.CANCELLED, refuse=_finished)
        old = {"state": locked.state}
        _stop(locked, state=CampaignState.CANCELLED, reason=gettext("Cancelled."), actor=actor)
        audit_log(
            action=AuditAction.CAMPAIGN_CANCELLED,
            actor=actor,
            obj=locked,
            old=old,
            new={"state": locked.state},
        )
    return locked


def _stop(locked: Campaign, *, state: str, reason: str, actor=None) -> None:
    now = timezone.now()
    mail_abort_pending(mail_ids=_pending_mail_ids(locked), actor=actor)
    Delivery.objects.filter(campaign=locked, state=DeliveryState.QUEUED).filter(
        Q(mail__isnull=True) | Q(mail__state=MailState.ABORTED)
    ).update(state=DeliveryState.CANCELLED, reason=reason)
    _campaign_move(locked, state)
    locked.enqueue_done = True
    locked.finished_at = now
    locked.paused_reason = reason if state == CampaignState.CANCELLED else ""
    locked.save(update_fields=["state", "enqueue_done", "finished_at", "paused_reason", "updated_at"])
    site_search.changed(kind="newsletter", ids=[locked.pk])


def campaign_test_send(*, campaign: Campaign, actor, languages: tuple[str, ...] = LANGUAGE_CODES) -> int:
    """Send each language version to the coordinator's own address, marked as a test."""
    email = getattr(actor, "email", "")
    if not email:
        raise NewsletterError(gettext("Your account has no email address."), code="email")
    _check_content(campaign)
    with transaction.atomic():
        for language in languages:
            version = campaign.language_of_version(language)
            context = campaign_context(campaign, version)
            context.update(
                {
                    "subject": _test_subject(context["subject"], version),
                    "manage_url": _absolute("newsletter:subscribe", version),
                    "unsubscribe_url": _absolute("newsletter:subscribe", version),
                }
            )
            mail_queue(
                to=email, template="newsletter_campaign", context=context, language=version, actor=actor,
                kind=MailKind.NEWSLETTER,
            )  # fmt: skip
        audit_log(
            action=AuditAction.CAMPAIGN_TEST_SENT,
            actor=actor,
            obj=campaign,
            new={"to": email, "languages": list(languages)},
        )
    return len(languages)


def _test_subject(subject: str, language: str) -> str:
    with translation.override(language):
        return gettext("[Test] %(subject)s") % {"subject": subject}


def campaign_retry_failed(*, campaign: Campaign, actor, delivery_ids: list[int] | None = None) -> int:
    """Send failed messages again (all of the campaign's, or the chosen ones) to subscribers still on
    the list."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.state == CampaignState.CANCELLED:
            raise NewsletterError(gettext("This campaign has been cancelled."), code="state")
        failed = Delivery.objects.select_for_update().filter(
            campaign=locked, state=DeliveryState.FAILED, mail__isnull=False,
            subscriber__status=SubscriberStatus.CONFIRMED,
        ).select_related("mail")  # fmt: skip
        if delivery_ids is not None:
            failed = failed.filter(pk__in=delivery_ids)
        retried = 0
        for delivery in failed:
            mail_retry(mail=delivery.mail, actor=actor)
            delivery.state = DeliveryState.QUEUED
            delivery.reason = ""
            delivery.save(update_fields=["state", "reason", "updated_at"])
            retried += 1
        old = {"state": locked.state}
        if retried and locked.state == CampaignState.SENT:
            _campaign_move(locked, CampaignState.SENDING)
            locked.save(update_fields=["state", "updated_at"])
        audit_log(
            action=AuditAction.CAMPAIGN_RETRIED, actor=actor, obj=locked, old=old,
            new={"state": locked.state, "retried": retried},
        )  # fmt: skip
    return retried
