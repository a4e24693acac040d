"""Choices of the funding app: application states and their transitions, budget categories, commitments."""

from __future__ import annotations

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _

# The call's use cases are the network's: one list for the call, the applications and the AI implementations.
from network.enums import UseCase  # noqa: F401  (re-exported for the funding app)


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    UNDER_REVIEW = "under_review", _("In review")
    INFO_REQUESTED = "info_requested", _("More information requested")
    CHOSEN = "chosen", _("Chosen for further planning")
    NOT_CHOSEN = "not_chosen", _("Not chosen")
    FURTHER_PLANNING = "further_planning", _("In further planning")
    FUNDED = "funded", _("Funded")
    NOT_FUNDED = "not_funded", _("Not funded")


S = ApplicationStatus

#: Which status may follow which; anything not listed is refused by the services, whoever calls them.
#: The applicant: draft → submitted, submitted → withdrawn (before the deadline), withdrawn → draft (to
#: edit and submit again before the deadline). The review (issue 6): submitted → eligible / not eligible →
#: in review (⇄ more information requested) → chosen / not chosen → further planning → funded / not
#: funded; withdrawn from any open state.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.WITHDRAWN, S.ELIGIBLE, S.INELIGIBLE}),
    S.WITHDRAWN: frozenset({S.DRAFT}),
    S.ELIGIBLE: frozenset({S.UNDER_REVIEW, S.WITHDRAWN}),
    S.INELIGIBLE: frozenset(),
    S.UNDER_REVIEW: frozenset({S.INFO_REQUESTED, S.CHOSEN, S.NOT_CHOSEN, S.WITHDRAWN}),
    S.INFO_REQUESTED: frozenset({S.UNDER_REVIEW, S.WITHDRAWN}),
    S.CHOSEN: frozenset({S.FURTHER_PLANNING, S.WITHDRAWN}),
    S.NOT_CHOSEN: frozenset(),
    S.FURTHER_PLANNING: frozenset({S.FUNDED, S.NOT_FUNDED, S.WITHDRAWN}),
    S.FUNDED: frozenset(),
    S.NOT_FUNDED: frozenset(),
}

#: The ministry's decisions: recorded as pending by the steering group, applied when a decision-maker
#: confirms (releases) them. Each outcome is the status it moves the application to.
DECISION_OUTCOMES = frozenset({S.CHOSEN, S.NOT_CHOSEN, S.FUNDED, S.NOT_FUNDED})

#: Moves that have a step of their own (the applicant's, eligibility, information requests): not free moves.
OWN_STEP_STATES = frozenset({S.DRAFT, S.SUBMITTED, S.ELIGIBLE, S.INELIGIBLE, S.INFO_REQUESTED})

#: States in which an assigned reviewer may write a review.
REVIEWING_STATES = frozenset({S.UNDER_REVIEW, S.INFO_REQUESTED})


def decision_outcomes(status: str) -> list[str]:
    """The decisions that can be recorded for an application in ``status``, in the enum's order."""
    allowed = ALLOWED_TRANSITIONS.get(status, frozenset()) & DECISION_OUTCOMES
    return [value for value in S.values if value in allowed]


def coordinator_moves(status: str) -> list[str]:
    """The moves a coordinator makes directly (further planning, withdrawal), in the enum's order."""
    allowed = ALLOWED_TRANSITIONS.get(status, frozenset()) - DECISION_OUTCOMES - OWN_STEP_STATES
    return [value for value in S.values if value in allowed]


#: The states that count for the ranking: eligible and further on, not decided against.
RANKED_STATES = frozenset(
    {S.ELIGIBLE, S.UNDER_REVIEW, S.INFO_REQUESTED, S.CHOSEN, S.FURTHER_PLANNING, S.FUNDED}
)


class DecisionStatus(models.TextChoices):
    PENDING = "pending", _("Pending confirmation")
    CONFIRMED = "confirmed", _("Confirmed and released")
    CANCELLED = "cancelled", _("Cancelled")


DECISION_TRANSITIONS: dict[str, frozenset[str]] = {
    DecisionStatus.PENDING: frozenset({DecisionStatus.CONFIRMED, DecisionStatus.CANCELLED}),
    DecisionStatus.CONFIRMED: frozenset(),
    DecisionStatus.CANCELLED: frozenset(),
}


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


REVIEW_TRANSITIONS: dict[str, frozenset[str]] = {
    ReviewStatus.DRAFT: frozenset({ReviewStatus.SUBMITTED}),
    ReviewStatus.SUBMITTED: frozenset(),
}


class Recommendation(models.TextChoices):
    FUND = "fund", _("Fund")
    MAYBE = "maybe", _("Maybe")
    DO_NOT_FUND = "do_not_fund", _("Do not fund")


#: The states in which the applicant may change the application.
EDITABLE_STATES = frozenset({ApplicationStatus.DRAFT})


class BudgetCategory(models.TextChoices):
    EXTERNAL_TECHNOLOGY = "external_technology", _("External technology")
    EXTERNAL_SERVICES = "external_services", _("External expert services")
    OWN_PERSONNEL = "own_personnel", _("Own personnel")
    OTHER = "other", _("Other costs")


class CallStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open for applications")
    CLOSED = "closed", _("Closed")


class AuditAction(enum.StrEnum):
    """The audit trail's actions written by this app; the values are stored, never change them."""

    # A review move writes "funding.application.<new status>" (services.moves._move): one per status.
    APPLICATION_CHOSEN = "funding.application.chosen"
    APPLICATION_CREATED = "funding.application.created"
    APPLICATION_DRAFT = "funding.application.draft"
    APPLICATION_ELIGIBLE = "funding.application.eligible"
    APPLICATION_FUNDED = "funding.application.funded"
    APPLICATION_FURTHER_PLANNING = "funding.application.further_planning"
    APPLICATION_INELIGIBLE = "funding.application.ineligible"
    APPLICATION_INFO_REQUESTED = "funding.application.info_requested"
    APPLICATION_NOT_CHOSEN = "funding.application.not_chosen"
    APPLICATION_NOT_FUNDED = "funding.application.not_funded"
    APPLICATION_REOPENED = "funding.application.reopened"
    APPLICATION_SAVED = "funding.application.saved"
    APPLICATION_SUBMITTED = "funding.application.submitted"
    APPLICATION_UNDER_REVIEW = "funding.application.under_review"
    APPLICATION_WITHDRAWN = "funding.application.withdrawn"
    ATTACHMENT_OPENED = "funding.attachment.opened"
    CALL_CRITERIA_ADDED = "funding.call.criteria_added"
    CALL_CRITERIA_CHANGED = "funding.call.criteria_changed"
    CALL_CRITERIA_COPIED = "funding.call.criteria_copied"
    CALL_DECISIONS_ANNOUNCED = "funding.call.decisions_announced"
    CALL_FORM_CHANGED = "funding.call.form_changed"
    CALL_FORM_COPIED = "funding.call.form_copied"
    CONFLICT_DECLARED = "funding.conflict.declared"
    CONFLICT_FOUND = "funding.conflict.found"
    DECISION_CANCELLED = "funding.decision.cancelled"
    DECISION_CONFIRMED = "funding.decision.confirmed"
    DECISION_LETTER_SENT = "funding.decision.letter_sent"
    DECISION_RECORDED = "funding.decision.recorded"
    INFORMATION_FILE_OPENED = "funding.information.file_opened"
    INFORMATION_REMINDED = "funding.information.reminded"
    REVIEW_REMINDED = "funding.review.reminded"
    REVIEW_SAVED = "funding.review.saved"
    REVIEW_SUBMITTED = "funding.review.submitted"
    REVIEWER_ASSIGNED = "funding.reviewer.assigned"
    REVIEWER_UNASSIGNED = "funding.reviewer.unassigned"
