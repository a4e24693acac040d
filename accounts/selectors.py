"""Reads of the accounts app: who the coordinators are, to tell them things."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model

from core.groups import COORDINATORS


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str


def coordinator_recipients() -> list[Recipient]:
    """The active members of the Coordinators group, in their own language; when the group has nobody,
    the network's shared address (``CONTACT_EMAIL``) in Finnish, so that nothing goes untold."""
    rows = (
        get_user_model()
        .objects.filter(groups__name=COORDINATORS, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", "language")
        .distinct()
    )
    recipients = [Recipient(email=email, language=language) for email, language in rows]
    return recipients or [Recipient(email=settings.CONTACT_EMAIL, language=settings.LANGUAGE_CODE)]
