"""States and question kinds of the member satisfaction survey."""

from __future__ import annotations

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The survey's question kinds and scale are the questionnaire engine's.
from core.questionnaires.enums import SCALE_MAX as SCALE_MAX
from core.questionnaires.enums import SCALE_MIN as SCALE_MIN
from core.questionnaires.enums import QuestionKind as QuestionKind


class RoundState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    # A state, not the verb "Open" of the admin's links: its own context so it translates as "Avoinna".
    OPEN = "open", pgettext_lazy("survey round state", "Open")
    CLOSED = "closed", _("Closed")


#: Which state may follow which; anything not listed is refused by the services.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    RoundState.DRAFT: frozenset({RoundState.OPEN}),
    RoundState.OPEN: frozenset({RoundState.CLOSED}),
    RoundState.CLOSED: frozenset(),
}

#: Days before a round closes when organisations that have not answered are reminded (default).
REMINDER_DAYS_BEFORE = 7


class AuditAction(enum.StrEnum):
    """The audit trail's actions written by this app; the values are stored, never change them."""

    RESPONSE_SUBMITTED = "surveys.response.submitted"
    ROUND_CLOSED = "surveys.round.closed"
    ROUND_OPENED = "surveys.round.opened"
    ROUND_REMINDED = "surveys.round.reminded"
