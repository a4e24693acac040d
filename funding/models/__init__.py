"""Funding calls (configured by coordinators) and the applications of the eligible organisations."""

from __future__ import annotations

import os
import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import MoneyModelField
from funding.enums import ApplicationStatus, BudgetCategory, CallStatus, UseCase
from funding.formatting import share_percent  # noqa: F401 - where the share was first defined
from members.enums import OrganisationType
from members.validators import validate_business_id

CENT = Decimal("0.01")
REFERENCE_PREFIX = "SOTE"
MONEY = {"max_digits": 12, "decimal_places": 2}


class PrivateStorage(FileSystemStorage):
    """Applicants' attachments: under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, with no public URL at all.

    They are served only by the permission-checking view ``funding:attachment``.
    """

    @property
    def base_location(self):
        return os.path.join(settings.PRIVATE_MEDIA_ROOT, "funding")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Funding attachments have no public URL.")


private_storage = PrivateStorage()


def private_storage_callable():
    return private_storage


def document_upload_to(instance, filename: str) -> str:
    from funding.validators import sanitise_filename

    return f"funding/documents/{uuid.uuid4().hex}/{sanitise_filename(filename)}"


def attachment_upload_to(instance, filename: str) -> str:
    extension = filename.rpartition(".")[2] if "." in filename else "bin"
    return f"applications/{uuid.uuid4().hex}.{extension}"


class FundingCall(models.Model):
    """One round of the funding call; later rounds are new rows configured in the admin."""

    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=1000)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: headings, lists, links and emphasis.")
    )
    process = models.TextField(
        _("process and timetable"),
        blank=True,
        help_text=_("Markdown: how the proposals are handled and when the decisions are made."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    budget_min = MoneyModelField(_("total funding at least (€)"), **MONEY)
    budget_max = MoneyModelField(_("total funding at most (€)"), null=True, blank=True, **MONEY)
    projects_min = models.PositiveSmallIntegerField(_("projects funded, at least"), null=True, blank=True)
    projects_max = models.PositiveSmallIntegerField(_("projects funded, at most"), null=True, blank=True)
    max_share = models.DecimalField(
        _("maximum funding share (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50.00"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
        help_text=_("The largest share of a project's total costs the funding may cover."),
    )
    earliest_cost_date = models.DateField(
        _("costs eligible from"), help_text=_("Costs incurred before this date are not eligible.")
    )
    latest_cost_date = models.DateField(
        _("costs eligible until"),
        null=True,
        blank=True,
        help_text=_("Costs incurred after this date are not eligible (stated in the decision letters)."),
    )
    review_deadline = models.DateTimeField(_("reviews due"), null=True, blank=True)
    review_reminder_days = models.PositiveSmallIntegerField(
        _("remind reviewers (days before the deadline)"),
        default=3,
        validators=[MaxValueValidator(60)],
    )
    decision_conditions = models.TextField(
        _("conditions of the funding decision"),
        blank=True,
        help_text=_("Stated in every decision letter of this call."),
    )
    decision_reporting = models.TextField(
        _("reporting obligations and deadlines"),
        blank=True,
        help_text=_(
            "Stated in every decision letter: reports to the ministry on legislative development needs, "
            "the impact evaluation, and their deadlines."
        ),
    )
    report_interim_due = models.DateField(
        _("interim report due"), null=True, blank=True, help_text=_("Stated in the funding decisions.")
    )
    report_final_due = models.DateField(
        _("final report due"), null=True, blank=True, help_text=_("Stated in the funding decisions.")
    )
    payment_terms = models.TextField(
        _("payment terms"),
        blank=True,
        max_length=3000,
        help_text=_("How and when the grant is paid; stated in the funding decisions."),
    )
    decider_name = models.CharField(
        _("decided by (name)"),
        max_length=200,
        blank=True,
        help_text=_("The official who makes the decisions, named in the letters."),
    )
    decider_title = models.CharField(_("decided by (title)"), max_length=200, blank=True)
    decisions_announced_at = models.DateTimeField(
        _("decisions announced"),
        null=True,
        blank=True,
        help_text=_("The funded projects are public from this moment on."),
    )
    eligible_organisations = models.ManyToManyField(
        "members.Organisation",
        verbose_name=_("eligible lead applicants"),
        related_name="funding_calls",
        blank=True,
    )
    use_cases = ArrayField(
        models.CharField(max_length=40, choices=UseCase.choices),
        verbose_name=_("use cases"),
        default=list,
        blank=True,
    )
    published = models.BooleanField(_("published"), default=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="funding_call_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:call_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The call must close after it opens.")
        if self.budget_max is not None and self.budget_min is not None and self.budget_max < self.budget_min:
            errors["budget_max"] = _("The largest total may not be smaller than the smallest.")
        if (
            self.projects_max is not None
            and self.projects_min is not None
            and self.projects_max < self.projects_min
        ):
            errors["projects_max"] = _("The largest number of projects may not be smaller than the smallest.")
        if errors:
            raise ValidationError(errors)

    def status(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return CallStatus.UPCOMING
        if now < self.closes_at:
            return CallStatus.OPEN
        return CallStatus.CLOSED

    def is_open(self, now=None) -> bool:
        return self.status(now) == CallStatus.OPEN

    @property
    def use_case_labels(self) -> list[str]:
        labels = dict(UseCase.choices)
        return [labels[code] for code in self.use_cases if code in labels]


class CallDocument(models.Model):
    """A document published with the call: the checklist, questions and answers."""

    call = models.ForeignKey(
        FundingCall, verbose_name=_("funding call"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("call document")
        verbose_name_plural = _("call documents")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return os.path.basename(self.file.name)


class CallQuestion(models.Model):
    """A frequently asked question about the call, with its answer."""

    call = models.ForeignKey(
        FundingCall, verbose_name=_("funding call"), on_delete=models.CASCADE, related_name="questions"
    )
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"), help_text=_("Markdown: headings, lists, links and emphasis."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("frequently asked question")
        verbose_name_plural = _("frequently asked questions")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.question


def _text(max_length: int = 5000):
    return {"blank": True, "max_length": max_length}


class Application(models.Model):
    """A project proposal of one eligible organisation to one call."""

    call = models.ForeignKey(
        FundingCall, verbose_name=_("funding call"), on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("lead applicant"),
        on_delete=models.PROTECT,
        related_name="funding_applications",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    project_name = models.CharField(_("project name"), max_length=200, blank=True)
    use_case = models.CharField(_("use case"), max_length=40, choices=UseCase.choices, blank=True)
    # The public abstract (funded projects' pages, letters, search); the call's own questions are
    # answered in ``answers`` (funding.models.forms).
    summary = models.TextField(_("summary"), **_text(2000))
    requested_amount = MoneyModelField(_("funding requested (€)"), null=True, blank=True, **MONEY)
    # Set only when the ministry's decision to fund is released (funding.services.decision_confirm).
    granted_amount = MoneyModelField(_("funding granted (€)"), null=True, blank=True, **MONEY)
    eligibility_note = models.TextField(_("eligibility: reason"), blank=True, max_length=2000)

    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # Set when the receipt of the current submission is in the outbox; the receipt is rendered after
    # the submission commits, and a periodic task queues any receipt whose hand-over was lost.
    receipt_queued_at = models.DateTimeField(_("receipt queued"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("funding application")
        verbose_name_plural = _("funding applications")
        # The review's roles: coordinators run it, steering-group members review, decision-makers confirm.
        permissions = [
            ("check_eligibility", _("Can record whether an application is eligible")),
            ("assign_reviewers", _("Can assign reviewers")),
            ("review_application", _("Can review assigned applications")),
            ("view_ranking", _("Can see the ranking")),
            ("record_decision", _("Can record pending decisions")),
            ("confirm_decision", _("Can confirm and release decisions")),
            ("send_decision_letters", _("Can send decision letters")),
            ("export_applications", _("Can export applications with their scores")),
        ]
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["organisation", "call"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_amount__isnull=True) | Q(requested_amount__gte=0),
                name="funding_application_request_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True) | Q(granted_amount__gte=0),
                name="funding_application_grant_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.project_name or str(_("Untitled application"))

    def get_absolute_url(self) -> str:
        return reverse("funding:application", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        """The application's reference on receipts, letters, exports and pages, e.g. SOTE-2026-0015:
        the year it was started and its number."""
        if self.pk is None:
            return ""
        return f"{REFERENCE_PREFIX}-{timezone.localtime(self.created_at).year}-{self.pk:04d}"

    @property
    def is_editable(self) -> bool:
        return self.status == ApplicationStatus.DRAFT


class Partner(models.Model):
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("organisation"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    role = models.CharField(_("role in the project"), max_length=500, blank=True)
    business_id = models.CharField(
        _("business ID"), max_length=9, blank=True, validators=[validate_business_id]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class BudgetLine(models.Model):
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("category"), max_length=30, choices=BudgetCategory.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = MoneyModelField(_("amount (€)"), validators=[MinValueValidator(CENT)], **MONEY)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_budget_line_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.year}: {self.amount}"


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("file"), upload_to=attachment_upload_to, storage=private_storage_callable, max_length=200
    )
    filename = models.CharField(_("file name"), max_length=120)
    kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    # Set for the answer to a file question of the call's form; general attachments have none.
    question = models.ForeignKey(
        "funding.FormQuestion",
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.filename

    @property
    def mimetype(self) -> str:
        from funding.validators import ATTACHMENT_KINDS

        return ATTACHMENT_KINDS.get(self.kind, ("", "application/octet-stream"))[1]


# The call's own application form.
from funding.models.forms import Answer, FormChoice, FormQuestion, FormSection  # noqa: E402, F401

# The steering group's review lives in its own module; imported here so Django finds the models.
from funding.models.review import (  # noqa: E402, F401
    ApplicationVersion,
    ConflictOfInterest,
    Criterion,
    Decision,
    InformationFile,
    InformationRequest,
    Review,
    ReviewAssignment,
    Score,
)
