"""Writes of the projects app: projects from funded applications, their reports, reminders, publishing.

Every service is keyword-only, takes the acting person, runs in one transaction, writes an audit entry
and raises :class:`ProjectError` (with a translated message) when it refuses. Mail goes through the
outbox inside the same transaction, so it leaves only if the change commits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from core import search as site_search
from core.audit import audit_log
from funding.enums import ApplicationStatus, UseCase
from funding.formatting import format_money, format_percent, share_percent
from funding.selectors import application_locked
from funding.selectors.answers import answer_by_key
from network import services as network_services
from network.enums import ImplementationStatus, Stage
from projects.enums import AuditAction
from projects.models import Milestone, Project, Report, ReportDeadline

RESERVED_SLUGS = frozenset({"my", "ministry"})
BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s*")
#: Fields coordinators may change on a project (the translated ones with their language suffixes).
PROJECT_FIELDS = (
    "start_date",
    "end_date",
    "research_project",
    "research_note",
    *(
        f"{name}_{code}"
        for name in ("public_title", "public_summary", "public_results", "public_lessons")
        for code in ("fi", "sv", "en")
    ),
)
REPORT_TEXT_FIELDS = ("impact_evaluation", "effectiveness", "network_sharing", "wider_use", "wider_use_text")


class ProjectError(Exception):
    """A refused operation; ``message`` is translated and can be shown to the person."""

    def __init__(self, message: str, code: str = ""):
        self.message = message
        self.code = code
        super().__init__(message)


# --- Projects --------------------------------------------------------------------------------------


def _schedule(application) -> str:
    """The application's schedule: the answer to its call's question "schedule", when it is a text."""
    value = answer_by_key(application, "schedule")
    return value if isinstance(value, str) else ""


def milestone_titles(schedule: str) -> list[str]:
    """One milestone per non-empty line of the application's schedule (list bullets removed)."""
    titles = []
    for line in (schedule or "").splitlines():
        text = BULLET.sub("", line).strip()
        if text:
            titles.append(text[:500])
    return titles


def _unique_slug(name: str, pk: int) -> str:
    base = slugify(name)[:70].strip("-") or "project"
    if base in RESERVED_SLUGS or base.isdigit():
        base = f"{base}-project"
    slug, n = base, 2
    while Project.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug or f"project-{pk}"


def grant_share(*, granted: Decimal, total: Decimal) -> Decimal:
    """The granted funding as a percentage of the total costs: the funding call's one share function."""
    return share_percent(granted, total)


def _project_snapshot(project: Project) -> dict[str, Any]:
    return {
        "granted_amount": project.granted_amount,
        "share": project.share,
        "published": project.published,
        **{name: getattr(project, name) for name in PROJECT_FIELDS},
    }


def _ensure_reports(project: Project, deadlines: Iterable[ReportDeadline] | None = None) -> int:
    deadlines = list(project.application.call.report_deadlines.all() if deadlines is None else deadlines)
    existing = set(project.reports.values_list("deadline_id", flat=True))
    new = [Report(project=project, deadline=d) for d in deadlines if d.pk not in existing]
    Report.objects.bulk_create(new)
    return len(new)


def _default_contacts(application: Model) -> list[Model]:
    contacts = list(application.organisation.contact_persons.all())
    users = {application.submitted_by_id, application.created_by_id} - {None}
    chosen = [c for c in contacts if c.user_id in users] or [c for c in contacts if c.is_primary]
    return chosen or contacts


@transaction.atomic
def project_create_from_application(*, application: Model, actor) -> Project:
    """Start the project of a funded application; returns the existing one when it was started already."""
    application = application_locked(pk=application.pk)
    existing = Project.objects.filter(application=application).first()
    if existing is not None:
        return existing
    if application.status != ApplicationStatus.FUNDED:
        raise ProjectError(
            gettext("“%(name)s” has not been funded, so it cannot become a project.") % {"name": application},
            code="not_funded",
        )
    granted = application.granted_amount
    total = sum((line.amount for line in application.budget_lines.all()), Decimal("0.00"))
    if granted is None or total <= 0:
        raise ProjectError(
            gettext("“%(name)s” has no granted funding or no budget, so it cannot become a project.")
            % {"name": application},
            code="no_money",
        )
    call = application.call
    # Exact Decimal arithmetic: granted / total may not exceed the call's maximum share.
    if granted * 100 > call.max_share * total:
        raise ProjectError(
            gettext(
                "The funding granted to “%(name)s” (%(granted)s) is more than %(max)s of its total costs "
                "(%(total)s)."
            )
            % {
                "name": application,
                "granted": format_money(granted),
                "max": format_percent(call.max_share),
                "total": format_money(total),
            },
            code="share_too_large",
        )
    today = timezone.localdate()
    start = call.earliest_cost_date or today
    end = call.latest_cost_date if call.latest_cost_date and call.latest_cost_date >= start else None
    name = application.project_name or str(application)
    project = Project(
        application=application,
        slug="",
        granted_amount=granted,
        share=grant_share(granted=granted, total=total),
        start_date=start,
        end_date=end,
        public_title=name,
        public_title_fi=name,
        public_summary_fi=application.summary,
        created_by=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
    )
    project.slug = _unique_slug(name, application.pk)
    project.save()
    project.contact_persons.set(_default_contacts(application))
    Milestone.objects.bulk_create(
        Milestone(project=project, title=title, order=i)
        for i, title in enumerate(milestone_titles(_schedule(application)))
    )
    reports = _ensure_reports(project)
    audit_log(
        action=AuditAction.PROJECT_CREATE,
        actor=actor,
        obj=project,
        new={**_project_snapshot(project), "application": application.pk, "reports": reports},
    )
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    actor,
    fields: Mapping[str, Any],
    contact_persons: Sequence[Model] | None = None,
) -> Project:
    """Coordinators change a project's dates, research project flag, contacts and public texts."""
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    project = Project.objects.select_for_update(of=("self",)).select_related("application").get(pk=project.pk)
    if contact_persons is not None:
        foreign = [c for c in contact_persons if c.organisation_id != project.application.organisation_id]
        if foreign:
            raise ProjectError(
                gettext("The project's contact persons must be contact persons of the lead organisation."),
                code="foreign_contact",
            )
    old = _project_snapshot(project)
    old_contacts = sorted(project.contact_persons.values_list("pk", flat=True))
    for name, value in fields.items():
        setattr(project, name, value)
    if project.end_date and project.start_date and project.end_date < project.start_date:
        raise ProjectError(gettext("The project cannot end before it starts."), code="dates")
    new_contacts = sorted(c.pk for c in contact_persons) if contact_persons is not None else old_contacts
    new = _project_snapshot(project)
    if new == old and new_contacts == old_contacts:
        return project
    project.save()
    if contact_persons is not None:
        project.contact_persons.set(contact_persons)
    audit_log(
        action=AuditAction.PROJECT_UPDATE,
        actor=actor,
        obj=project,
        old={**old, "contact_persons": old_contacts},
        new={**new, "contact_persons": new_contacts},
    )
    if project.published and project.implementation_id:
        _sync_implementation(project, actor)
    site_search.changed(kind="project", ids=[project.pk])
    return project


def _check_coordinator(actor, permission: str = "projects.change_project") -> None:
    if not (actor is not None and actor.is_authenticated and actor.is_staff and actor.has_perm(permission)):
        raise PermissionDenied(gettext("Only coordinators can do this."))


def _implementation_fields(project: Project) -> dict[str, Any]:
    application = project.application
    contact = next(iter(project.contact_persons.all()), None)
    fields: dict[str, Any] = {
        "region": application.organisation.region,
        "use_case": application.use_case or UseCase.OTHER,
        "stage": Stage.PILOT,
        "contact_name": contact.full_name[:120] if contact else "",
        "contact_email": contact.email if contact else "",
        "links": f"{settings.SITE_URL}{project.get_absolute_url()}",
        "start_year": project.start_date.year,
        "end_year": project.end_date.year if project.end_date else None,
    }
    for code in ("fi", "sv", "en"):
        title = getattr(project, f"public_title_{code}") or ""
        summary = getattr(project, f"public_summary_{code}") or ""
        results = getattr(project, f"public_results_{code}") or ""
        lessons = getattr(project, f"public_lessons_{code}") or ""
        fields[f"title_{code}"] = title[:200]
        fields[f"description_{code}"] = summary
        fields[f"results_{code}"] = "\n\n".join(text for text in (results, lessons) if text)
    return fields


def _sync_implementation(project: Project, actor):
    """Create or update the project's published record in the AI implementations registry."""
    fields = _implementation_fields(project)
    implementation = project.implementation
    if implementation is None:
        implementation = network_services.implementation_create(
            actor=actor, owner=project.application.organisation, fields=fields
        )
    else:
        implementation = network_services.implementation_update(
            actor=actor, implementation=implementation, fields=fields
        )
    if implementation.status == ImplementationStatus.DRAFT:
        implementation = network_services.implementation_submit(actor=actor, implementation=implementation)
    if implementation.status == ImplementationStatus.SUBMITTED:
        implementation = network_services.implementation_publish(actor=actor, implementation=implementation)
    return implementation


@transaction.atomic
def project_publish(*, project: Project, actor) -> Project:
    """Coordinators publish what was done and learnt; the result also appears in the AI implementations."""
    _check_coordinator(actor)
    project = (
        Project.objects.select_for_update(of=("self",))
        .select_related("application__organisation", "implementation")
        .get(pk=project.pk)
    )
    if not (project.public_title_fi and project.public_summary_fi):
        raise ProjectError(
            gettext("Write at least the public title and what was done in Finnish before publishing."),
            code="incomplete",
        )
    implementation = _sync_implementation(project, actor)
    old = {"published": project.published, "implementation": project.implementation_id}
    project.implementation = implementation
    if not project.published:
        project.published = True
        project.published_at = timezone.now()
    project.save(update_fields=["implementation", "published", "published_at", "updated_at"])
    audit_log(
        action=AuditAction.PROJECT_PUBLISH,
        actor=actor,
        obj=project,
        old=old,
        new={"published": True, "implementation": implementation.pk},
    )
    site_search.changed(kind="project", ids=[project.pk])
    return project


@transaction.atomic
def project_unpublish(*, project: Project, actor) -> Project:
    """Take the project's page off the public site (its AI implementation stays as it is)."""
    _check_coordinator(actor)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not project.published:
        return project
    project.published = False
    project.save(update_fields=["published", "updated_at"])
    audit_log(
        action=AuditAction.PROJECT_UNPUBLISH,
        actor=actor,
        obj=project,
        old={"published": True},
        new={"published": False},
    )
    site_search.changed(kind="project", ids=[project.pk])
    return project


# --- Report schedule -----------------------------------------------------------------------------


@transaction.atomic
def report_deadline_save(*, deadline: ReportDeadline, actor) -> ReportDeadline:
    """Save a report deadline of a call; every project of the call gets its report for it."""
    _check_coordinator(actor, "projects.change_reportdeadline")
    created = deadline.pk is None
    old = {}
    if not created:
        before = ReportDeadline.objects.select_for_update().get(pk=deadline.pk)
        old = {
            "kind": before.kind,
            "due_date": before.due_date,
            "title": before.title_fi,
            "reminder_days": before.reminder_days,
        }
    deadline.save()
    count = 0
    for project in Project.objects.filter(application__call_id=deadline.call_id).select_related(
        "application__call"
    ):
        count += _ensure_reports(project, [deadline])
    new = {
        "kind": deadline.kind,
        "due_date": deadline.due_date,
        "title": deadline.title_fi,
        "reminder_days": deadline.reminder_days,
    }
    audit_log(
        action=AuditAction.REPORT_DEADLINE_CREATE if created else AuditAction.REPORT_DEADLINE_UPDATE,
        actor=actor,
        obj=deadline,
        old=old,
        new={**new, "reports_created": count},
    )
    return deadline


# The reports and their reminders live in their own module; imported here so that
# ``projects.services.report_save`` and the like are part of this module's interface.
from projects.services.reports import (  # noqa: E402, F401
    NeedData,
    ProgressData,
    funding_problem,
    report_accept,
    report_missing,
    report_return,
    report_save,
    report_send_reminders,
    report_submit,
)
