"""Member satisfaction survey: rounds with translated questions, one private link per contact person,
one answer per member organisation."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.questionnaires.models import AnswerBase, QuestionBase, score_range_constraint
from surveys.enums import REMINDER_DAYS_BEFORE, RoundState


def default_reminder_days() -> int:
    """Days before closing when the reminder goes (setting SURVEYS_REMINDER_DAYS_BEFORE, default 7)."""
    return int(getattr(settings, "SURVEYS_REMINDER_DAYS_BEFORE", REMINDER_DAYS_BEFORE))


def new_token() -> str:
    """An unguessable token for a contact person's private survey link (256 bits)."""
    return secrets.token_urlsafe(32)


class SurveyRound(models.Model):
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True, max_length=3000)
    state = models.CharField(
        _("state"), max_length=10, choices=RoundState.choices, default=RoundState.DRAFT, db_index=True
    )
    closes_at = models.DateTimeField(_("closes"))
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder, days before closing"),
        default=default_reminder_days,
        help_text=_("Organisations that have not answered are reminded once, this many days before closing."),
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    reminders_sent_at = models.DateTimeField(_("reminders sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["-closes_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_answerable(self) -> bool:
        return self.state == RoundState.OPEN and timezone.now() < self.closes_at


class Question(QuestionBase):
    round = models.ForeignKey(
        SurveyRound, verbose_name=_("survey round"), on_delete=models.CASCADE, related_name="questions"
    )

    class Meta(QuestionBase.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")


class Invitation(models.Model):
    """The private link one contact person got; it answers on behalf of the organisation."""

    round = models.ForeignKey(
        SurveyRound, verbose_name=_("survey round"), on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    contact = models.ForeignKey(
        "members.ContactPerson",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_invitations",
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="fi")
    token = models.CharField(
        _("private link token"), max_length=64, unique=True, default=new_token, editable=False
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "contact"], condition=Q(contact__isnull=False), name="survey_invitation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} → {self.organisation_id}"


class Response(models.Model):
    """The organisation's answer to a round (one per organisation)."""

    round = models.ForeignKey(
        SurveyRound, verbose_name=_("survey round"), on_delete=models.CASCADE, related_name="responses"
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    invitation = models.ForeignKey(
        Invitation,
        verbose_name=_("answered through the link of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"],
                name="survey_response_one_per_organisation",
                violation_error_message=_("Your organisation has already answered this survey."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} / {self.organisation}"


class Answer(AnswerBase):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question__order", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once"),
            score_range_constraint("survey_answer_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.score if self.score is not None else self.text[:40]}"
