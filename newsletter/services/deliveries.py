"""Sending a campaign: queueing its recipients in chunks, following the outbox's outcome, and the
periodic dispatch (see the package's docstring for why a crash loses nobody and sends nothing twice)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from core import search as site_search
from core.audit import audit_log
from newsletter.enums import AuditAction, CampaignState, DeliveryState
from newsletter.models import Campaign, Delivery, Subscriber
from newsletter.selectors import Progress, campaign_progress, campaign_recipients
from newsletter.services.campaigns import _pause, _publish_enqueue, _stop, campaign_send
from newsletter.services.common import (
    NewsletterError,
    _campaign_move,
    _clean_language,
    list_unsubscribe_headers,
    manage_url,
    one_click_url,
)
from newsletter.services.content import PreparedVersion, campaign_prepare
from outbox.enums import MailKind, MailState
from outbox.services import BulkRecipient, mail_queue_bulk

# The outbox's table, for the two set-based updates of the deliveries that join it; reached through the
# delivery's foreign key so that only the outbox's services write its messages.
MAIL_TABLE = Delivery._meta.get_field("mail").related_model._meta.db_table


# --- Sending: queueing in chunks and progress -------------------------------------------------------------


def campaign_enqueue_next(
    *,
    campaign_id: int,
    prepared: dict[str, PreparedVersion] | None = None,
    chunk_size: int | None = None,
    now: datetime | None = None,
) -> bool:
    """Queue the next chunk of recipients of a sending campaign. Returns True while more remain.

    Idempotent and safe to run in several processes at once: the campaign row is locked, the
    chunk starts after the stored cursor, and a delivery record exists once per subscriber."""
    size = chunk_size or settings.NEWSLETTER_ENQUEUE_CHUNK
    now = now or timezone.now()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().filter(pk=campaign_id).first()
        if campaign is None or campaign.state != CampaignState.SENDING or campaign.enqueue_done:
            return False
        if campaign.not_after and campaign.not_after <= now:
            campaign.enqueue_done = True
            campaign.save(update_fields=["enqueue_done", "updated_at"])
            return False
        rows = list(
            campaign_recipients(campaign)
            .filter(pk__gt=campaign.cursor)
            .order_by("pk")
            .values_list("pk", "email", "language", "token")[:size]
        )
        already = set(
            Delivery.objects.filter(campaign=campaign, subscriber_id__in=[r[0] for r in rows]).values_list(
                "subscriber_id", flat=True
            )
        )
        todo = [r for r in rows if r[0] not in already]
        if prepared is None:
            prepared = {}
        recipients = []
        deliveries = []
        links: dict[str, _Links] = {}
        for pk, email, language, token in todo:
            language = _clean_language(language)
            if language not in prepared:
                prepared[language] = campaign_prepare(campaign, language)
            if language not in links:
                links[language] = _Links(language)
            version = prepared[language]
            manage, one_click, headers = links[language].of(pk=pk, email=email, token=token)
            recipients.append(
                BulkRecipient(
                    to=email,
                    language=version.language,
                    rendered=version.rendered_for(manage=manage, unsubscribe=one_click),
                    headers=headers,
                )
            )
            deliveries.append(
                Delivery(campaign=campaign, subscriber_id=pk, language=version.language, created_at=now)
            )
        if deliveries:
            Delivery.objects.bulk_create(deliveries)
            bulk_id = mail_queue_bulk(
                recipients=recipients, template="newsletter_personal", context={}, kind=MailKind.NEWSLETTER
            )
            _link_mails(campaign.pk, bulk_id)
        if rows:
            campaign.cursor = rows[-1][0]
        if len(rows) < size:
            campaign.enqueue_done = True
        campaign.heartbeat_at = now
        campaign.save(update_fields=["cursor", "enqueue_done", "heartbeat_at", "updated_at"])
        audit_log(
            action=AuditAction.CAMPAIGN_QUEUED,
            actor=None,
            obj=campaign,
            new={"recipients": len(deliveries), "cursor": campaign.cursor, "done": campaign.enqueue_done},
        )
    return not campaign.enqueue_done


class _Links:
    """A language's personal links, resolved once: each subscriber's token goes into the resolved
    address (the token converter takes it as it is) instead of resolving three URLs per recipient."""

    MARK = "TOKENMARKTOKENMARK"
    SAFE_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

    def __init__(self, language: str):
        self.language = language
        stub = Subscriber(email="", language=language, token=self.MARK)
        self.manage = manage_url(stub)
        self.one_click = one_click_url(stub)
        self.headers = list_unsubscribe_headers(stub)

    def of(self, *, pk: int, email: str, token: str) -> tuple[str, str, dict[str, str]]:
        if not self.SAFE_TOKEN.match(token) or self.MARK in token:
            stub = Subscriber(pk=pk, email=email, language=self.language, token=token)
            return manage_url(stub), one_click_url(stub), list_unsubscribe_headers(stub)
        return (
            self.manage.replace(self.MARK, token),
            self.one_click.replace(self.MARK, token),
            {name: value.replace(self.MARK, token) for name, value in self.headers.items()},
        )


def _link_mails(campaign_id: int, bulk_id: uuid.UUID) -> None:
    """Store each delivery's outbox message (matched by address within the bulk send)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {Delivery._meta.db_table} d SET mail_id = m.id
            FROM {MAIL_TABLE} m, {Subscriber._meta.db_table} s
            WHERE m.bulk_id = %s AND d.campaign_id = %s AND d.subscriber_id = s.id
              AND d.mail_id IS NULL AND lower(s.email) = lower(m."to")
            """,  # noqa: S608
            [bulk_id, campaign_id],
        )


def _sync_deliveries(campaign_id: int) -> int:
    """Copy the outbox's outcome (sent / failed with its reason) into the delivery records."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {Delivery._meta.db_table} d
            SET state = CASE WHEN m.state = %s THEN %s ELSE %s END,
                reason = CASE WHEN m.state = %s THEN '' ELSE m.last_error END,
                sent_at = m.sent_at, updated_at = now()
            FROM {MAIL_TABLE} m
            WHERE d.mail_id = m.id AND d.campaign_id = %s AND d.state = %s AND m.state IN (%s, %s)
            """,  # noqa: S608
            [
                MailState.SENT, DeliveryState.SENT, DeliveryState.FAILED, MailState.SENT,
                campaign_id, DeliveryState.QUEUED, MailState.SENT, MailState.FAILED,
            ],
        )  # fmt: skip
        return cursor.rowcount


def campaign_refresh(*, campaign_id: int, now: datetime | None = None) -> Progress:
    """Bring the delivery records up to date, pause past the failure threshold, finish when done."""
    now = now or timezone.now()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().filter(pk=campaign_id).first()
        if campaign is None:
            return Progress()
        _sync_deliveries(campaign.pk)
        progress = campaign_progress(campaign)
        if campaign.state != CampaignState.SENDING:
            return progress
        # A hard bounce is a failure too: many at once mean a bad list or a blocked sender.
        failed = progress.failed + progress.bounced
        finished = progress.sent + failed
        if (
            finished >= settings.NEWSLETTER_FAILURE_MIN_SAMPLE
            and failed * 100 >= campaign.failure_threshold * finished
        ):
            _pause(
                campaign,
                actor=None,
                reason=gettext("Paused automatically: %(failed)d of %(finished)d messages failed.")
                % {"failed": failed, "finished": finished},
            )
            return campaign_progress(campaign)
        if campaign.not_after and campaign.not_after <= now:
            old = {"state": campaign.state}
            _stop(campaign, state=CampaignState.SENT, reason=gettext("The last moment for sending passed."))
            audit_log(
                action=AuditAction.CAMPAIGN_EXPIRED,
                actor=None,
                obj=campaign,
                old=old,
                new={"state": campaign.state},
            )
            return campaign_progress(campaign)
        if campaign.enqueue_done and progress.queued == 0:
            _campaign_move(campaign, CampaignState.SENT)
            campaign.finished_at = now
            campaign.save(update_fields=["state", "finished_at", "updated_at"])
            audit_log(
                action=AuditAction.CAMPAIGN_FINISHED,
                actor=None,
                obj=campaign,
                old={"state": CampaignState.SENDING},
                new={"state": campaign.state, "sent": progress.sent, "failed": progress.failed},
            )
            site_search.changed(kind="newsletter", ids=[campaign.pk])
    return progress


def campaigns_dispatch(*, now: datetime | None = None) -> dict[str, int]:
    """The periodic duty: start scheduled campaigns that are due, take up stalled queueing, and
    refresh the progress of campaigns being sent."""
    now = now or timezone.now()
    started = 0
    for campaign in Campaign.objects.filter(state=CampaignState.SCHEDULED, send_at__lte=now):
        try:
            campaign_send(campaign=campaign, actor=None, now=now)
            started += 1
        except NewsletterError:
            with transaction.atomic():
                locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
                if locked.state == CampaignState.SCHEDULED:
                    _stop(
                        locked,
                        state=CampaignState.CANCELLED,
                        reason=gettext("The last moment for sending passed."),
                    )
    stall_limit = now - timezone.timedelta(seconds=settings.NEWSLETTER_STALL_AFTER)
    resumed = 0
    for campaign_id in (
        Campaign.objects.filter(state=CampaignState.SENDING, enqueue_done=False)
        .filter(Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lte=stall_limit))
        .values_list("pk", flat=True)
    ):
        _publish_enqueue(campaign_id)
        resumed += 1
    refreshed = 0
    for campaign_id in (
        Campaign.objects.filter(Q(state=CampaignState.SENDING) | Q(deliveries__state=DeliveryState.QUEUED))
        .distinct()
        .values_list("pk", flat=True)
    ):
        campaign_refresh(campaign_id=campaign_id, now=now)
        refreshed += 1
    return {"started": started, "resumed": resumed, "refreshed": refreshed}
