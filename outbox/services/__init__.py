"""Writes to the outbox: queue, bulk queue, retry, abort, and the delivery bookkeeping.

Every message is rendered and stored in the caller's transaction and handed to Celery only
after that transaction commits, so a rolled-back change sends nothing and a committed one is
never lost: whatever the broker did not get, the periodic task ``outbox.requeue_stale`` hands
over again.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from email.headerregistry import Address
from email.utils import parseaddr
from functools import partial
from itertools import islice
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext, pgettext_lazy

from core.audit import audit_log, audit_log_many
from core.states import can_transition
from outbox.enums import ALLOWED_TRANSITIONS, PENDING_STATES, AuditAction, MailKind, MailState
from outbox.models import OutgoingMail, OutgoingMailAttachment
from outbox.services.claims import (  # noqa: F401 (the tasks' bookkeeping, re-exported)
    mail_begin,
    mail_claim_batch,
    mail_claims_release,
    mail_claims_renew,
)
from outbox.services.rows import insert_rows as _insert_rows

logger = logging.getLogger(__name__)

#: A receiving server refused the recipient for good (a 5xx reply to RCPT or DATA: a hard bounce).
#: Sent with ``mail``, ``code`` and ``reason`` inside the transaction that records the failure, so a
#: list that keeps the address (the newsletter) suppresses it in the same commit. The outbox knows
#: nothing of lists; receivers call their own app's service.
mail_hard_bounced = Signal()


class OutboxError(Exception):
    """A refused outbox operation; ``message`` is translated and can be shown to the user."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str = "application/octet-stream"


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    body_text: str
    body_html: str


@dataclass(frozen=True)
class BulkRecipient:
    """One recipient of a bulk send; ``context`` is merged over the shared context and
    ``headers`` over the shared headers (e.g. a personal List-Unsubscribe). ``rendered``: the
    caller's own rendering for this recipient (the same template and language), e.g. a version
    rendered once per language with the personal links substituted; no template is rendered then."""

    to: str
    language: str
    context: Mapping[str, Any] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    rendered: RenderedMail | None = None


# --- Rendering -------------------------------------------------------------------------------


def _language(language: str | None) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    language = (language or "").lower()[:2]
    return language if language in codes else settings.LANGUAGE_CODE


def _render_text(name: str, context: dict[str, Any]) -> str:
    # Plain text is not HTML: no escaping of "&" or quotes.
    return get_template(name).template.render(Context(context, autoescape=False))


def mail_render(*, template: str, context: Mapping[str, Any], language: str) -> RenderedMail:
    """Render ``templates/mail/<template>/{subject.txt,body.txt,body.html}`` in ``language``."""
    language = _language(language)
    with translation.override(language):
        values = {
            "SITE_URL": settings.SITE_URL,
            "CONTACT_EMAIL": settings.CONTACT_EMAIL,
            "LANGUAGE_CODE": language,
            **context,
        }
        subject = " ".join(_render_text(f"mail/{template}/subject.txt", values).split())
        body_text = _render_text(f"mail/{template}/body.txt", values).strip() + "\n"
        try:
            body_html = get_template(f"mail/{template}/body.html").render(values)
        except TemplateDoesNotExist:
            body_html = ""
    return RenderedMail(subject=subject, body_text=body_text, body_html=body_html)


# The default sender's name (settings.DEFAULT_FROM_EMAIL), translated per mail language below.
SENDER_NAME = pgettext_lazy("mail sender", "SOTE-tekoälyn ekosysteemi")


def _sender(kind: str, language: str) -> str:
    """The configured sender, its name in the mail's language when the catalogues translate it."""
    configured = (
        settings.NEWSLETTER_FROM_EMAIL if kind == MailKind.NEWSLETTER else settings.DEFAULT_FROM_EMAIL
    )
    name, address = parseaddr(configured)
    if not name or "@" not in address:
        return configured
    with translation.override(language):
        translated = pgettext("mail sender", name)
    if translated == name:
        return configured
    username, _at, domain = address.rpartition("@")
    return str(Address(display_name=translated, username=username, domain=domain))


def new_message_id() -> str:
    domain = settings.OUTBOX_MESSAGE_ID_DOMAIN
    if not domain:
        address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        domain = address.rpartition("@")[2] or "localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"


def _check_address(value: str) -> str:
    value = (value or "").strip()
    if not value or "\n" in value or "\r" in value or "@" not in value:
        raise OutboxError(gettext("“%(address)s” is not a valid email address.") % {"address": value})
    return value


# --- Publishing to Celery ---------------------------------------------------------------------


def publish_delivery(mail_ids: Sequence[int], *, countdown: float | None = None) -> bool:
    """Hand messages to Celery. Never raises: if the broker is unreachable the messages stay
    queued, and the periodic task hands them over later."""
    # The one real cycle: the tasks deliver through these services, and a failed attempt here
    # schedules the next task.
    from outbox.tasks import mail_deliver, mail_deliver_batch

    ids = list(mail_ids)
    if not ids:
        return True
    task, args = (mail_deliver, (ids[0],)) if len(ids) == 1 else (mail_deliver_batch, (ids,))
    # Marked before the hand-over, not after: a worker that takes the task at once claims with SKIP
    # LOCKED and skipped rows this update still held, which then waited for the periodic task.
    enqueued_at = timezone.now()
    OutgoingMail.objects.filter(pk__in=ids, state__in=PENDING_STATES).update(enqueued_at=enqueued_at)
    try:
        if task.app.conf.task_always_eager:
            task.apply_async(args, countdown=countdown)
        else:
            # Connect without kombu's connection retries and publish without Celery's publish
            # retries: either could hold the request for seconds while Redis is away.
            with task.app.producer_or_acquire() as producer:
                producer.connection.ensure_connection(max_retries=0)
                task.apply_async(args, countdown=countdown, retry=False, producer=producer)
    except Exception:
        logger.warning(
            "Could not hand %d message(s) to the task queue; they stay queued for the periodic task.",
            len(ids),
            exc_info=True,
        )
        OutgoingMail.objects.filter(pk__in=ids, enqueued_at=enqueued_at).update(enqueued_at=None)
        return False
    return True


# --- Queueing ---------------------------------------------------------------------------------


def _mail_instance(
    *,
    to: str,
    template: str,
    language: str,
    rendered: RenderedMail,
    actor,
    kind: str,
    headers: dict | None,
    reply_to: str,
    attachment_count: int,
    bulk_id: uuid.UUID | None = None,
    sender: str | None = None,
    now=None,
) -> OutgoingMail:
    return OutgoingMail(
        state=MailState.QUEUED,
        kind=kind,
        to=to,
        sender=sender or _sender(kind, language),
        reply_to=reply_to or "",
        language=language,
        template=template,
        subject=rendered.subject,
        body_text=rendered.body_text,
        body_html=rendered.body_html,
        headers=dict(headers or {}),
        message_id=new_message_id(),
        attachment_count=attachment_count,
        bulk_id=bulk_id,
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        next_attempt_at=now or timezone.now(),
    )


def mail_queue(
    *,
    to: str,
    template: str,
    context: dict,
    language: str,
    actor=None,
    attachments: Sequence[Attachment] = (),
    kind: MailKind = MailKind.TRANSACTIONAL,
    headers: dict | None = None,
    reply_to: str = "",
    rendered: RenderedMail | None = None,
) -> OutgoingMail:
    """Render and store one message; it is delivered after the surrounding transaction commits.

    ``rendered`` (from :func:`mail_render`, same template and language) lets a caller render
    before it takes a lock and store the message under it."""
    to = _check_address(to)
    language = _language(language)
    if rendered is None:
        rendered = mail_render(template=template, context=context, language=language)
    with transaction.atomic():
        mail = _mail_instance(
            to=to,
            template=template,
            language=language,
            rendered=rendered,
            actor=actor,
            kind=kind,
            headers=headers,
            reply_to=reply_to,
            attachment_count=len(attachments),
        )
        mail.save()
        if attachments:
            OutgoingMailAttachment.objects.bulk_create(
                OutgoingMailAttachment(mail=mail, filename=a.filename, mimetype=a.mimetype, content=a.content)
                for a in attachments
            )
        audit_log(
            action=AuditAction.MAIL_QUEUED,
            actor=actor,
            obj=mail,
            new={
                "to": mail.to,
                "template": template,
                "language": language,
                "kind": str(kind),
                "message_id": mail.message_id,
            },
        )
        transaction.on_commit(partial(publish_delivery, [mail.pk]))
    return mail


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def mail_queue_bulk(
    *,
    recipients: Iterable[BulkRecipient],
    template: str,
    context: dict,
    actor=None,
    attachments: Sequence[Attachment] = (),
    kind: MailKind = MailKind.NEWSLETTER,
    headers: dict | None = None,
    reply_to: str = "",
    batch_size: int | None = None,
) -> uuid.UUID:
    """Queue one message per recipient, ``batch_size`` at a time with ``bulk_create``.

    ``recipients`` may be a lazy iterable (e.g. ``queryset.iterator()`` mapped to
    :class:`BulkRecipient`): only one batch is held in memory. Each batch becomes one delivery
    task (one SMTP connection) after the transaction commits. Returns the bulk id that groups
    the messages."""
    size = batch_size or settings.OUTBOX_BATCH_SIZE
    bulk_id = uuid.uuid4()
    shared: dict[str, RenderedMail] = {}  # rendered once per language when nothing is personal
    senders: dict[str, str] = {}  # the sender's translated name, once per language
    now = timezone.now()
    with transaction.atomic():
        for chunk in _batched(recipients, size):
            mails = []
            for recipient in chunk:
                language = _language(recipient.language)
                if language not in senders:
                    senders[language] = _sender(kind, language)
                if recipient.rendered is not None:
                    rendered = recipient.rendered
                elif recipient.context:
                    rendered = mail_render(
                        template=template, context={**context, **recipient.context}, language=language
                    )
                else:
                    rendered = shared.get(language) or shared.setdefault(
                        language, mail_render(template=template, context=context, language=language)
                    )
                mails.append(
                    _mail_instance(
                        to=_check_address(recipient.to),
                        template=template,
                        language=language,
                        rendered=rendered,
                        actor=actor,
                        kind=kind,
                        headers={**(headers or {}), **recipient.headers} if recipient.headers else headers,
                        reply_to=reply_to,
                        attachment_count=len(attachments),
                        bulk_id=bulk_id,
                        sender=senders[language],
                        now=now,
                    )
                )
            _insert_rows(mails, now)
            if attachments:
                OutgoingMailAttachment.objects.bulk_create(
                    OutgoingMailAttachment(
                        mail=m, filename=a.filename, mimetype=a.mimetype, content=a.content
                    )
                    for m in mails
                    for a in attachments
                )
            audit_log_many(
                action=AuditAction.MAIL_QUEUED,
                actor=actor,
                model=OutgoingMail,
                new={
                    m.pk: {
                        "to": m.to,
                        "template": template,
                        "language": m.language,
                        "kind": str(kind),
                        "message_id": m.message_id,
                        "bulk_id": str(bulk_id),
                    }
                    for m in mails
                },
            )
            transaction.on_commit(partial(publish_delivery, [m.pk for m in mails]))
    return bulk_id


# --- Coordinator actions ----------------------------------------------------------------------


def mail_retry(*, mail: OutgoingMail, actor) -> OutgoingMail:
    """Send a failed, aborted or waiting message again now, with a fresh series of attempts."""
    with transaction.atomic():
        locked = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
        if locked.state == MailState.QUEUED:
            return locked
        if (
            not can_transition(ALLOWED_TRANSITIONS, locked.state, MailState.QUEUED)
            or locked.state == MailState.INFLIGHT
        ):
            raise OutboxError(
                gettext("A message that is %(state)s cannot be sent again.")
                % {"state": locked.get_state_display().lower()}
            )
        old = {"state": locked.state, "attempts": locked.attempts, "last_error": locked.last_error}
        locked.state = MailState.QUEUED
        locked.attempts = 0
        locked.next_attempt_at = timezone.now()
        locked.enqueued_at = None
        locked.claim_token = None
        locked.save(
            update_fields=["state", "attempts", "next_attempt_at", "enqueued_at", "claim_token", "updated_at"]
        )
        audit_log(
            action=AuditAction.MAIL_RETRIED, actor=actor, obj=locked, old=old, new={"state": locked.state}
        )
        transaction.on_commit(partial(publish_delivery, [locked.pk]))
    return locked


def mail_abort(*, mail: OutgoingMail, actor) -> OutgoingMail:
    """Stop a message that has not been sent yet."""
    with transaction.atomic():
        locked = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
        if locked.state == MailState.ABORTED:
            return locked
        if not can_transition(ALLOWED_TRANSITIONS, locked.state, MailState.ABORTED):
            raise OutboxError(
                gettext("A message that is %(state)s cannot be aborted.")
                % {"state": locked.get_state_display().lower()}
            )
        old = {"state": locked.state}
        locked.state = MailState.ABORTED
        locked.save(update_fields=["state", "updated_at"])
        audit_log(
            action=AuditAction.MAIL_ABORTED, actor=actor, obj=locked, old=old, new={"state": locked.state}
        )
    return locked


def mail_abort_pending(*, mail_ids: Iterable[int], actor=None) -> int:
    """Stop those of the given messages that still wait to be delivered (e.g. a paused campaign's);
    messages already sent or being sent are left alone. Returns how many were stopped."""
    with transaction.atomic():
        # The row locks keep a worker from claiming a message between the read and the update.
        pending = dict(
            OutgoingMail.objects.select_for_update()
            .filter(pk__in=mail_ids, state__in=PENDING_STATES)
            .values_list("pk", "state")
        )
        if not pending:
            return 0
        aborted = OutgoingMail.objects.filter(pk__in=list(pending)).update(
            state=MailState.ABORTED, updated_at=timezone.now()
        )
        audit_log_many(
            action=AuditAction.MAIL_ABORTED,
            actor=actor,
            model=OutgoingMail,
            old={pk: {"state": state} for pk, state in pending.items()},
            new={pk: {"state": MailState.ABORTED} for pk in pending},
        )
    return aborted


def mail_requeue_aborted(*, mail_ids: Iterable[int], actor=None, now=None) -> list[int]:
    """Queue again those of the given messages that were aborted (e.g. a resumed campaign's); they
    are handed to Celery after the transaction commits. Returns their ids."""
    now = now or timezone.now()
    with transaction.atomic():
        held = list(
            OutgoingMail.objects.select_for_update()
            .filter(pk__in=mail_ids, state=MailState.ABORTED)
            .values_list("pk", flat=True)
        )
        if not held:
            return []
        OutgoingMail.objects.filter(pk__in=held).update(
            state=MailState.QUEUED, next_attempt_at=now, enqueued_at=None, claim_token=None, updated_at=now
        )
        audit_log_many(
            action=AuditAction.MAIL_REQUEUED,
            actor=actor,
            model=OutgoingMail,
            old={pk: {"state": MailState.ABORTED} for pk in held},
            new={pk: {"state": MailState.QUEUED} for pk in held},
        )
        for chunk in _batched(held, settings.OUTBOX_BATCH_SIZE):
            transaction.on_commit(partial(publish_delivery, chunk))
    return held


# --- Delivery bookkeeping (called by the tasks) -----------------------------------------------


def retry_delay(attempts: int) -> int | None:
    """Seconds before the next attempt after ``attempts`` failed ones; None when out of attempts."""
    delays = settings.OUTBOX_RETRY_DELAYS
    return delays[attempts - 1] if 1 <= attempts <= len(delays) else None


def mail_record_failure(
    *, mail: OutgoingMail, reason: str, permanent: bool, refused_code: int | None = None
) -> str:
    """Record a failed attempt: retry later for temporary failures, fail for permanent ones.
    ``refused_code``: the 5xx code with which the server refused the recipient (a hard bounce)."""
    now = timezone.now()
    delay = None if permanent else retry_delay(mail.attempts)
    with transaction.atomic():
        mine = OutgoingMail.objects.filter(pk=mail.pk, state=MailState.INFLIGHT, claim_token=mail.claim_token)
        if delay is None:
            updated = mine.update(state=MailState.FAILED, last_error=reason, claim_token=None, updated_at=now)
            if updated:
                audit_log(
                    action=AuditAction.MAIL_FAILED,
                    actor=None,
                    obj=mail,
                    old={"state": MailState.INFLIGHT},
                    new={
                        "state": MailState.FAILED, "last_error": reason, "attempts": mail.attempts,
                        **({"hard_bounce": refused_code} if refused_code else {}),
                    },
                )  # fmt: skip
                if refused_code:
                    for receiver, error in mail_hard_bounced.send_robust(
                        sender=OutgoingMail, mail=mail, code=refused_code, reason=reason
                    ):
                        if error is not None:  # the failure itself stays recorded, with its code
                            logger.error(
                                "Hard bounce of mail %s not handled by %s: %r", mail.pk, receiver, error
                            )
            return MailState.FAILED
        updated = mine.update(
            state=MailState.AWAITING_RETRY,
            last_error=reason,
            next_attempt_at=now + timedelta(seconds=delay),
            enqueued_at=None,
            claim_token=None,
            updated_at=now,
        )
        if updated:
            transaction.on_commit(partial(publish_delivery, [mail.pk], countdown=delay))
    return MailState.AWAITING_RETRY


def mail_requeue_stale(*, now=None) -> dict[str, int]:
    """The periodic safety net: take back messages held by dead workers and hand over again
    every due message that Celery has evidently not got (broker down at commit, lost task)."""
    now = now or timezone.now()
    inflight_limit = now - timedelta(seconds=settings.OUTBOX_INFLIGHT_TIMEOUT)
    requeue_limit = now - timedelta(seconds=settings.OUTBOX_REQUEUE_AFTER)
    max_attempts = len(settings.OUTBOX_RETRY_DELAYS) + 1
    stale = OutgoingMail.objects.filter(state=MailState.INFLIGHT, claimed_at__lte=inflight_limit)
    with transaction.atomic():
        reason = gettext("Delivery was interrupted (the worker stopped while sending).")
        exhausted = list(
            stale.filter(attempts__gte=max_attempts)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        failed = OutgoingMail.objects.filter(pk__in=exhausted, state=MailState.INFLIGHT).update(
            state=MailState.FAILED, last_error=reason, claim_token=None, updated_at=now
        )
        taken_back = list(stale.select_for_update(skip_locked=True).values_list("pk", flat=True))
        # Claimed by a worker that died before it got to them: never handed to SMTP, due at once.
        abandoned = list(
            OutgoingMail.objects.filter(
                state__in=PENDING_STATES, claim_token__isnull=False, claimed_at__lte=inflight_limit
            )
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        OutgoingMail.objects.filter(pk__in=abandoned).update(
            claim_token=None, claimed_at=None, enqueued_at=None
        )
        requeued = OutgoingMail.objects.filter(pk__in=taken_back, state=MailState.INFLIGHT).update(
            state=MailState.QUEUED,
            last_error=reason,
            claim_token=None,
            next_attempt_at=now,
            enqueued_at=None,
            updated_at=now,
        )
        # The exhausted rows are failed before the rest are taken back: no row is in both lists.
        for action, pks, state in (
            (AuditAction.MAIL_FAILED, exhausted, MailState.FAILED),
            (AuditAction.MAIL_REQUEUED, taken_back, MailState.QUEUED),
        ):
            if pks:
                audit_log_many(
                    action=action,
                    actor=None,
                    model=OutgoingMail,
                    old={pk: {"state": MailState.INFLIGHT} for pk in pks},
                    new={pk: {"state": state} for pk in pks},
                )
    due = (
        OutgoingMail.objects.filter(state__in=PENDING_STATES)
        .filter(Q(pk__in=[*taken_back, *abandoned]) | Q(next_attempt_at__lte=requeue_limit))
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=requeue_limit))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )
    published = 0
    for chunk in _batched(due.iterator(chunk_size=1000), settings.OUTBOX_BATCH_SIZE):
        if not publish_delivery(chunk):
            break
        published += len(chunk)
    return {"failed": failed, "requeued": requeued, "published": published}
