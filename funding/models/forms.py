"""A call's own application form: sections in order, typed questions (core.questionnaires.kinds) and
the applicant's answers, one per question. Coordinators define them in the admin; the form is frozen
once the call opens or an application exists (funding.services.forms)."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.questionnaires.kinds import FormKind


class FormSection(models.Model):
    call = models.ForeignKey(
        "funding.FundingCall",
        verbose_name=_("funding call"),
        on_delete=models.CASCADE,
        related_name="form_sections",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("form section")
        verbose_name_plural = _("form sections")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class FormQuestion(models.Model):
    section = models.ForeignKey(
        FormSection, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    # The section's call, kept here so a key is unique per call (set on save).
    call = models.ForeignKey(
        "funding.FundingCall",
        verbose_name=_("funding call"),
        on_delete=models.CASCADE,
        related_name="form_questions",
        editable=False,
    )
    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("A short name of the question, unique in the call, used by exports (e.g. “risks”)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=FormKind.choices, default=FormKind.LONG_TEXT)
    label = models.CharField(_("question"), max_length=500)
    help_text = models.TextField(_("help text"), blank=True, max_length=2000)
    required = models.BooleanField(_("required"), default=True)
    max_chars = models.PositiveIntegerField(
        _("at most (characters)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("For texts: the longest answer accepted."),
    )

    class Meta:
        verbose_name = _("form question")
        verbose_name_plural = _("form questions")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "key"], name="funding_form_question_key_unique"),
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs):
        if self.section_id and not self.call_id:
            self.call_id = FormSection.objects.values_list("call_id", flat=True).get(pk=self.section_id)
        super().save(*args, **kwargs)

    @property
    def choice_list(self) -> list[tuple[str, str]]:
        """``[(value, label)]`` in order (uses prefetched choices)."""
        return [(c.value, c.label) for c in self.choices.all()]


class FormChoice(models.Model):
    question = models.ForeignKey(
        FormQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    value = models.SlugField(_("value"), max_length=60)
    label = models.CharField(_("label"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="funding_form_choice_value_unique"),
        ]

    def __str__(self) -> str:
        return self.label


class Answer(models.Model):
    application = models.ForeignKey(
        "funding.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    # A question with answers is never deleted: the form is frozen once an application exists.
    question = models.ForeignKey(
        FormQuestion, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    value = models.JSONField(_("answer"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="funding_answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value!r}"
