"""What the newsletter's services share: the refusal they raise, the personal links, clean input."""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

from core.states import transition_apply
from newsletter.enums import ALLOWED_TRANSITIONS, CAMPAIGN_TRANSITIONS
from newsletter.models import Campaign, Subscriber

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
CONFIRM_SALT = "newsletter.confirm"
#: Stand-ins for the personal links while a campaign is rendered once per language.
MANAGE_MARK = "__NEWSLETTER_MANAGE_URL__"
UNSUBSCRIBE_MARK = "__NEWSLETTER_UNSUBSCRIBE_URL__"


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


def consent_client_hash(client: str) -> str:
    """A keyed hash (HMAC-SHA256) of the client's IP address for the consent evidence.

    Why not the address itself: it is personal data kept as long as the subscription, and the evidence
    needs only to answer "did this consent come from that address?" (recompute and compare) and "did
    many consents come from one client?" (equal hashes). Why keyed: the IPv4 space is small enough to
    reverse a plain hash; without ``NEWSLETTER_CONSENT_HASH_KEY`` the stored value reveals nothing.
    Keep that key stable (it defaults to SECRET_KEY): a new key makes old hashes uncheckable."""
    if not client:
        return ""
    key = getattr(settings, "NEWSLETTER_CONSENT_HASH_KEY", "") or settings.SECRET_KEY
    return salted_hmac(
        "newsletter.consent.client", client.strip(), secret=key, algorithm="sha256"
    ).hexdigest()


def consent_text_version(text: str, language: str) -> str:
    """An identifier of the exact consent wording: its language and a digest of the text, so an edited
    wording (or translation) gets a new identifier by itself and the record says which one was shown."""
    if not text:
        return ""
    return f"{language}-{hashlib.sha256(text.encode()).hexdigest()[:12]}"


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
