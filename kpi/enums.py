"""The network's measures of success (the codes targets are stored under)."""

from __future__ import annotations

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    MEMBERS = "members", _("Member organisations")
    SUBSCRIBERS = "subscribers", _("Newsletter subscribers")
    AI_MORNING_ATTENDANCE = "ai_morning_attendance", _("Average attendance of AI mornings")
    SATISFACTION = "satisfaction", _("Member satisfaction (1–5)")


class AuditAction(enum.StrEnum):
    """The audit trail's actions written by this app; the values are stored, never change them."""

    DIGEST_SENT = "kpi.digest.sent"
    TARGET_CHANGED = "kpi.target.changed"
    TARGET_CREATED = "kpi.target.created"


#: The local hour from which the coordinators' daily digest goes out (the task runs hourly).
DIGEST_HOUR = 7
