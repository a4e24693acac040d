"""States and question kinds of the member satisfaction survey."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale 1–5")
    TEXT = "text", _("Free text")


#: Which state may follow which; anything not listed is refused by the services.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    RoundState.DRAFT: frozenset({RoundState.OPEN}),
    RoundState.OPEN: frozenset({RoundState.CLOSED}),
    RoundState.CLOSED: frozenset(),
}

SCALE_MIN = 1
SCALE_MAX = 5
#: Days before a round closes when organisations that have not answered are reminded (default).
REMINDER_DAYS_BEFORE = 7
