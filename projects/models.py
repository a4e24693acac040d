"""Funded projects, their milestones, the report schedule of each call and the reports projects send."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import MoneyModelField
from projects.enums import EDITABLE_STATES, MilestoneStatus, ReportKind, ReportStatus, WiderUse

MONEY = {"max_digits": 12, "decimal_places": 2}
DEFAULT_REMINDER_DAYS = 14


class Project(models.Model):
    """A funded application after the ministry's decision: what it was granted and what it promised."""

    application = models.OneToOneField(
        "funding.Application",
        verbose_name=_("funding application"),
        on_delete=models.PROTECT,
        related_name="project",
    )
    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    granted_amount = MoneyModelField(_("funding granted (€)"), **MONEY)
    share = models.DecimalField(
        _("funding share (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("The funding granted as a share of the project's total costs."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    contact_persons = models.ManyToManyField(
        "members.ContactPerson",
        verbose_name=_("project contact persons"),
        blank=True,
        related_name="projects",
        help_text=_("Contact persons of the lead organisation who receive the reminders and answers."),
    )
    research_project = models.BooleanField(
        _("chosen for the national research project"),
        default=False,
        help_text=_(
            "The wider research project on the effectiveness of health and social care digitalisation."
        ),
    )
    research_note = models.TextField(
        _("what was agreed on the research project"), blank=True, max_length=3000
    )
    public_title = models.CharField(_("public title"), max_length=200)
    public_summary = models.TextField(_("what was done"), blank=True, max_length=5000)
    public_results = models.TextField(_("results"), blank=True, max_length=10000)
    public_lessons = models.TextField(_("lessons learnt"), blank=True, max_length=10000)
    published = models.BooleanField(_("published"), default=False, db_index=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    implementation = models.ForeignKey(
        "network.Implementation",
        verbose_name=_("AI implementation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("funded project")
        verbose_name_plural = _("funded projects")
        ordering = ["public_title", "id"]
        permissions = [("view_ministry_views", _("Can see the ministry's views of the funded projects"))]
        constraints = [
            models.CheckConstraint(condition=Q(granted_amount__gte=0), name="project_grant_not_negative"),
            models.CheckConstraint(
                condition=Q(share__gte=0) & Q(share__lte=100), name="project_share_a_percentage"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.public_title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"slug": self.slug})


class Milestone(models.Model):
    """A milestone of the project, first taken from the application's schedule (one per line)."""

    project = models.ForeignKey(
        Project, verbose_name=_("funded project"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=500)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class ReportDeadline(models.Model):
    """A report every funded project of the call sends by a date (e.g. an interim and a final report)."""

    call = models.ForeignKey(
        "funding.FundingCall",
        verbose_name=_("funding call"),
        on_delete=models.CASCADE,
        related_name="report_deadlines",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"))
    reminder_days = models.PositiveSmallIntegerField(
        _("remind (days before the due date)"),
        default=DEFAULT_REMINDER_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("report deadline")
        verbose_name_plural = _("report deadlines")
        ordering = ["call", "due_date", "id"]

    def __str__(self) -> str:
        return self.title


class Report(models.Model):
    """One project's report for one deadline, filled by the project contact and checked by coordinators."""

    project = models.ForeignKey(
        Project, verbose_name=_("funded project"), on_delete=models.CASCADE, related_name="reports"
    )
    deadline = models.ForeignKey(
        ReportDeadline, verbose_name=_("report deadline"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    funding_used = MoneyModelField(
        _("funding used for these costs (€)"),
        default=0,
        help_text=_("At most the project's funding share of the costs reported."),
        **MONEY,
    )
    impact_evaluation = models.TextField(
        _("impact evaluation"),
        blank=True,
        max_length=10000,
        help_text=_("How the impacts were evaluated following THL's guidance, and what was found."),
    )
    effectiveness = models.TextField(
        _("effectiveness"),
        blank=True,
        max_length=10000,
        help_text=_("What the evidence shows about the effectiveness of the solution."),
    )
    network_sharing = models.TextField(
        _("shared with the network"),
        blank=True,
        max_length=5000,
        help_text=_("Experiences, solutions and open questions shared with the ecosystem network."),
    )
    wider_use = models.CharField(
        _("ready for wider national use"), max_length=20, choices=WiderUse.choices, blank=True
    )
    wider_use_text = models.TextField(
        _("wider national use: explanation"),
        blank=True,
        max_length=5000,
        help_text=_("What is available to others, on what terms, and what is still missing."),
    )
    review_comment = models.TextField(_("coordinators' comments"), blank=True, max_length=5000)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    late_reminder_sent_at = models.DateTimeField(_("late reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("project report")
        verbose_name_plural = _("project reports")
        ordering = ["deadline__due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "deadline"], name="report_one_per_deadline"),
            models.CheckConstraint(condition=Q(funding_used__gte=0), name="report_funding_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.deadline}: {self.project}"

    def get_absolute_url(self) -> str:
        return reverse("projects:report", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATES


class MilestoneProgress(models.Model):
    report = models.ForeignKey(
        Report, verbose_name=_("project report"), on_delete=models.CASCADE, related_name="progress"
    )
    milestone = models.ForeignKey(
        Milestone, verbose_name=_("milestone"), on_delete=models.CASCADE, related_name="progress"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.NOT_STARTED
    )
    text = models.TextField(_("progress"), blank=True, max_length=3000)

    class Meta:
        verbose_name = _("progress on a milestone")
        verbose_name_plural = _("progress on the milestones")
        ordering = ["milestone__order", "milestone_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "milestone"], name="milestone_progress_unique"),
        ]

    def __str__(self) -> str:
        return str(self.milestone)


class CostLine(models.Model):
    """Costs incurred in the reporting period against one budget line of the application."""

    report = models.ForeignKey(
        Report, verbose_name=_("project report"), on_delete=models.CASCADE, related_name="costs"
    )
    budget_line = models.ForeignKey(
        "funding.BudgetLine", verbose_name=_("budget line"), on_delete=models.PROTECT, related_name="+"
    )
    amount = MoneyModelField(_("costs incurred (€)"), default=0, **MONEY)

    class Meta:
        verbose_name = _("costs incurred")
        verbose_name_plural = _("costs incurred")
        ordering = ["budget_line__order", "budget_line_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "budget_line"], name="cost_line_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="cost_line_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.budget_line}: {self.amount}"


class LegislativeNeed(models.Model):
    """A need to develop legislation that a project ran into, reported to the ministry."""

    report = models.ForeignKey(
        Report, verbose_name=_("project report"), on_delete=models.CASCADE, related_name="legislative_needs"
    )
    title = models.CharField(_("need"), max_length=300)
    law = models.CharField(
        _("law or area of law"), max_length=300, blank=True, help_text=_("E.g. the Client Data Act.")
    )
    description = models.TextField(_("description"), max_length=5000)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("legislative development need")
        verbose_name_plural = _("legislative development needs")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title
