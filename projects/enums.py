"""Choices of the projects app: report kinds and states (with their transitions), milestone progress."""

from __future__ import annotations

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    INTERIM = "interim", _("Interim report")
    FINAL = "final", _("Final report")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    ACCEPTED = "accepted", _("Accepted")


R = ReportStatus

#: Which status may follow which; anything not listed is refused by the services.
#: The project contact submits a draft; a coordinator accepts it or returns it with comments;
#: the contact fixes a returned report and submits it again. An accepted report is final.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    R.DRAFT: frozenset({R.SUBMITTED}),
    R.SUBMITTED: frozenset({R.ACCEPTED, R.RETURNED}),
    R.RETURNED: frozenset({R.SUBMITTED}),
    R.ACCEPTED: frozenset(),
}

#: The states in which the project contact may change the report.
EDITABLE_STATES = frozenset({R.DRAFT, R.RETURNED})

#: The states whose figures count as reported (the ministry's views).
REPORTED_STATES = frozenset({R.SUBMITTED, R.ACCEPTED})


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    DROPPED = "dropped", _("Dropped")


class WiderUse(models.TextChoices):
    READY = "ready", _("Yes, ready for wider national use")
    PARTLY = "partly", _("Partly ready: more work is needed")
    NOT_YET = "not_yet", _("Not ready yet")
    NOT_SUITABLE = "not_suitable", _("Not suitable for wider use")


class AuditAction(enum.StrEnum):
    """The audit trail's actions written by this app; the values are stored, never change them."""

    PROJECT_CREATE = "projects.project.create"
    PROJECT_PUBLISH = "projects.project.publish"
    PROJECT_UNPUBLISH = "projects.project.unpublish"
    PROJECT_UPDATE = "projects.project.update"
    REPORT_ACCEPT = "projects.report.accept"
    REPORT_REMIND = "projects.report.remind"
    REPORT_RETURN = "projects.report.return"
    REPORT_SAVE = "projects.report.save"
    REPORT_SUBMIT = "projects.report.submit"
    REPORT_DEADLINE_CREATE = "projects.report_deadline.create"
    REPORT_DEADLINE_UPDATE = "projects.report_deadline.update"
