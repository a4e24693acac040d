"""Choices of the funding app: application states and their transitions, budget categories, commitments."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# The call's use cases are the network's: one list for the call, the applications and the AI implementations.
from network.enums import UseCase  # noqa: F401  (re-exported for the funding app)


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # The steering group's review (issue 6): defined now so that the states and their order are stable.
    UNDER_REVIEW = "under_review", _("Under review")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")
    FUNDED = "funded", _("Funded")
    NOT_FUNDED = "not_funded", _("Not funded")


#: Which status may follow which. Anything not listed is refused.
#: The applicant: draft → submitted, submitted → withdrawn (before the deadline), withdrawn → draft (to
#: edit and submit again before the deadline). The review: submitted → under review → (in)eligible →
#: funded / not funded.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    ApplicationStatus.DRAFT: frozenset({ApplicationStatus.SUBMITTED}),
    ApplicationStatus.SUBMITTED: frozenset(
        {
            ApplicationStatus.WITHDRAWN,
            ApplicationStatus.UNDER_REVIEW,
            ApplicationStatus.ELIGIBLE,
            ApplicationStatus.INELIGIBLE,
        }
    ),
    ApplicationStatus.WITHDRAWN: frozenset({ApplicationStatus.DRAFT}),
    ApplicationStatus.UNDER_REVIEW: frozenset({ApplicationStatus.ELIGIBLE, ApplicationStatus.INELIGIBLE}),
    ApplicationStatus.ELIGIBLE: frozenset({ApplicationStatus.FUNDED, ApplicationStatus.NOT_FUNDED}),
    ApplicationStatus.INELIGIBLE: frozenset(),
    ApplicationStatus.FUNDED: frozenset(),
    ApplicationStatus.NOT_FUNDED: frozenset(),
}

#: The states in which the applicant may change the application.
EDITABLE_STATES = frozenset({ApplicationStatus.DRAFT})


def can_transition(old: str, new: str) -> bool:
    return new in ALLOWED_TRANSITIONS.get(old, frozenset())


class BudgetCategory(models.TextChoices):
    EXTERNAL_TECHNOLOGY = "external_technology", _("External technology")
    EXTERNAL_SERVICES = "external_services", _("External expert services")
    OWN_PERSONNEL = "own_personnel", _("Own personnel")
    OTHER = "other", _("Other costs")


class CallStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open for applications")
    CLOSED = "closed", _("Closed")


#: The four commitments every applicant confirms: (model field, the commitment as shown to the applicant).
COMMITMENTS: list[tuple[str, object]] = [
    (
        "commitment_legislation",
        _(
            "The project reports and describes the needs it identifies to develop legislation to the "
            "Ministry of Social Affairs and Health."
        ),
    ),
    (
        "commitment_sharing",
        _(
            "The project shares information with the ecosystem network and works through open questions "
            "and experiences together with the network as it progresses."
        ),
    ),
    (
        "commitment_evaluation",
        _("The project assesses its impacts and effectiveness following THL's evaluation guidance."),
    ),
    (
        "commitment_responsible_ai",
        _(
            "The project promotes the responsible use of AI based on the requirements of the EU AI Act and "
            "on high-quality data (Article 10 of the AI Act)."
        ),
    ),
]
