"""Writes of the newsletter: subscription (double opt-in), self-service, campaigns and their sending,
bounces and complaints, import. Each service runs in one transaction and writes the audit trail;
mail goes through the outbox and leaves after the transaction commits.

Sending a campaign, and why a crash loses nobody and sends nothing twice:

* ``campaign_enqueue_next`` locks the campaign row, takes the next ``NEWSLETTER_ENQUEUE_CHUNK``
  confirmed subscribers with an id above the campaign's ``cursor`` (keyset pagination), creates
  their delivery records (unique per campaign and subscriber) and their outbox messages, and
  moves the cursor, all in one transaction. A crash before the commit leaves nothing behind; a
  crash after it leaves a consistent cursor. Whoever takes the campaign up again (the periodic
  ``newsletter.dispatch`` when the queueing stalls, or a redelivered task) continues from the
  cursor; two at once are serialised by the row lock.
* The messages themselves are delivered by the outbox, which claims each one before sending and
  marks it sent right after the SMTP server accepts it; its periodic task takes back messages of
  a dead worker. The only duplicates are messages in flight at the moment of a crash.
* ``campaign_refresh`` copies the outbox's outcome into the delivery records, pauses the campaign
  past its failure threshold and marks it sent when nothing is left.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext

from core.audit import audit_log
from core.models import AuditEntry
from core.states import transition_apply, transition_check
from core.templatetags.portal import markdown_filter
from newsletter.enums import (
    ALLOWED_TRANSITIONS,
    CAMPAIGN_TRANSITIONS,
    ENDED_STATUSES,
    CampaignState,
    ConsentMethod,
    DeliveryState,
    SubscribeForm,
    SubscriberStatus,
    UnsubscribeMethod,
)
from newsletter.models import Campaign, Delivery, Subscriber, TrackingEvent, WelcomeMessage
from outbox.enums import MailKind, MailState
from outbox.services import (
    BulkRecipient,
    mail_abort_pending,
    mail_queue,
    mail_queue_bulk,
    mail_render,
    mail_requeue_aborted,
    mail_retry,
)

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
CONFIRM_SALT = "newsletter.confirm"
#: Stand-ins for the personal links while a campaign is rendered once per language.
MANAGE_MARK = "__NEWSLETTER_MANAGE_URL__"
UNSUBSCRIBE_MARK = "__NEWSLETTER_UNSUBSCRIBE_URL__"
IMPORT_MAX_BYTES = 5 * 1024 * 1024
# The outbox's table, for the two set-based updates of the deliveries that join it; reached through the
# delivery's foreign key so that only the outbox's services write its messages.
MAIL_TABLE = Delivery._meta.get_field("mail").related_model._meta.db_table


class NewsletterError(Exception):
    """A refused operation; ``message`` is translated and can be shown to the person."""

    def __init__(self, message: str, code: str = ""):
        self.message = message
        self.code = code
        super().__init__(message)


# Where a person may ask for a move that the map refuses, the service checks it first with its own words;
# a refused move anywhere else is a bug in the service (TransitionError), not something to tell a person.
def _subscriber_move(subscriber: Subscriber, new: str) -> str:
    return transition_apply(subscriber, new, transitions=ALLOWED_TRANSITIONS)


def _campaign_move(campaign: Campaign, new: str) -> str:
    return transition_apply(campaign, new, transitions=CAMPAIGN_TRANSITIONS, field="state")


# --- Links ------------------------------------------------------------------------------------


def _absolute(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs or None)}"


def manage_url(subscriber: Subscriber, language: str | None = None) -> str:
    return _absolute("newsletter:manage", language or subscriber.language, token=subscriber.token)


def one_click_url(subscriber: Subscriber, language: str | None = None) -> str:
    return _absolute("newsletter:one_click", language or subscriber.language, token=subscriber.token)


def unsubscribe_mailto(subscriber: Subscriber) -> str:
    address = getattr(settings, "NEWSLETTER_UNSUBSCRIBE_EMAIL", "") or settings.CONTACT_EMAIL
    return f"mailto:{address}?subject={quote('unsubscribe ' + subscriber.token)}"


def list_unsubscribe_headers(subscriber: Subscriber, language: str | None = None) -> dict[str, str]:
    """RFC 2369 and RFC 8058: an https link that unsubscribes on POST, and a mailto."""
    return {
        "List-Unsubscribe": f"<{one_click_url(subscriber, language)}>, <{unsubscribe_mailto(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _email_digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:20]


def confirmation_token(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "e": _email_digest(subscriber.email)}, salt=CONFIRM_SALT)


def confirmation_url(subscriber: Subscriber) -> str:
    return _absolute("newsletter:confirm", subscriber.language, signed=confirmation_token(subscriber))


# --- Rate limits (cache) ------------------------------------------------------------------------


def _hit(key: str, limit: int) -> bool:
    """Count one attempt; True while within ``limit`` per window."""
    window = settings.NEWSLETTER_RATE_LIMIT_WINDOW
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def subscription_client_allowed(*, client: str) -> bool:
    """Sign-up attempts per client (IP address) within the window."""
    digest = hashlib.sha256(client.encode()).hexdigest()[:32]
    return _hit(f"newsletter:rl:client:{digest}", settings.NEWSLETTER_RATE_LIMIT_PER_CLIENT)


def subscription_address_allowed(*, email: str) -> bool:
    """Mails sent per address within the window, whoever asks for them."""
    return _hit(f"newsletter:rl:email:{_email_digest(email)}", settings.NEWSLETTER_RATE_LIMIT_PER_EMAIL)


# --- Subscription ------------------------------------------------------------------------------


def _clean_language(language: str | None) -> str:
    language = (language or "").strip().lower()[:2]
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def _clean_email(email: str) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise NewsletterError(gettext("Enter a valid email address."), code="email") from None
    if len(email) > 254:
        raise NewsletterError(gettext("Enter a valid email address."), code="email")
    return email


def _find(email: str) -> Subscriber | None:
    return Subscriber.objects.select_for_update().filter(email__iexact=email).exclude(email="").first()


def subscription_request(
    *,
    email: str,
    language: str,
    consent: bool,
    form: str = SubscribeForm.PAGE,
    consent_text: str = "",
    actor=None,
    now: datetime | None = None,
    send_mail: bool = True,
) -> Subscriber:
    """Ask for a subscription. A confirmation link goes to the address; an address that is already
    subscribed gets its self-service link instead. The caller shows the same answer in every case,
    so the page never reveals whether an address was on the list."""
    if not consent:
        raise NewsletterError(
            gettext("Subscribing needs your consent to the processing of your email address."), code="consent"
        )
    email = _clean_email(email)
    language = _clean_language(language)
    form = form if form in (SubscribeForm.FOOTER, SubscribeForm.PAGE) else SubscribeForm.PAGE
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = _find(email)
        if subscriber is not None and subscriber.status == SubscriberStatus.CONFIRMED:
            audit_log(
                action="newsletter.subscriber.requested_again",
                actor=actor,
                obj=subscriber,
                new={"form": form},
            )
            if send_mail:
                mail_queue(
                    to=subscriber.email,
                    template="newsletter_already",
                    context={"manage_url": manage_url(subscriber)},
                    language=subscriber.language,
                    actor=actor,
                )
            return subscriber
        old = {"status": subscriber.status} if subscriber else {}
        if subscriber is None:
            subscriber = Subscriber(email=email, created_at=now, status=SubscriberStatus.PENDING)
        else:
            _subscriber_move(subscriber, SubscriberStatus.PENDING)
        subscriber.language = language
        subscriber.consent_at = now
        subscriber.consent_form = form
        subscriber.consent_language = translation.get_language() or language
        subscriber.consent_language = _clean_language(subscriber.consent_language)
        subscriber.consent_method = ConsentMethod.DOUBLE_OPT_IN
        subscriber.consent_text = consent_text[:2000]
        subscriber.confirmation_sent_at = now if send_mail else None
        try:
            with transaction.atomic():
                subscriber.save()
        except IntegrityError:  # the same address at the same moment: one of them wins
            raise NewsletterError(gettext("Please try again in a moment."), code="busy") from None
        audit_log(
            action="newsletter.subscriber.requested",
            actor=actor,
            obj=subscriber,
            old=old,
            new={"status": subscriber.status, "language": language, "form": form},
        )
        if send_mail:
            mail_queue(
                to=subscriber.email,
                template="newsletter_confirm",
                context={
                    "confirm_url": confirmation_url(subscriber),
                    "valid_days": settings.NEWSLETTER_CONFIRM_MAX_AGE // 86400,
                },
                language=language,
                actor=actor,
            )
    return subscriber


def subscriber_from_confirmation(signed: str) -> Subscriber:
    """The subscriber a confirmation link belongs to; NewsletterError if it is invalid or expired."""
    try:
        payload = signing.loads(signed, salt=CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise NewsletterError(
            gettext("This confirmation link has expired. Please subscribe again."), code="expired"
        ) from None
    except signing.BadSignature:
        raise NewsletterError(gettext("This confirmation link is not valid."), code="invalid") from None
    subscriber = Subscriber.objects.filter(pk=payload.get("s") if isinstance(payload, dict) else None).first()
    if (
        subscriber is None
        or not subscriber.email
        or _email_digest(subscriber.email) != payload.get("e")
        or subscriber.status not in (SubscriberStatus.PENDING, SubscriberStatus.CONFIRMED)
    ):
        raise NewsletterError(gettext("This confirmation link is not valid."), code="invalid")
    return subscriber


def subscription_confirm(*, signed: str, actor=None, now: datetime | None = None) -> Subscriber:
    """Confirm through the signed link. Confirming twice changes nothing; the welcome mail goes once."""
    now = now or timezone.now()
    with transaction.atomic():
        found = subscriber_from_confirmation(signed)
        subscriber = Subscriber.objects.select_for_update().get(pk=found.pk)
        if subscriber.status == SubscriberStatus.CONFIRMED:
            return subscriber
        _subscriber_move(subscriber, SubscriberStatus.CONFIRMED)
        subscriber.confirmed_at = now
        subscriber.ended_at = None
        subscriber.end_reason = ""
        fields = ["status", "confirmed_at", "ended_at", "end_reason"]
        welcome = WelcomeMessage.objects.filter(active=True).first()
        if welcome is not None and subscriber.welcome_sent_at is None:
            subscriber.welcome_sent_at = now
            fields.append("welcome_sent_at")
        subscriber.save(update_fields=fields)
        audit_log(
            action="newsletter.subscriber.confirmed",
            actor=actor,
            obj=subscriber,
            old={"status": SubscriberStatus.PENDING},
            new={"status": subscriber.status},
        )
        if "welcome_sent_at" in fields:
            _send_welcome(subscriber, welcome, actor=actor)
    return subscriber


def _send_welcome(subscriber: Subscriber, welcome: WelcomeMessage, *, actor=None) -> None:
    language = subscriber.language
    subject = getattr(welcome, f"subject_{language}", "") or welcome.subject_fi or welcome.subject
    body = getattr(welcome, f"body_{language}", "") or welcome.body_fi or welcome.body
    mail_queue(
        to=subscriber.email,
        template="newsletter_welcome",
        context={
            "subject": subject,
            "content_html": markdown_filter(body),
            "content_text": markdown_to_text(body),
            "manage_url": manage_url(subscriber),
        },
        language=language,
        actor=actor,
        kind=MailKind.TRANSACTIONAL,
        headers=list_unsubscribe_headers(subscriber),
    )


def _abort_pending_deliveries(subscriber_ids: list[int], *, reason: str, actor=None) -> int:
    """Campaign mail not yet sent to these subscribers is not sent."""
    pending = Delivery.objects.filter(subscriber_id__in=subscriber_ids, state=DeliveryState.QUEUED)
    mail_abort_pending(mail_ids=pending.exclude(mail__isnull=True).values("mail_id"), actor=actor)
    return pending.filter(Q(mail__isnull=True) | Q(mail__state=MailState.ABORTED)).update(
        state=DeliveryState.CANCELLED, reason=reason
    )


def subscriber_unsubscribe(
    *, subscriber: Subscriber, method: str = UnsubscribeMethod.SELF_SERVICE, actor=None, now=None
) -> Subscriber:
    """End the subscription at once and erase the address (the privacy notice promises it).
    Unsubscribing again changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if locked.status == SubscriberStatus.UNSUBSCRIBED:
            return locked
        old = {"status": locked.status}
        if locked.status == SubscriberStatus.CONFIRMED or locked.ended_at is None:
            locked.ended_at = now
        _subscriber_move(locked, SubscriberStatus.UNSUBSCRIBED)
        locked.end_reason = str(UnsubscribeMethod(method).label) if method in UnsubscribeMethod else ""
        locked.email = ""
        locked.save(update_fields=["status", "ended_at", "end_reason", "email"])
        _abort_pending_deliveries(
            [locked.pk], reason=gettext("Unsubscribed before the message was sent."), actor=actor
        )
        audit_log(
            action="newsletter.subscriber.unsubscribed",
            actor=actor,
            obj=locked,
            old=old,
            new={"status": locked.status, "method": method},
        )
    return locked


def subscriber_change_language(*, subscriber: Subscriber, language: str, actor=None) -> Subscriber:
    if language not in LANGUAGE_CODES:
        raise NewsletterError(gettext("Choose one of the languages offered."), code="language")
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if locked.status in ENDED_STATUSES:
            raise NewsletterError(gettext("This subscription has ended."), code="ended")
        if locked.language == language:
            return locked
        old = {"language": locked.language}
        locked.language = language
        locked.save(update_fields=["language"])
        audit_log(
            action="newsletter.subscriber.language_changed",
            actor=actor,
            obj=locked,
            old=old,
            new={"language": language},
        )
    return locked


def subscriber_mark_undeliverable(
    *, subscriber: Subscriber, status: str, reason: str = "", actor=None, now=None
) -> Subscriber:
    """A bounce or complaint: no more campaigns to this address."""
    now = now or timezone.now()
    if status not in (SubscriberStatus.BOUNCED, SubscriberStatus.COMPLAINED):
        raise ValueError(status)
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if locked.status in ENDED_STATUSES:
            return locked
        old = {"status": locked.status}
        if locked.status == SubscriberStatus.CONFIRMED:
            locked.ended_at = now
        _subscriber_move(locked, status)
        locked.end_reason = reason[:500]
        locked.save(update_fields=["status", "ended_at", "end_reason"])
        _abort_pending_deliveries([locked.pk], reason=reason[:500], actor=actor)
        audit_log(
            action=f"newsletter.subscriber.{status}",
            actor=actor,
            obj=locked,
            old=old,
            new={"status": status, "reason": reason[:500]},
        )
    return locked


# --- Tracking events from the email provider ------------------------------------------------------


BOUNCE_EVENTS = {"bounced"}
REJECT_BOUNCE_REASONS = {"bounced", "invalid"}


def tracking_event_record(
    *,
    esp: str,
    event_type: str,
    event_id: str | None,
    recipient: str | None,
    message_id: str | None = None,
    description: str = "",
    reject_reason: str | None = None,
    timestamp: datetime | None = None,
) -> TrackingEvent | None:
    """Record a provider event once (by its id) and act on bounces, complaints and unsubscribes.
    Returns None for an event already recorded or not worth keeping."""
    if event_type == "rejected" and reject_reason in REJECT_BOUNCE_REASONS:
        event_type = "bounced"
    if event_type not in {"bounced", "complained", "unsubscribed"}:
        return None
    recipient = (recipient or "").strip()
    key = (
        event_id
        or hashlib.sha256(
            "|".join([esp, event_type, recipient.lower(), message_id or "", str(timestamp or "")]).encode()
        ).hexdigest()
    )
    key = f"{esp}:{key}"[:255]
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.filter(email__iexact=recipient).exclude(email="").first()
            if recipient
            else None
        )
        event, created = TrackingEvent.objects.get_or_create(
            key=key,
            defaults={
                "esp": esp[:50],
                "event_type": event_type,
                "recipient": recipient[:254],
                "message_id": (message_id or "")[:255],
                "description": (description or "")[:2000],
                "occurred_at": timestamp,
                "subscriber": subscriber,
            },
        )
        if not created:
            return None
        audit_log(
            action="newsletter.tracking_event.received",
            actor=None,
            obj=event,
            new={"esp": esp, "event_type": event_type, "subscriber": subscriber},
        )
        if message_id and event_type == "bounced":
            Delivery.objects.filter(mail__message_id=message_id).update(
                state=DeliveryState.BOUNCED, reason=(description or gettext("Bounced"))[:2000]
            )
        if subscriber is not None:
            if event_type == "unsubscribed":
                subscriber_unsubscribe(subscriber=subscriber, method=UnsubscribeMethod.PROVIDER)
            else:
                subscriber_mark_undeliverable(
                    subscriber=subscriber,
                    status=SubscriberStatus.BOUNCED
                    if event_type == "bounced"
                    else SubscriberStatus.COMPLAINED,
                    reason=description or "",
                )
    return event


# --- Campaign content ----------------------------------------------------------------------------

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def markdown_to_text(source: str) -> str:
    """Markdown is meant to read as plain text; links become "text (address)"."""
    text = _MD_LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(1) else m.group(2), source or "")
    text = _MD_EMPHASIS.sub(r"\2", text)
    return text.strip()


@dataclass(frozen=True)
class PreparedVersion:
    """One language version of a campaign rendered once, with stand-ins for the personal links."""

    language: str
    subject: str
    body_text: str
    body_html: str

    def personalise(self, *, manage: str, unsubscribe: str) -> dict[str, str]:
        return {
            "subject": self.subject,
            "text": self.body_text.replace(MANAGE_MARK, manage).replace(UNSUBSCRIBE_MARK, unsubscribe),
            "html": self.body_html.replace(MANAGE_MARK, manage).replace(UNSUBSCRIBE_MARK, unsubscribe),
        }


def campaign_context(campaign: Campaign, language: str) -> dict:
    body = campaign.body_in(language)
    return {
        "campaign": campaign,
        "subject": campaign.subject_in(language),
        "content_html": markdown_filter(body),
        "content_text": markdown_to_text(body),
        "archive_url": _absolute("newsletter:archive_detail", language, pk=campaign.pk)
        if campaign.pk
        else "",
    }


def campaign_prepare(campaign: Campaign, language: str) -> PreparedVersion:
    """Render the ``newsletter_campaign`` mail in the version for readers of ``language``."""
    version = campaign.language_of_version(language)
    rendered = mail_render(
        template="newsletter_campaign",
        context={
            **campaign_context(campaign, version),
            "manage_url": MANAGE_MARK,
            "unsubscribe_url": UNSUBSCRIBE_MARK,
        },
        language=version,
    )
    return PreparedVersion(version, rendered.subject, rendered.body_text, rendered.body_html)


def _check_content(campaign: Campaign) -> None:
    if not (campaign.subject_fi or "").strip() or not (campaign.body_fi or "").strip():
        raise NewsletterError(
            gettext("The campaign needs at least a Finnish subject and body."), code="content"
        )


# --- Campaign actions -----------------------------------------------------------------------------


def _publish_enqueue(campaign_id: int) -> None:
    from newsletter.tasks import campaign_enqueue

    try:
        campaign_enqueue.delay(campaign_id)
    except Exception:  # the broker is away: the periodic dispatch takes the campaign up
        import logging

        logging.getLogger(__name__).warning("Could not publish the queueing of campaign %s", campaign_id)


def campaign_send(*, campaign: Campaign, actor, now: datetime | None = None) -> Campaign:
    """Send now, or at ``send_at`` when that is in the future."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.state not in (CampaignState.DRAFT, CampaignState.SCHEDULED):
            raise NewsletterError(gettext("Only a draft or a scheduled campaign can be sent."), code="state")
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
            action="newsletter.campaign.sent"
            if locked.state == CampaignState.SENDING
            else "newsletter.campaign.scheduled",
            actor=actor,
            obj=locked,
            old=old,
            new={"state": locked.state, "send_at": locked.send_at},
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
        action="newsletter.campaign.paused",
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
            action="newsletter.campaign.resumed",
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
            action="newsletter.campaign.cancelled",
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
            action="newsletter.campaign.test_sent",
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
            action="newsletter.campaign.retried", actor=actor, obj=locked, old=old,
            new={"state": locked.state, "retried": retried},
        )  # fmt: skip
    return retried


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
            Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED, pk__gt=campaign.cursor)
            .exclude(email="")
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
        for pk, email, language, token in todo:
            language = _clean_language(language)
            if language not in prepared:
                prepared[language] = campaign_prepare(campaign, language)
            version = prepared[language]
            stub = Subscriber(pk=pk, email=email, language=language, token=token)
            recipients.append(
                BulkRecipient(
                    to=email,
                    language=version.language,
                    context=version.personalise(manage=manage_url(stub), unsubscribe=one_click_url(stub)),
                    headers=list_unsubscribe_headers(stub),
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
            action="newsletter.campaign.queued",
            actor=None,
            obj=campaign,
            new={"recipients": len(deliveries), "cursor": campaign.cursor, "done": campaign.enqueue_done},
        )
    return not campaign.enqueue_done


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


@dataclass
class Progress:
    total: int = 0
    queued: int = 0
    sent: int = 0
    failed: int = 0
    bounced: int = 0
    cancelled: int = 0
    unqueued: int = 0
    counts: dict = field(default_factory=dict)

    @property
    def remaining(self) -> int:
        return self.queued + self.unqueued

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.bounced + self.cancelled


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
    from newsletter.selectors import campaign_progress

    now = now or timezone.now()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().filter(pk=campaign_id).first()
        if campaign is None:
            return Progress()
        _sync_deliveries(campaign.pk)
        progress = campaign_progress(campaign)
        if campaign.state != CampaignState.SENDING:
            return progress
        finished = progress.sent + progress.failed
        if (
            finished >= settings.NEWSLETTER_FAILURE_MIN_SAMPLE
            and progress.failed * 100 >= campaign.failure_threshold * finished
        ):
            _pause(
                campaign,
                actor=None,
                reason=gettext("Paused automatically: %(failed)d of %(finished)d messages failed.")
                % {"failed": progress.failed, "finished": finished},
            )
            return campaign_progress(campaign)
        if campaign.not_after and campaign.not_after <= now:
            old = {"state": campaign.state}
            _stop(campaign, state=CampaignState.SENT, reason=gettext("The last moment for sending passed."))
            audit_log(
                action="newsletter.campaign.expired",
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
                action="newsletter.campaign.finished",
                actor=None,
                obj=campaign,
                old={"state": CampaignState.SENDING},
                new={"state": campaign.state, "sent": progress.sent, "failed": progress.failed},
            )
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


def subscribers_cleanup_unconfirmed(*, now: datetime | None = None) -> int:
    """Requests never confirmed are deleted once their link has long expired."""
    now = now or timezone.now()
    limit = now - timezone.timedelta(seconds=2 * settings.NEWSLETTER_CONFIRM_MAX_AGE)
    stale = Subscriber.objects.filter(
        status=SubscriberStatus.PENDING, confirmed_at__isnull=True, created_at__lt=limit
    )
    deleted, _ = stale.delete()
    return deleted


# --- Import -----------------------------------------------------------------------------------------------


@dataclass
class ImportRow:
    line: int
    email: str
    language: str
    consent_at: datetime | None
    action: str  # "create", "update", "unchanged", "error"
    message: str = ""

    @property
    def action_label(self) -> str:
        labels = {
            "create": gettext("New"),
            "update": gettext("Changed"),
            "unchanged": gettext("Unchanged"),
            "error": gettext("Skipped"),
        }
        return labels.get(self.action, self.action)


@dataclass
class ImportResult:
    rows: list[ImportRow]
    dry_run: bool

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def errors(self) -> list[ImportRow]:
        return [r for r in self.rows if r.action == "error"]


def _parse_consent(value: str) -> datetime | None:
    value = (value or "").strip()
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        if day is None:
            match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
            if match:
                try:
                    day = datetime(int(match[3]), int(match[2]), int(match[1])).date()
                except ValueError:
                    return None
        if day is None:
            return None
        parsed = datetime(day.year, day.month, day.day, 12, 0)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def subscribers_import(*, content: bytes, dry_run: bool, actor, now: datetime | None = None) -> ImportResult:
    """Import a CSV (email, language, consent date; a header row is optional). Imported addresses
    are subscribed with their earlier consent; no confirmation or welcome mail is sent. Addresses
    that unsubscribed, bounced or complained are not subscribed again. With ``dry_run`` nothing
    is saved and the result shows what would change."""
    now = now or timezone.now()
    if len(content) > IMPORT_MAX_BYTES:
        raise NewsletterError(gettext("The file is too large (at most 5 MB)."), code="size")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NewsletterError(gettext("The file must be UTF-8 encoded CSV."), code="encoding") from None
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows: list[ImportRow] = []
    seen: set[str] = set()
    parsed: list[tuple[int, str, str, datetime | None]] = []
    for line, record in enumerate(reader, start=1):
        if not record or not any(cell.strip() for cell in record):
            continue
        email = record[0].strip()
        if line == 1 and "@" not in email:
            continue  # header row
        language = (record[1].strip().lower() if len(record) > 1 else "") or settings.LANGUAGE_CODE
        consent_raw = record[2].strip() if len(record) > 2 else ""
        consent_at = _parse_consent(consent_raw)
        try:
            validate_email(email)
        except ValidationError:
            rows.append(
                ImportRow(line, email[:254], language, None, "error", gettext("Not a valid email address."))
            )
            continue
        if language not in LANGUAGE_CODES:
            rows.append(
                ImportRow(
                    line, email, language, None, "error", gettext("Unknown language (use fi, sv or en).")
                )
            )
            continue
        if consent_raw and consent_at is None:
            rows.append(
                ImportRow(line, email, language, None, "error", gettext("The consent date is not a date."))
            )
            continue
        if email.lower() in seen:
            rows.append(
                ImportRow(
                    line,
                    email,
                    language,
                    consent_at,
                    "error",
                    gettext("The address appears twice in the file."),
                )
            )
            continue
        seen.add(email.lower())
        parsed.append((line, email, language, consent_at))
    if len(parsed) + len(rows) > 100_000:
        raise NewsletterError(gettext("The file has too many rows (at most 100,000)."), code="size")
    with transaction.atomic():
        existing = {
            s.email.lower(): s
            for s in Subscriber.objects.select_for_update()
            .annotate(email_lower=Lower("email"))
            .filter(email_lower__in=[p[1].lower() for p in parsed])
        }
        to_create, to_update = [], []
        for line, email, language, consent_at in parsed:
            current = existing.get(email.lower())
            if current is None:
                rows.append(ImportRow(line, email, language, consent_at, "create"))
                to_create.append(
                    Subscriber(
                        email=email, language=language, status=SubscriberStatus.CONFIRMED,
                        created_at=now, confirmed_at=consent_at or now, consent_at=consent_at or now,
                        consent_form=SubscribeForm.IMPORT, consent_language=language,
                        consent_method=ConsentMethod.IMPORT,
                    )
                )  # fmt: skip
            elif current.status in ENDED_STATUSES:
                message = gettext("This address has left the list; it is not added again.")
                rows.append(ImportRow(line, email, language, consent_at, "error", message))
            elif current.status == SubscriberStatus.PENDING:
                rows.append(
                    ImportRow(
                        line,
                        email,
                        language,
                        consent_at,
                        "update",
                        gettext("Subscribed (was awaiting confirmation)."),
                    )
                )
                _subscriber_move(current, SubscriberStatus.CONFIRMED)
                current.confirmed_at = consent_at or now
                current.language = language
                current.consent_at = consent_at or now
                current.consent_method = ConsentMethod.IMPORT
                current.consent_form = SubscribeForm.IMPORT
                to_update.append(current)
            elif current.language != language:
                message = gettext("Language %(old)s → %(new)s.") % {"old": current.language, "new": language}
                rows.append(ImportRow(line, email, language, consent_at, "update", message))
                current.language = language
                to_update.append(current)
            else:
                rows.append(ImportRow(line, email, language, consent_at, "unchanged"))
        rows.sort(key=lambda r: r.line)
        result = ImportResult(rows=rows, dry_run=dry_run)
        if dry_run:
            return result
        Subscriber.objects.bulk_create(to_create, batch_size=1000)
        Subscriber.objects.bulk_update(
            to_update,
            ["status", "confirmed_at", "language", "consent_at", "consent_method", "consent_form"],
            batch_size=1000,
        )
        AuditEntry.objects.create(
            action="newsletter.subscribers.imported",
            actor_id=actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None,
            object_type=Subscriber._meta.label_lower,
            object_id="",
            new={"created": result.created, "updated": result.updated, "errors": len(result.errors)},
        )
    return result
