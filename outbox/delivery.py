"""Sending claimed messages over Django's email backend, one connection per worker process.

Exactly-once, and its limit: a worker claims a batch in one statement (state still ``queued``,
nothing handed over), then moves each message to ``inflight`` in the commit that marks the one
before it ``sent`` right after the SMTP server's ``250`` reply to DATA (see
``outbox/services/claims.py``). A worker that dies before a DATA reply leaves at most one message
inflight and unsent; its heartbeat stops, and once its claims are ``OUTBOX_INFLIGHT_TIMEOUT``
seconds old the periodic task queues that message (and the rest of its batch) again, and it is
sent once. The only duplicate window is between the server accepting a message (its 250 after the
final ".") and the commit of the ``sent`` mark: one database round trip, well under a millisecond
on a local network, and at most one message per worker process. SMTP has no way to close it
(RFC 1047); the stable Message-ID lets receiving systems and people recognise such a duplicate.
That commit does not wait for the disk (``outbox/services/claims.py``): a crash of PostgreSQL itself,
not of the worker, can send again the messages marked in its last fraction of a second.
"""

from __future__ import annotations

import logging
import os
import re
import smtplib
import threading
import time
import uuid
from collections.abc import Iterable

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection

from outbox import mime, services
from outbox.models import OutgoingMail, OutgoingMailAttachment

logger = logging.getLogger(__name__)

# Errors that concern one message; the SMTP session itself is still usable (smtplib sent RSET).
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def _decode(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def classify(exc: BaseException) -> tuple[bool, str]:
    """(permanent?, reason). 5xx answers to a message are permanent; everything else (4xx, no
    connection, timeouts, authentication trouble, unexpected errors) is worth another try."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        code, message = next(iter(exc.recipients.values()))
        return 500 <= code < 600, f"{code} {_decode(message)}"
    if isinstance(exc, MESSAGE_ERRORS):
        return 500 <= exc.smtp_code < 600, f"{exc.smtp_code} {_decode(exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return False, f"{exc.smtp_code} {_decode(exc.smtp_error)}"
    return False, f"{type(exc).__name__}: {exc}"


#: Enhanced status codes (RFC 3463) that say the address itself is bad: X.1.x destination address
#: (unknown user, bad domain, null MX), X.2.1 mailbox disabled. A policy or content refusal (X.7.x:
#: our sender blocked, spam filter) says nothing about the address and must never empty the list.
_ADDRESS_STATUS = re.compile(r"^5\.(1\.\d+|2\.1)\b")
#: Without an enhanced status code, the replies that mean "no such recipient".
_ADDRESS_CODES = {550, 551, 553}


def refused_code(exc: BaseException) -> int | None:
    """The code of a permanent refusal of the recipient's address (a hard bounce) on RCPT or DATA,
    else None. A refused sender (MAIL FROM) says nothing about the recipient's address."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        code, message = next(iter(exc.recipients.values()))
    elif isinstance(exc, smtplib.SMTPDataError):
        code, message = exc.smtp_code, exc.smtp_error
    else:
        return None
    if not 500 <= code < 600:
        return None
    text = _decode(message).strip()
    if re.match(r"^\d\.\d{1,3}\.\d{1,3}\b", text):
        return code if _ADDRESS_STATUS.match(text) else None
    return code if code in _ADDRESS_CODES else None


def build_message(
    mail: OutgoingMail, attachments: Iterable[OutgoingMailAttachment] = ()
) -> EmailMultiAlternatives:
    headers = {**mail.headers, "Message-ID": mail.message_id}
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=mail.sender,
        to=[mail.to],
        reply_to=[mail.reply_to] if mail.reply_to else None,
        headers=headers,
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    for attachment in attachments:
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return message


def send(connection, mail: OutgoingMail) -> None:
    """Hand one message to the backend. Over SMTP, a message without attachments is written by
    ``outbox.mime`` (what is the same for every recipient encoded once per process) and given to
    smtplib directly; anything else goes through Django's message classes and the backend."""
    smtp = getattr(connection, "connection", None)
    if isinstance(smtp, smtplib.SMTP) and not mail.attachment_count:
        sender, recipients, raw = mime.message_bytes(mail)
        smtp.sendmail(sender, recipients, raw)
        return
    attachments = list(mail.attachments.all()) if mail.attachment_count else []
    connection.send_messages([build_message(mail, attachments)])


class _Pacer:
    """At most ``rate`` messages per second from this process (0: no limit)."""

    def __init__(self, rate: float):
        self.interval = 1.0 / rate if rate and rate > 0 else 0.0
        self.next_slot = time.monotonic()

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_slot > now:
            time.sleep(self.next_slot - now)
        self.next_slot = max(self.next_slot, now) + self.interval


class _Heartbeat:
    """Renews the claims this process holds every third of ``OUTBOX_INFLIGHT_TIMEOUT`` from a
    thread of its own, so that a slow SMTP server never makes a live worker's message look
    abandoned, while a dead worker's claims expire within the timeout."""

    def __init__(self) -> None:
        self.tokens: set[uuid.UUID] = set()
        self.lock = threading.Lock()
        self.pid: int | None = None

    def hold(self, token: uuid.UUID) -> None:
        with self.lock:
            self.tokens.add(token)
            if self.pid != os.getpid():  # first use in this (forked) process
                self.pid = os.getpid()
                threading.Thread(target=self._run, name="outbox-heartbeat", daemon=True).start()

    def release(self, token: uuid.UUID) -> None:
        with self.lock:
            self.tokens.discard(token)

    def _run(self) -> None:
        while True:
            time.sleep(max(settings.OUTBOX_INFLIGHT_TIMEOUT / 3, 0.1))
            with self.lock:
                tokens = list(self.tokens)
            if not tokens:
                continue
            try:
                services.mail_claims_renew(tokens=tokens)
            except Exception:
                logger.warning("Could not renew the outbox claims of this worker", exc_info=True)
            finally:
                # This thread's own connection; closed so that it never lingers between beats.
                db_connection.close()


heartbeat = _Heartbeat()


class _Smtp(threading.local):
    """One SMTP connection per worker process (per thread, where eager tasks run in threads), kept
    between tasks while it answers NOOP and the settings it was opened with still hold."""

    def __init__(self) -> None:
        self.connection = None
        self.key: tuple | None = None

    def _settings_key(self) -> tuple:
        return (
            os.getpid(),
            settings.EMAIL_BACKEND,
            settings.EMAIL_HOST,
            settings.EMAIL_PORT,
            settings.EMAIL_HOST_USER,
            settings.EMAIL_USE_TLS,
        )

    def get(self):
        key = self._settings_key()
        if self.connection is not None and (key != self.key or not self._alive()):
            self.discard()
        if self.connection is None:
            connection = get_connection(fail_silently=False)
            connection.open()
            self.connection, self.key = connection, key
        return self.connection

    def _alive(self) -> bool:
        if not hasattr(self.connection, "connection"):
            return True  # not an SMTP backend (the tests' local memory): nothing to lose
        smtp = self.connection.connection
        if smtp is None:
            return False
        try:
            return smtp.noop()[0] == 250
        except Exception:
            return False

    def discard(self) -> None:
        if self.connection is not None:
            _close(self.connection)
        self.connection = None
        self.key = None


smtp_connection = _Smtp()


def deliver(mail_ids: Iterable[int]) -> dict[str, int]:
    """Claim the batch and send each message in turn over this process's SMTP connection.
    Idempotent: messages already sent, claimed by another worker, aborted or not yet due are skipped."""
    ids = list(mail_ids)
    counts = {"sent": 0, "retry": 0, "failed": 0, "skipped": 0}
    pacer = _Pacer(settings.OUTBOX_RATE_LIMIT_PER_SECOND)
    token = uuid.uuid4()
    heartbeat.hold(token)
    accepted = None  # sent, its ``sent`` mark not yet committed
    connection = None
    try:
        claimed = services.mail_claim_batch(mail_ids=ids, token=token)
        counts["skipped"] = len(ids) - len(claimed)
        for mail in claimed:
            started = services.mail_begin(token=token, start=mail, sent=accepted)
            if accepted is not None:
                counts["sent"] += 1
                accepted = None
            if not started:
                counts["skipped"] += 1
                continue
            pacer.wait()
            try:
                if connection is None:
                    connection = smtp_connection.get()
                send(connection, mail)
            except SoftTimeLimitExceeded:
                services.mail_record_failure(mail=mail, reason="Time limit exceeded", permanent=False)
                raise
            except Exception as exc:
                permanent, reason = classify(exc)
                logger.info(
                    "Mail %s not delivered (%s): %s",
                    mail.pk,
                    "permanent" if permanent else "temporary",
                    reason,
                )
                state = services.mail_record_failure(
                    mail=mail, reason=reason, permanent=permanent, refused_code=refused_code(exc)
                )
                counts["failed" if state == "failed" else "retry"] += 1
                if not isinstance(exc, MESSAGE_ERRORS) and connection is not None:
                    smtp_connection.discard()
                    connection = None
                continue
            accepted = mail
    finally:
        try:
            if accepted is not None:
                services.mail_begin(token=token, start=None, sent=accepted)
                counts["sent"] += 1
            services.mail_claims_release(token=token)
        finally:
            heartbeat.release(token)
    return counts


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:  # a broken connection may fail to say QUIT
        logger.debug("Closing the SMTP connection failed", exc_info=True)
