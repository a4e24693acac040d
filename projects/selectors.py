"""Reads of the projects app: who may report, the reports of a project, the ministry's views."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Model, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from funding.selectors import budget_lines_of, partners_in_order
from members.selectors import organisation_ids_for_contact
from projects.enums import EDITABLE_STATES, REPORTED_STATES, ReportStatus
from projects.models import CostLine, LegislativeNeed, Milestone, MilestoneProgress, Project, Report
from search.selectors import search_filter


def contact_organisation_ids(user) -> set[int]:
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    return organisation_ids_for_contact(user=user)


def user_can_report(user, project: Project) -> bool:
    """Contact persons of the project's lead organisation fill and submit its reports."""
    return project.application.organisation_id in contact_organisation_ids(user)


# --- The project contact's pages -------------------------------------------------------------------


def projects_for_user(*, user) -> QuerySet[Project]:
    ids = contact_organisation_ids(user)
    return (
        Project.objects.filter(application__organisation_id__in=ids)
        .select_related("application__organisation", "application__call")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.select_related("deadline").order_by("deadline__due_date", "id"),
            )
        )
        .order_by("public_title", "id")
    )


def project_get_for_user(*, user, pk) -> Project | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    project = projects_for_user(user=user).filter(pk=pk).first()
    if project is None:
        return None
    project.milestone_list = list(project.milestones.all())
    project.partner_list = list(project.application.partners.all())
    return project


def report_get_for_user(*, user, pk) -> Report | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    ids = contact_organisation_ids(user)
    return (
        Report.objects.filter(pk=pk, project__application__organisation_id__in=ids)
        .select_related(
            "deadline", "project__application__organisation", "project__application__call", "submitted_by"
        )
        .first()
    )


@dataclass(frozen=True)
class ReportContent:
    milestones: list[Milestone]
    progress: dict[int, MilestoneProgress]
    budget_lines: list[Model]
    costs: dict[int, Decimal]
    needs: list[LegislativeNeed]
    total_budget: Decimal
    incurred: Decimal
    used_elsewhere: Decimal


def report_content(report: Report) -> ReportContent:
    """Everything a report's page shows, in a fixed number of queries."""
    project = report.project
    lines = list(budget_lines_of(application_id=project.application_id).order_by("order", "id"))
    costs = {c.budget_line_id: c.amount for c in report.costs.all()}
    used_elsewhere = project.reports.exclude(pk=report.pk).aggregate(s=Sum("funding_used"))["s"]
    return ReportContent(
        milestones=list(project.milestones.all()),
        progress={p.milestone_id: p for p in report.progress.all()},
        budget_lines=lines,
        costs=costs,
        needs=list(report.legislative_needs.all()),
        total_budget=sum((line.amount for line in lines), Decimal("0.00")),
        incurred=sum(costs.values(), Decimal("0.00")),
        used_elsewhere=used_elsewhere or Decimal("0.00"),
    )


# --- Public pages -----------------------------------------------------------------------------------


def published_projects() -> QuerySet[Project]:
    return (
        Project.objects.filter(published=True)
        .select_related("application__organisation__region", "application__call")
        .order_by("public_title", "id")
    )


def published_project_cards(*, query: str = "") -> QuerySet[Project]:
    """The public list's cards: only the columns the list shows (not the applications' long texts)."""
    languages = [code for code, _name in settings.LANGUAGES]
    return (
        search_filter(Project.objects.filter(published=True), kind="project", text=query)
        .select_related("application__organisation")
        .only(
            "slug",
            "application__use_case",
            *[f"public_title_{code}" for code in languages],
            *[f"public_summary_{code}" for code in languages],
            *[f"application__organisation__name_{code}" for code in languages],
        )
        .order_by("public_title", "id")
    )


def published_project_get(*, slug: str) -> Project | None:
    project = (
        published_projects()
        .select_related("implementation")
        .prefetch_related(Prefetch("application__partners", queryset=partners_in_order()))
        .filter(slug=slug)
        .first()
    )
    return project


# --- The ministry's views ----------------------------------------------------------------------------


def legislative_needs(*, use_case: str = "", region=None, call=None) -> QuerySet[LegislativeNeed]:
    """Legislative development needs of accepted reports, across all projects."""
    needs = LegislativeNeed.objects.filter(report__status=ReportStatus.ACCEPTED).select_related(
        "report__deadline",
        "report__project__application__organisation__region",
        "report__project__application__call",
    )
    if use_case:
        needs = needs.filter(report__project__application__use_case=use_case)
    if region:
        needs = needs.filter(report__project__application__organisation__region=region)
    if call:
        needs = needs.filter(report__project__application__call=call)
    return needs.order_by("report__project__public_title", "report__deadline__due_date", "order", "id")


def legislative_need_rows(needs) -> list[list[str]]:
    from django.utils.translation import gettext

    rows = [
        [
            gettext("Project"),
            gettext("Lead organisation"),
            gettext("Welfare region"),
            gettext("Use case"),
            gettext("Report"),
            gettext("Need"),
            gettext("Law or area of law"),
            gettext("Description"),
        ]
    ]
    for need in needs:
        project = need.report.project
        application = project.application
        region = application.organisation.region
        rows.append(
            [
                project.public_title,
                application.organisation.name,
                region.name if region else "",
                application.get_use_case_display(),
                need.report.deadline.title,
                need.title,
                need.law,
                need.description,
            ]
        )
    return rows


@dataclass
class ProjectFigures:
    project: Project
    total_budget: Decimal
    reported_costs: Decimal
    funding_used: Decimal
    counts: dict[str, int]
    late: int

    @property
    def grant_left(self) -> Decimal:
        return self.project.granted_amount - self.funding_used


def projects_overview(*, today=None) -> list[ProjectFigures]:
    """Every project with its grant, reported costs and funding used, and its reports by status."""
    today = today or timezone.localdate()
    projects = list(
        Project.objects.select_related("application__organisation__region", "application__call")
        .annotate(total_budget=Sum("application__budget_lines__amount"))
        .order_by("application__call__opens_at", "public_title", "id")
    )
    costs = dict(
        CostLine.objects.filter(report__status__in=REPORTED_STATES)
        .values("report__project_id")
        .annotate(s=Sum("amount"))
        .order_by()
        .values_list("report__project_id", "s")
    )
    report_rows = (
        Report.objects.values("project_id")
        .annotate(
            used=Sum("funding_used", filter=Q(status__in=REPORTED_STATES)),
            draft=Count("id", filter=Q(status=ReportStatus.DRAFT)),
            submitted=Count("id", filter=Q(status=ReportStatus.SUBMITTED)),
            returned=Count("id", filter=Q(status=ReportStatus.RETURNED)),
            accepted=Count("id", filter=Q(status=ReportStatus.ACCEPTED)),
            late=Count("id", filter=Q(status__in=EDITABLE_STATES, deadline__due_date__lt=today)),
        )
        .order_by()
    )
    by_project = {row["project_id"]: row for row in report_rows}
    zero = Decimal("0.00")
    figures = []
    for project in projects:
        row = by_project.get(project.pk, {})
        figures.append(
            ProjectFigures(
                project=project,
                total_budget=project.total_budget or zero,
                reported_costs=costs.get(project.pk) or zero,
                funding_used=row.get("used") or zero,
                counts={s: row.get(s, 0) for s in ReportStatus.values},
                late=row.get("late", 0),
            )
        )
    return figures
