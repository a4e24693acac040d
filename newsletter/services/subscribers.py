"""Subscribing (double opt-in), self-service, bounces and complaints, and clearing old requests."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from core import ratelimit
from core.audit import audit_log
from core.templatetags.portal import markdown_filter
from newsletter.enums import (
    ENDED_STATUSES,
    AuditAction,
    ConsentMethod,
    DeliveryState,
    SubscribeForm,
    SubscriberStatus,
    UnsubscribeMethod,
)
from newsletter.models import Delivery, Subscriber, TrackingEvent, WelcomeMessage
from newsletter.services.common import (
    CONFIRM_SALT,
    LANGUAGE_CODES,
    NewsletterError,
    _clean_email,
    _clean_language,
    _email_digest,
    _subscriber_move,
    confirmation_url,
    consent_client_hash,
    consent_text_version,
    list_unsubscribe_headers,
    manage_url,
)
from newsletter.services.content import markdown_to_text
from outbox.enums import MailKind, MailState
from outbox.services import mail_abort_pending, mail_queue

# --- Rate limits -------------------------------------------------------------------------------


def subscription_client_allowed(*, client: str) -> bool:
    """Sign-up attempts per client (IP address) within the window."""
    digest = hashlib.sha256(client.encode()).hexdigest()[:32]
    return ratelimit.hit(
        key=f"newsletter:rl:client:{digest}",
        limit=settings.NEWSLETTER_RATE_LIMIT_PER_CLIENT,
        window=settings.NEWSLETTER_RATE_LIMIT_WINDOW,
    )


def subscription_address_allowed(*, email: str) -> bool:
    """Mails sent per address within the window, whoever asks for them."""
    return ratelimit.hit(
        key=f"newsletter:rl:email:{_email_digest(email)}",
        limit=settings.NEWSLETTER_RATE_LIMIT_PER_EMAIL,
        window=settings.NEWSLETTER_RATE_LIMIT_WINDOW,
    )


# --- Subscription ------------------------------------------------------------------------------


def _find(email: str) -> Subscriber | None:
    return Subscriber.objects.select_for_update().filter(email__iexact=email).exclude(email="").first()


def subscription_request(
    *,
    email: str,
    language: str,
    consent: bool,
    form: str = SubscribeForm.PAGE,
    consent_text: str = "",
    client: str = "",
    user_agent: str = "",
    actor=None,
    now: datetime | None = None,
    send_mail: bool = True,
) -> Subscriber:
    """Ask for a subscription. A confirmation link goes to the address; an address that is already
    subscribed gets its self-service link instead. The caller shows the same answer in every case,
    so the page never reveals whether an address was on the list. The consent is kept as evidence:
    when, where, the wording shown and its version, the client (a keyed hash of its IP address, see
    ``consent_client_hash``) and its user agent."""
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
                action=AuditAction.SUBSCRIBER_REQUESTED_AGAIN,
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
        subscriber.consent_text_version = consent_text_version(
            subscriber.consent_text, subscriber.consent_language
        )
        subscriber.consent_client = consent_client_hash(client)
        subscriber.consent_user_agent = (user_agent or "")[:500]
        subscriber.consent_source = ""
        subscriber.confirmation_sent_at = now if send_mail else None
        try:
            with transaction.atomic():
                subscriber.save()
        except IntegrityError:  # the same address at the same moment: one of them wins
            raise NewsletterError(gettext("Please try again in a moment."), code="busy") from None
        audit_log(
            action=AuditAction.SUBSCRIBER_REQUESTED,
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
        if subscriber.status != SubscriberStatus.PENDING:
            # Ended between the link's check and the lock: an ended subscription is never revived by
            # an old link; the person asks again and confirms the new one.
            raise NewsletterError(gettext("This confirmation link is not valid."), code="invalid")
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
            action=AuditAction.SUBSCRIBER_CONFIRMED,
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
            action=AuditAction.SUBSCRIBER_UNSUBSCRIBED,
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
            action=AuditAction.SUBSCRIBER_LANGUAGE_CHANGED,
            actor=actor,
            obj=locked,
            old=old,
            new={"language": language},
        )
    return locked


def subscriber_set_test_list(*, subscriber: Subscriber, on: bool, actor) -> Subscriber:
    """Put a subscriber on the test list (campaigns can be sent to it alone) or take them off it."""
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if locked.on_test_list == on:
            return locked
        locked.on_test_list = on
        locked.save(update_fields=["on_test_list"])
        audit_log(
            action=AuditAction.SUBSCRIBER_TEST_LIST_CHANGED,
            actor=actor,
            obj=locked,
            old={"on_test_list": not on},
            new={"on_test_list": on},
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
            action=AuditAction(f"newsletter.subscriber.{status}"),
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
            action=AuditAction.TRACKING_EVENT_RECEIVED,
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


def subscriber_smtp_refused(*, email: str, message_id: str, code: int, reason: str) -> TrackingEvent | None:
    """A receiving server refused the address for good (5xx on RCPT or DATA) when the outbox sent to it:
    handled exactly like the provider's bounce report (recorded once per message, delivery marked
    bounced, subscriber suppressed and audited)."""
    return tracking_event_record(
        esp="smtp",
        event_type="bounced",
        event_id=message_id or None,
        recipient=email,
        message_id=message_id,
        description=reason or str(code),
    )


def subscribers_cleanup_unconfirmed(*, now: datetime | None = None) -> int:
    """Requests never confirmed are deleted once their link has long expired."""
    now = now or timezone.now()
    limit = now - timezone.timedelta(seconds=2 * settings.NEWSLETTER_CONFIRM_MAX_AGE)
    stale = Subscriber.objects.filter(
        status=SubscriberStatus.PENDING, confirmed_at__isnull=True, created_at__lt=limit
    )
    deleted, _ = stale.delete()
    return deleted
