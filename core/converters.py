"""Path converters for the values people paste from links: a shape checked before any view or query.

A private link's token, a signed confirmation or an activation key that is not of its shape (a NUL
byte, which PostgreSQL refuses in text, a thousand characters, letters outside the alphabet the
portal generates) matches no URL, so it is answered 404 by the resolver and never reaches the
database. Registered once for every ``urls.py`` by ``core.apps``.
"""

from __future__ import annotations

from django.urls import register_converter


class TokenConverter:
    """``secrets.token_urlsafe`` tokens and Django's ``uidb36``/password-reset style keys."""

    regex = r"[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class SignedConverter(TokenConverter):
    """``django.core.signing`` values: URL-safe base64 and ``:`` separators (``.`` for compressed)."""

    regex = r"[A-Za-z0-9_\-:.]{1,512}"


def register() -> None:
    register_converter(TokenConverter, "token")
    register_converter(SignedConverter, "signed")
