"""The bytes a worker hands to SMTP for one stored message, built without Django's MIME objects.

Building each message through ``EmailMultiAlternatives.message().as_bytes()`` was most of a worker's
CPU time per message (the profile in benchmarks/README.md): parsing and encoding the same sender and
subject again for every recipient, folding every header in Python, and quoted-printable encoding the
bodies in pure Python. Here:

* what is the same for every recipient of a language (the encoded ``Subject``, ``From``, ``Reply-To``
  and shared extra headers) is encoded once per process and value (an LRU cache), with Django's own
  functions, so the result is what Django would write;
* the per-recipient parts (``To``, ``Message-ID``, ``Date``, a personal ``List-Unsubscribe``) are ASCII
  and written directly, folded at spaces;
* a body is sent as 8bit UTF-8 when no line is longer than 998 bytes and as quoted-printable otherwise
  (Django's rule), encoded by ``binascii.b2a_qp`` in C; an identical body (a bulk send without
  personal content) is encoded once.

Messages with attachments, and any backend other than SMTP (the tests' memory backend, the console),
still go through Django's message classes (``outbox.delivery.build_message``).
"""

from __future__ import annotations

import binascii
import re
import uuid
from email.message import Message
from email.utils import formatdate
from functools import lru_cache

from django.conf import settings
from django.core.mail.message import forbid_multi_line_headers, sanitize_address

MAX_LINE = 998  # RFC 5322: longer lines must be encoded
FOLD_AT = 78
_NEWLINES = re.compile(r"\r\n|\r|\n")
# An address that needs no encoding or quoting: written as it is, without parsing.
_PLAIN_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$")
# Headers written by the builder itself; extra headers with these names are ignored, as Django does.
_OWN_HEADERS = {"from", "to", "cc", "reply-to"}


def _check(name: str, value: str) -> None:
    if "\n" in value or "\r" in value:
        raise ValueError(f"Header values can't contain newlines (got {value!r} for header {name!r})")


@lru_cache(maxsize=256)
def envelope_address(value: str) -> str:
    """The address for SMTP's MAIL FROM / RCPT TO (Django's ``sanitize_address``)."""
    if _PLAIN_ADDRESS.match(value):
        return value
    return sanitize_address(value, "utf-8")


@lru_cache(maxsize=512)
def _encoded_header(name: str, value: str) -> bytes:
    # Django's header encoding (encoded words; address headers address by address), folded by the
    # standard library exactly as Django's message would be.
    name, encoded = forbid_multi_line_headers(name, value, "utf-8")
    message = Message()
    message[name] = encoded
    flat = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    return flat[: -len(b"\r\n")]  # the empty line that ends a header block


def _fold_ascii(name: str, value: str) -> bytes:
    """One header line, folded at spaces when longer than 78 characters (unfolding restores it)."""
    line = f"{name}: {value}"
    if len(line) <= FOLD_AT:
        return line.encode("ascii") + b"\r\n"
    lines, current = [], f"{name}:"
    for word in value.split(" "):
        if len(current) + 1 + len(word) > FOLD_AT and current.strip() and not current.endswith(":"):
            lines.append(current)
            current = " " + word
        else:
            current += " " + word
    lines.append(current)
    return "\r\n".join(lines).encode("ascii") + b"\r\n"


def header_line(name: str, value: str, *, shared: bool = False) -> bytes:
    """``Name: value`` CRLF; ``shared``: the same for many messages (encoded once and kept)."""
    value = str(value)
    _check(name, value)
    if value.isascii() and name.lower() != "subject" and not shared:
        return _fold_ascii(name, value)
    return _encoded_header(name, value)


def _encode_body(body: str) -> tuple[bytes, str]:
    # Newlines become LF first: b2a_qp breaks long lines with the data's own line ending, which is a
    # bare LF for a body without any (one long line of HTML); SMTP wants CRLF, set at the end.
    data = "\n".join(_NEWLINES.split(body)).encode("utf-8", "surrogateescape")
    if all(len(line) <= MAX_LINE for line in data.split(b"\n")):
        return data.replace(b"\n", b"\r\n"), "7bit" if data.isascii() else "8bit"
    encoded = binascii.b2a_qp(data, quotetabs=False, istext=True, header=False)
    return encoded.replace(b"\n", b"\r\n"), "quoted-printable"


@lru_cache(maxsize=16)
def _shared_part(body: str, subtype: str) -> bytes:
    return _part(body, subtype)


def _part(body: str, subtype: str) -> bytes:
    data, encoding = _encode_body(body)
    head = (
        f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
        f"MIME-Version: 1.0\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n"
    )
    return head.encode("ascii") + data


def _boundary(parts: list[bytes]) -> str:
    while True:
        boundary = f"==============={uuid.uuid4().int % 10**19:019d}=="
        marker = f"--{boundary}".encode("ascii")
        if not any(marker in part for part in parts):
            return boundary


def message_bytes(mail) -> tuple[str, list[str], bytes]:
    """(envelope sender, envelope recipients, the message's bytes) of an ``OutgoingMail`` without
    attachments, ready for ``smtplib.SMTP.sendmail``."""
    shared = mail.bulk_id is not None
    text_part = (_shared_part if shared else _part)(mail.body_text, "plain")
    html_part = None
    if mail.body_html:
        html_part = (_shared_part if shared else _part)(mail.body_html, "html")

    headers = [
        header_line("Subject", mail.subject, shared=True),
        header_line("From", mail.sender, shared=True),
        header_line("To", mail.to),
    ]
    if mail.reply_to:
        headers.append(header_line("Reply-To", mail.reply_to, shared=True))
    extra = {**(mail.headers or {}), "Message-ID": mail.message_id}
    names = {name.lower() for name in extra}
    if "date" not in names:
        headers.append(header_line("Date", formatdate(localtime=settings.EMAIL_USE_LOCALTIME)))
    for name, value in extra.items():
        if name.lower() not in _OWN_HEADERS:
            headers.append(header_line(name, value))

    if html_part is None:
        # A single text part: its own Content-* headers lead, as in Django's message.
        head, _blank, body = text_part.partition(b"\r\n\r\n")
        raw = head + b"\r\n" + b"".join(headers) + b"\r\n" + body
    else:
        parts = [text_part, html_part]
        boundary = _boundary(parts)
        top = (
            f'Content-Type: multipart/alternative;\r\n boundary="{boundary}"\r\nMIME-Version: 1.0\r\n'
        ).encode("ascii")
        delimiter = f"--{boundary}\r\n".encode("ascii")
        raw = (
            top
            + b"".join(headers)
            + b"\r\n"
            + b"".join(delimiter + part + b"\r\n" for part in parts)
            + f"--{boundary}--\r\n".encode("ascii")
        )
    return envelope_address(mail.sender), [envelope_address(mail.to)], raw
