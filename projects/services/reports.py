"""Writes of the projects' reports: saving and submitting (the project contact), accepting and
returning (coordinators), and the reminders before a report is due and when it is late."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext

from core.audit import audit_log
from core.locks import lock_row
from core.states import transition_apply
from funding.formatting import CENT, format_money, format_percent
from funding.selectors import budget_lines_of
from outbox.services import mail_queue
from projects import selectors
from projects.enums import ALLOWED_TRANSITIONS, EDITABLE_STATES, AuditAction, ReportStatus
from projects.models import CostLine, LegislativeNeed, MilestoneProgress, Project, Report
from projects.services import REPORT_TEXT_FIELDS, ProjectError, _check_coordinator

# --- Reports -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedData:
    title: str
    law: str
    description: str


@dataclass(frozen=True)
class ProgressData:
    milestone_id: int
    status: str
    text: str


#: What a locked report is read with (the project's application, its call and organisation, the deadline).
REPORT_RELATED = ("project__application__organisation", "project__application__call", "deadline")


def funding_problem(
    *,
    project: Project,
    total_budget: Decimal,
    incurred: Decimal,
    funding_used: Decimal,
    used_elsewhere: Decimal,
) -> str | None:
    """Why the funding used for the reported costs is too much, or None. Exact Decimal arithmetic:
    the funding used may be at most the granted share (granted / total budget) of the costs incurred,
    and all the project's reports together at most the funding granted."""
    if funding_used < 0 or incurred < 0:
        return gettext("Amounts cannot be negative.")
    if funding_used * total_budget > project.granted_amount * incurred:
        most = (project.granted_amount * incurred / total_budget).quantize(CENT, rounding=ROUND_DOWN)
        return gettext(
            "The funding used (%(used)s) is more than the project's funding share (%(share)s) of the costs "
            "reported (%(costs)s): at most %(most)s."
        ) % {
            "used": format_money(funding_used),
            "share": format_percent(project.share),
            "costs": format_money(incurred),
            "most": format_money(most),
        }
    if funding_used + used_elsewhere > project.granted_amount:
        return gettext(
            "Together with the other reports, the funding used (%(used)s) is more than the funding granted "
            "(%(granted)s)."
        ) % {
            "used": format_money(funding_used + used_elsewhere),
            "granted": format_money(project.granted_amount),
        }
    return None


def _check_contact(actor, project: Project) -> None:
    if not selectors.user_can_report(actor, project):
        raise PermissionDenied(gettext("Only the contact persons of the lead organisation can report."))


def _check_funding(report: Report) -> None:
    project = report.project
    lines = list(budget_lines_of(application_id=project.application_id))
    total_budget = sum((line.amount for line in lines), Decimal("0.00"))
    incurred = sum((c.amount for c in report.costs.all()), Decimal("0.00"))
    used_elsewhere = sum((r.funding_used for r in project.reports.exclude(pk=report.pk)), Decimal("0.00"))
    problem = funding_problem(
        project=project,
        total_budget=total_budget,
        incurred=incurred,
        funding_used=report.funding_used,
        used_elsewhere=used_elsewhere,
    )
    if problem:
        raise ProjectError(problem, code="funding_share")


def _report_snapshot(report: Report) -> dict[str, Any]:
    return {
        "status": report.status,
        "funding_used": report.funding_used,
        "costs": {str(c.budget_line_id): str(c.amount) for c in report.costs.all()},
        "needs": [n.title for n in report.legislative_needs.all()],
        **{name: getattr(report, name) for name in REPORT_TEXT_FIELDS},
    }


@transaction.atomic
def report_save(
    *,
    report: Report,
    actor,
    values: Mapping[str, Any],
    funding_used: Decimal,
    progress: Sequence[ProgressData],
    costs: Mapping[int, Decimal],
    needs: Sequence[NeedData],
) -> Report:
    """The project contact saves the report (a draft, or a returned report being fixed)."""
    report = lock_row(report, related=REPORT_RELATED)
    _check_contact(actor, report.project)
    if report.status not in EDITABLE_STATES:
        raise ProjectError(
            gettext("The report has been submitted and can no longer be changed."), code="not_editable"
        )
    unknown = set(values) - set(REPORT_TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    old = _report_snapshot(report)
    line_ids = set(budget_lines_of(application_id=report.project.application_id).values_list("pk", flat=True))
    if set(costs) - line_ids:
        raise ProjectError(
            gettext("The costs must be reported against the project's budget lines."), code="lines"
        )
    if (
        any(amount is None or amount < 0 for amount in costs.values())
        or funding_used is None
        or funding_used < 0
    ):
        raise ProjectError(gettext("Amounts cannot be negative."), code="negative")
    milestone_ids = set(report.project.milestones.values_list("pk", flat=True))
    if {p.milestone_id for p in progress} - milestone_ids:
        raise ProjectError(
            gettext("Progress must be reported on the project's milestones."), code="milestones"
        )

    for name, value in values.items():
        setattr(report, name, value or "")
    report.funding_used = funding_used
    report.updated_by = actor
    current = {c.budget_line_id: c for c in report.costs.all()}
    for line_id, amount in costs.items():
        if line_id in current:
            if current[line_id].amount != amount:
                current[line_id].amount = amount
                current[line_id].save(update_fields=["amount"])
        else:
            CostLine.objects.create(report=report, budget_line_id=line_id, amount=amount)
    report._prefetched_objects_cache = {}
    _check_funding(report)
    rows = {p.milestone_id: p for p in report.progress.all()}
    for item in progress:
        row = rows.get(item.milestone_id)
        if row is None:
            MilestoneProgress.objects.create(
                report=report, milestone_id=item.milestone_id, status=item.status, text=item.text
            )
        elif (row.status, row.text) != (item.status, item.text):
            row.status, row.text = item.status, item.text
            row.save(update_fields=["status", "text"])
    report.legislative_needs.all().delete()
    LegislativeNeed.objects.bulk_create(
        LegislativeNeed(report=report, title=n.title, law=n.law, description=n.description, order=i)
        for i, n in enumerate(needs)
    )
    report.save()
    report._prefetched_objects_cache = {}
    new = _report_snapshot(report)
    if new != old:
        audit_log(action=AuditAction.REPORT_SAVE, actor=actor, obj=report, old=old, new=new)
    return report


def report_missing(report: Report) -> list[str]:
    """What must still be filled before the report can be submitted."""
    missing = []
    statuses = {p.milestone_id: p for p in report.progress.all()}
    if any(m.pk not in statuses for m in report.project.milestones.all()):
        missing.append(gettext("Progress on every milestone"))
    for name in ("impact_evaluation", "network_sharing", "wider_use"):
        if not getattr(report, name):
            missing.append(str(Report._meta.get_field(name).verbose_name).capitalize())
    return missing


def _recipients(project: Project) -> list[Model]:
    contacts = list(project.contact_persons.all())
    if not contacts:
        contacts = list(project.application.organisation.contact_persons.filter(is_primary=True))
    return contacts


def _mail_contacts(report: Report, *, template: str, actor, **context) -> int:
    url = f"{settings.SITE_URL}"
    count = 0
    for contact in _recipients(report.project):
        mail_queue(
            to=contact.email,
            template=template,
            language=contact.language,
            actor=actor,
            context={
                "name": contact.first_name,
                "project": report.project,
                "deadline": report.deadline,
                "due_date": report.deadline.due_date,
                "comment": report.review_comment,
                "report_url": f"{url}/{contact.language}/projects/my/reports/{report.pk}/",
                **context,
            },
        )
        count += 1
    return count


def _report_refused(old: str, new: str) -> ProjectError:
    return ProjectError(
        gettext("The report cannot change from “%(old)s” to “%(new)s”.")
        % {"old": ReportStatus(old).label, "new": ReportStatus(new).label},
        code="transition",
    )


def _move(*, report: Report, actor, new: str, action: str, **changes) -> Report:
    old_status = transition_apply(report, new, transitions=ALLOWED_TRANSITIONS, refuse=_report_refused)
    for name, value in changes.items():
        setattr(report, name, value)
    report.save()
    audit_log(
        action=action,
        actor=actor,
        obj=report,
        old={"status": old_status},
        new={"status": new, **{k: v for k, v in changes.items() if k.endswith("comment")}},
    )
    return report


@transaction.atomic
def report_submit(*, report: Report, actor) -> Report:
    """The project contact submits the report to the coordinators."""
    report = lock_row(report, related=REPORT_RELATED)
    _check_contact(actor, report.project)
    if report.status not in EDITABLE_STATES:
        raise ProjectError(gettext("The report has already been submitted."), code="transition")
    missing = report_missing(report)
    if missing:
        raise ProjectError(
            gettext("The report is not complete. Missing: %(items)s.") % {"items": ", ".join(missing)},
            code="incomplete",
        )
    _check_funding(report)
    return _move(
        report=report,
        actor=actor,
        new=ReportStatus.SUBMITTED,
        action=AuditAction.REPORT_SUBMIT,
        submitted_at=timezone.now(),
        submitted_by=actor,
    )


@transaction.atomic
def report_return(*, report: Report, actor, comment: str) -> Report:
    """A coordinator returns a submitted report to the project with comments on what to fix."""
    _check_coordinator(actor, "projects.change_report")
    report = lock_row(report, related=REPORT_RELATED)
    comment = (comment or "").strip()
    if not comment:
        raise ProjectError(gettext("Write what the project should fix."), code="comment")
    report = _move(
        report=report,
        actor=actor,
        new=ReportStatus.RETURNED,
        action=AuditAction.REPORT_RETURN,
        review_comment=comment,
        reviewed_at=timezone.now(),
        reviewed_by=actor,
    )
    _mail_contacts(report, template="projects_report_returned", actor=actor)
    return report


@transaction.atomic
def report_accept(*, report: Report, actor, comment: str = "") -> Report:
    """A coordinator accepts a submitted report."""
    _check_coordinator(actor, "projects.change_report")
    report = lock_row(report, related=REPORT_RELATED)
    report = _move(
        report=report,
        actor=actor,
        new=ReportStatus.ACCEPTED,
        action=AuditAction.REPORT_ACCEPT,
        review_comment=(comment or "").strip(),
        reviewed_at=timezone.now(),
        reviewed_by=actor,
    )
    _mail_contacts(report, template="projects_report_accepted", actor=actor)
    return report


# --- Reminders -----------------------------------------------------------------------------------


def report_send_reminders(*, now: datetime | None = None) -> dict[str, int]:
    """Remind the projects of reports due soon (the deadline's days before) and of late ones; each once."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    open_reports = Report.objects.filter(status__in=EDITABLE_STATES)
    soon = [
        pk
        for pk, due, days in open_reports.filter(
            reminder_sent_at__isnull=True,
            deadline__due_date__gte=today,
            deadline__due_date__lte=today + timedelta(days=60),
        ).values_list("pk", "deadline__due_date", "deadline__reminder_days")
        if due - timedelta(days=days) <= today
    ]
    late = list(
        open_reports.filter(late_reminder_sent_at__isnull=True, deadline__due_date__lt=today).values_list(
            "pk", flat=True
        )
    )
    return {
        "before": sum(_remind(pk, stamp="reminder_sent_at", late=False, now=now) for pk in soon),
        "late": sum(_remind(pk, stamp="late_reminder_sent_at", late=True, now=now) for pk in late),
    }


@transaction.atomic
def _remind(pk: int, *, stamp: str, late: bool, now: datetime) -> int:
    report = (
        Report.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("project__application__organisation", "deadline")
        .filter(pk=pk, status__in=EDITABLE_STATES, **{f"{stamp}__isnull": True})
        .first()
    )
    if report is None:
        return 0
    sent = _mail_contacts(report, template="projects_report_reminder", actor=None, late=late)
    setattr(report, stamp, now)
    report.save(update_fields=[stamp])
    audit_log(
        action=AuditAction.REPORT_REMIND,
        actor=None,
        obj=report,
        new={"late": late, "recipients": sent, "due_date": report.deadline.due_date},
    )
    return 1
