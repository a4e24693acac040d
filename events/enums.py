"""Choices of the events app."""

from __future__ import annotations

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _

# The feedback survey's question kinds and scale are the questionnaire engine's.
from core.questionnaires.enums import SCALE_MAX as SCALE_MAX
from core.questionnaires.enums import SCALE_MIN as SCALE_MIN
from core.questionnaires.enums import QuestionKind as QuestionKind


class EventType(models.TextChoices):
    AI_MORNING = "ai_morning", _("AI morning")
    INFO_SESSION = "info_session", _("Info session")
    WEBINAR = "webinar", _("Webinar")
    WORKSHOP = "workshop", _("Workshop")


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_SITE = "on_site", _("On site")
    HYBRID = "hybrid", _("Hybrid")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


#: Which registration status may follow which; a person registers straight into registered or waiting.
#: A registration on the waiting list moves up when a place frees; either is cancelled by the person (or
#: by an erasure); a cancelled one stays cancelled (registering again makes a new registration).
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    RegistrationStatus.REGISTERED: frozenset({RegistrationStatus.CANCELLED}),
    RegistrationStatus.WAITING: frozenset({RegistrationStatus.REGISTERED, RegistrationStatus.CANCELLED}),
    RegistrationStatus.CANCELLED: frozenset(),
}


class ReminderKind(models.TextChoices):
    DAY_BEFORE = "day", _("A day before")
    HOUR_BEFORE = "hour", _("An hour before")


#: The target for the average attendance of AI mornings (the KPI).
AI_MORNING_ATTENDANCE_TARGET = 250


class AuditAction(enum.StrEnum):
    """The audit trail's actions written by this app; the values are stored, never change them."""

    ATTENDANCE_IMPORTED = "events.attendance.imported"
    ATTENDANCE_MARKED = "events.attendance.marked"
    CHANGE_NOTICE_SENT = "events.event.change_notice_sent"
    EVENT_CREATED = "events.event.created"
    EVENT_DELETED = "events.event.deleted"
    EVENT_UPDATED = "events.event.updated"
    EVENT_WAITING_LIST_FILLED = "events.event.waiting_list_filled"
    FEEDBACK_REQUESTED = "events.feedback.requested"
    FEEDBACK_SUBMITTED = "events.feedback.submitted"
    MESSAGE_SENT = "events.message.sent"
    REGISTRATION_ANONYMISED = "events.registration.anonymised"
    REGISTRATION_CANCELLED = "events.registration.cancelled"
    REGISTRATION_CREATED = "events.registration.created"
    REGISTRATION_DELETED = "events.registration.deleted"
    REGISTRATION_PROMOTED = "events.registration.promoted"
    REMINDERS_SENT = "events.reminders.sent"
