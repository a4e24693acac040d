"""Abstract models of a questionnaire: the fields every question and every answer has. An app's
concrete models add what ties them to their own survey (an event, a round, a response)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.questionnaires.enums import SCALE_MAX, SCALE_MIN, TEXT_MAX, QuestionKind


class QuestionBase(models.Model):
    """A question: a scale 1–5 or free text, optionally required, shown in ``order``."""

    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.SCALE
    )
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class AnswerBase(models.Model):
    """An answer: a score for a scale question, a text for a free-text question."""

    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
    )
    text = models.TextField(_("answer"), blank=True, max_length=TEXT_MAX)

    class Meta:
        abstract = True


def score_range_constraint(name: str) -> models.CheckConstraint:
    """The database's guard that a score, when given, is on the scale."""
    return models.CheckConstraint(
        condition=Q(score__isnull=True) | Q(score__gte=SCALE_MIN, score__lte=SCALE_MAX), name=name
    )
