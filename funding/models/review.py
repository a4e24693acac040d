"""The steering group's side of a call: criteria, reviewers, conflicts, reviews, decisions, versions."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import MoneyModelField
from funding.enums import ApplicationStatus, DecisionStatus, Recommendation, ReviewStatus

MONEY = {"max_digits": 12, "decimal_places": 2}


def _user_fk(verbose_name, *, null: bool = False, related_name: str = "+"):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=null,
        blank=null,
        on_delete=models.SET_NULL if null else models.PROTECT,
        related_name=related_name,
    )


class Criterion(models.Model):
    """One evaluation criterion of a call, scored on a scale and weighted in the ranking."""

    call = models.ForeignKey(
        "funding.FundingCall",
        verbose_name=_("funding call"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    score_meanings = models.TextField(
        _("what the scores mean"),
        blank=True,
        max_length=2000,
        help_text=_(
            "One line per score, lowest first, e.g. “weak: no evidence of effectiveness”. "
            "Shown beside each score on the review page; left empty, the scores are named in general terms."
        ),
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MaxValueValidator(100)]
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    required = models.BooleanField(
        _("required"), default=True, help_text=_("A review cannot be submitted without it.")
    )
    allow_not_applicable = models.BooleanField(
        _("“not applicable” allowed"),
        default=False,
        help_text=_("A reviewer may mark it not applicable; that never counts as zero."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(scale_max__gt=F("scale_min")), name="funding_criterion_scale"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="funding_criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def meanings(self) -> list[str]:
        """What each score from the lowest up means, as written for the call (blank lines left out)."""
        return [line.strip() for line in (self.score_meanings or "").splitlines() if line.strip()]


class ReviewAssignment(models.Model):
    """A steering-group member asked to review one application."""

    application = models.ForeignKey(
        "funding.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    reviewer = _user_fk(_("reviewer"), related_name="review_assignments")
    assigned_by = _user_fk(_("assigned by"), null=True)
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="funding_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application}"


class ConflictOfInterest(models.Model):
    """A reviewer who may not see or review an application: declared, or found from their organisation."""

    application = models.ForeignKey(
        "funding.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    reviewer = _user_fk(_("reviewer"), related_name="review_conflicts")
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    automatic = models.BooleanField(
        _("found automatically"),
        default=False,
        help_text=_("The reviewer's own organisation is the lead applicant or a partner."),
    )
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["declared_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="funding_conflict_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} ⚠ {self.application}"


class Review(models.Model):
    """One reviewer's assessment of one application: scores per criterion and a recommendation."""

    application = models.ForeignKey(
        "funding.Application", verbose_name=_("application"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = _user_fk(_("reviewer"), related_name="reviews")
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT, db_index=True
    )
    recommendation = models.CharField(
        _("overall recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
    application_version = models.PositiveIntegerField(_("version of the application reviewed"), default=1)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["application", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="funding_review_unique"),
            models.CheckConstraint(
                condition=Q(status=ReviewStatus.DRAFT)
                | (Q(submitted_at__isnull=False) & ~Q(recommendation="")),
                name="funding_review_submitted_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.application}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ReviewStatus.SUBMITTED


class Score(models.Model):
    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="funding_score_unique"),
            models.CheckConstraint(
                condition=~(Q(not_applicable=True) & Q(value__isnull=False)),
                name="funding_score_na_has_no_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {'–' if self.not_applicable else self.value}"


class Decision(models.Model):
    """A decision of the ministry on one application: pending until a decision-maker confirms it."""

    application = models.ForeignKey(
        "funding.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=ApplicationStatus.choices)
    granted_amount = MoneyModelField(_("funding granted (€)"), null=True, blank=True, **MONEY)
    note = models.TextField(_("note"), blank=True, max_length=3000)
    # The grounds the letter states, written in the applicant's language (grounds_language); a decision
    # recorded before the two were separate has only the note, which its letter then quotes.
    grounds = models.TextField(_("grounds in the applicant's language"), blank=True, max_length=3000)
    grounds_language = models.CharField(_("language of the grounds"), max_length=2, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DecisionStatus.choices,
        default=DecisionStatus.PENDING,
        db_index=True,
    )
    proposed_by = _user_fk(_("recorded by"), null=True)
    proposed_at = models.DateTimeField(_("recorded"), default=timezone.now)
    confirmed_by = _user_fk(_("confirmed by"), null=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    letter_sent_at = models.DateTimeField(_("decision letter sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            # At most one decision waits for confirmation per application.
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status=DecisionStatus.PENDING),
                name="funding_decision_one_pending",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=ApplicationStatus.FUNDED) | Q(granted_amount__gt=0),
                name="funding_decision_funded_has_amount",
            ),
            models.CheckConstraint(
                condition=Q(outcome=ApplicationStatus.FUNDED) | Q(granted_amount__isnull=True),
                name="funding_decision_amount_only_when_funded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"


class InformationRequest(models.Model):
    """The coordinators ask the applicant for more information; the applicant answers."""

    application = models.ForeignKey(
        "funding.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="information_requests",
    )
    message = models.TextField(_("what is asked"), max_length=3000)
    requested_by = _user_fk(_("asked by"), null=True)
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    answer_due = models.DateTimeField(_("answer due"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    response = models.TextField(_("answer"), blank=True, max_length=5000)
    responded_by = _user_fk(_("answered by"), null=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for more information")
        verbose_name_plural = _("requests for more information")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(responded_at__isnull=True),
                name="funding_information_request_one_open",
            ),
        ]

    def __str__(self) -> str:
        return self.message[:60]


def private_storage_of_answers():
    """The applicants' private storage (no public URL), like the application's attachments."""
    from funding.models import private_storage

    return private_storage


def information_upload_to(instance, filename: str) -> str:
    extension = filename.rpartition(".")[2] if "." in filename else "bin"
    return f"information/{uuid.uuid4().hex}.{extension}"


class InformationFile(models.Model):
    """A file the applicant attached to an answer (checked like the application's attachments)."""

    request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("request for more information"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    file = models.FileField(
        _("file"), upload_to=information_upload_to, storage=private_storage_of_answers, max_length=200
    )
    filename = models.CharField(_("file name"), max_length=120)
    kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = _user_fk(_("uploaded by"), null=True)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("file of an answer")
        verbose_name_plural = _("files of answers")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.filename

    @property
    def mimetype(self) -> str:
        from funding.validators import ATTACHMENT_KINDS

        return ATTACHMENT_KINDS.get(self.kind, ("", "application/octet-stream"))[1]


class ApplicationVersion(models.Model):
    """What the application said at a version: kept so a reviewer can see what changed since their review."""

    application = models.ForeignKey(
        "funding.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"), default=dict)
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("application version")
        verbose_name_plural = _("application versions")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="funding_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.application} v{self.number}"
