"""outbox.mime writes what Django's message classes would, as a receiving mail reader sees it."""

from __future__ import annotations

import email
import email.policy
import uuid

import pytest

from outbox import mime
from outbox.delivery import build_message
from tests.outbox.factories import OutgoingMailFactory

LINK = '<a href="https://example.fi/?a=1&b=2">lisää</a>'
LONG_PARAGRAPH = "<p>" + f"Tekoälyn <strong>käyttötapauksia</strong> ja {LINK}. " * 40 + "</p>"
ONE_CLICK = "https://sotetekoaly.example/fi/uutiskirje/unsubscribe/" + "x" * 43 + "/"


def parsed(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def reading(message: email.message.EmailMessage) -> dict:
    """What a mail reader shows and acts on: decoded headers (but the date), the parts and their text."""
    # The date is the moment of writing, the boundary random: the content type is compared below.
    # Django's folding may put a long first word on a line of its own, which unfolds to a leading space.
    headers = {
        name: str(value).strip() for name, value in message.items() if name not in ("Date", "Content-Type")
    }
    parts = [
        (part.get_content_type(), part.get_content_charset(), part.get_content())
        for part in message.walk()
        if not part.is_multipart()
    ]
    return {"headers": headers, "parts": parts, "type": message.get_content_type()}


CASES = {
    "transactional, HTML, reply-to": dict(
        reply_to="Koordinaattori <koordinaattori@example.fi>",
        subject="Ilmoittautumisesi on vahvistettu: Tekoälyaamu Tampereella",
    ),
    "bulk newsletter, a line over 998 bytes, personal List-Unsubscribe": dict(
        bulk_id=uuid.uuid4(),
        kind="newsletter",
        subject="Nyhetsbrev: AI inom social- och hälsovården, " + "ä" * 60,
        body_text="Hej!\n\n"
        + "Tekoälyn käyttötapauksia = hyötyä. " * 40
        + "\n\n. alone on a line\ntrailing \t \n",
        body_html=LONG_PARAGRAPH,
        headers={
            "List-Unsubscribe": f"<{ONE_CLICK}>, <mailto:tilaus@example.fi?subject=unsubscribe%20{'x' * 43}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ),
    "plain text only": dict(
        body_html="", subject="Plain ASCII subject", body_text="Line 1\r\nLine 2\rLine 3\n"
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("fields", CASES.values(), ids=CASES.keys())
def test_the_message_reads_as_the_one_django_builds(fields):
    mail = OutgoingMailFactory(**fields)
    sender, recipients, raw = mime.message_bytes(mail)
    django_message = build_message(mail)
    expected = django_message.message().as_bytes(linesep="\r\n")

    assert reading(parsed(raw)) == reading(parsed(expected))
    assert (sender, recipients) == (
        "=?utf-8?q?SOTE-teko=C3=A4lyn_ekosysteemi?= <noreply@localhost>",
        [mail.to],
    )
    assert parsed(raw)["Date"] is not None
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 998
    assert b"\n" not in raw.replace(b"\r\n", b"")


@pytest.mark.django_db
def test_what_every_recipient_shares_is_encoded_once():
    bulk = uuid.uuid4()
    first, second = OutgoingMailFactory.create_batch(2, bulk_id=bulk, subject="Uutiskirje – marraskuu")
    mime._encoded_header.cache_clear()
    mime.message_bytes(first)
    mime.message_bytes(second)
    info = mime._encoded_header.cache_info()
    assert (info.misses, info.hits) == (2, 2)  # Subject and From, once each


def test_a_header_with_a_newline_is_refused():
    with pytest.raises(ValueError):
        mime.header_line("X-Test", "a\r\nBcc: someone@example.fi")
