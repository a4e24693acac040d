"""Sending claimed messages over Django's email backend, one connection per batch.

Exactly-once, and its limit: a message is claimed (state ``inflight``) before it is sent and
marked ``sent`` in its own commit right after the SMTP server's ``250`` reply to DATA. A worker
that dies before the DATA reply leaves the message inflight and unsent; the periodic task queues
it again after ``OUTBOX_INFLIGHT_TIMEOUT`` and it is sent once. The only duplicate window is
between the server accepting the message (its 250 after the final ".") and the commit of the
``sent`` mark: one database round trip, well under a millisecond on a local network, and at
most one message per worker process. SMTP has no way to close it (RFC 1047); the stable
Message-ID lets receiving systems and people recognise such a duplicate.
"""

from __future__ import annotations

import logging
import re
import smtplib
import time
from collections.abc import Iterable

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from outbox import services
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


def deliver(mail_ids: Iterable[int]) -> dict[str, int]:
    """Claim and send each message in turn over one SMTP connection. Idempotent: messages
    that are already sent, taken by another worker, aborted or not yet due are skipped."""
    counts = {"sent": 0, "retry": 0, "failed": 0, "skipped": 0}
    pacer = _Pacer(settings.OUTBOX_RATE_LIMIT_PER_SECOND)
    connection = None
    try:
        for mail_id in mail_ids:
            mail = services.mail_claim(mail_id=mail_id)
            if mail is None:
                counts["skipped"] += 1
                continue
            pacer.wait()
            try:
                attachments = list(mail.attachments.all()) if mail.attachment_count else []
                message = build_message(mail, attachments)
                if connection is None:
                    connection = get_connection(fail_silently=False)
                    connection.open()
                connection.send_messages([message])
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
                    _close(connection)
                    connection = None
                continue
            services.mail_mark_sent(mail=mail)
            counts["sent"] += 1
    finally:
        if connection is not None:
            _close(connection)
    return counts


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:  # a broken connection may fail to say QUIT
        logger.debug("Closing the SMTP connection failed", exc_info=True)
