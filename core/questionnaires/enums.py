"""The question kinds and the bounds of the scale, shared by every questionnaire."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale 1–5")
    TEXT = "text", _("Free text")


SCALE_MIN = 1
SCALE_MAX = 5
#: The values a scale question takes, in order.
SCALE_VALUES = tuple(range(SCALE_MIN, SCALE_MAX + 1))
#: The longest free-text answer kept.
TEXT_MAX = 4000
