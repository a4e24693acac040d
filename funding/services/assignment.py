"""Eligibility and reviewers: a coordinator checks an application and assigns the steering group's members."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from core.audit import audit_log
from core.locks import lock_row
from funding.enums import AuditAction, ReviewStatus
from funding.models import Application, ConflictOfInterest, Review, ReviewAssignment
from funding.services import FundingError
from funding.services.conflicts import reviewer_organisation_conflict
from funding.services.moves import REVIEWABLE, S, _move, _require

# --- Eligibility ------------------------------------------------------------------------------------


def application_check_eligibility(
    *, application: Application, actor, eligible: bool, reason: str = ""
) -> Application:
    """A coordinator records whether a submitted application meets the call's rules."""
    _require(actor, "funding.check_eligibility")
    reason = (reason or "").strip()
    if not eligible and not reason:
        raise FundingError(gettext("Give the reason why the application is not eligible."), code="reason")
    with transaction.atomic():
        locked = lock_row(application, related=("call", "organisation"))
        new = S.ELIGIBLE if eligible else S.INELIGIBLE
        if locked.status == new and locked.eligibility_note == reason:
            return locked
        _move(locked, new, actor=actor, note=reason, extra={"eligibility_note": reason})
    return locked


# --- Reviewers ------------------------------------------------------------------------------------


@dataclass
class AssignResult:
    assigned: list[ReviewAssignment] = field(default_factory=list)
    already: int = 0
    conflicted: list[tuple[Application, Any]] = field(default_factory=list)


def reviewer_assign(*, applications: Iterable[Application], reviewers: Sequence, actor) -> AssignResult:
    """Coordinators assign steering-group members to applications, one or many at once.

    A reviewer whose organisation is the lead applicant or a partner is not assigned: the conflict is
    recorded instead. An eligible application goes into review with its first reviewer.
    """
    _require(actor, "funding.assign_reviewers")
    for reviewer in reviewers:
        if not reviewer.is_active or not reviewer.has_perm("funding.review_application"):
            raise FundingError(
                gettext("%(person)s is not a member of the steering group.") % {"person": reviewer},
                code="not_reviewer",
            )
    result = AssignResult()
    with transaction.atomic():
        for application in applications:
            locked = lock_row(application, related=("call", "organisation"))
            if locked.status not in REVIEWABLE:
                raise FundingError(
                    gettext(
                        "Reviewers can be assigned only to eligible applications; “%(name)s” is “%(status)s”."
                    )
                    % {"name": locked, "status": locked.get_status_display()},
                    code="state",
                )
            conflicted = set(
                ConflictOfInterest.objects.filter(application=locked).values_list("reviewer_id", flat=True)
            )
            existing = set(
                ReviewAssignment.objects.filter(application=locked).values_list("reviewer_id", flat=True)
            )
            for reviewer in reviewers:
                if reviewer.pk in existing:
                    result.already += 1
                    continue
                if reviewer.pk in conflicted:
                    result.conflicted.append((locked, reviewer))
                    continue
                reason = reviewer_organisation_conflict(application=locked, reviewer=reviewer)
                if reason:
                    conflict = ConflictOfInterest.objects.create(
                        application=locked, reviewer=reviewer, reason=reason, automatic=True
                    )
                    audit_log(
                        action=AuditAction.CONFLICT_FOUND,
                        actor=actor,
                        obj=conflict,
                        new={"application": locked.pk, "reviewer": reviewer.pk, "reason": reason},
                    )
                    result.conflicted.append((locked, reviewer))
                    continue
                assignment = ReviewAssignment.objects.create(
                    application=locked, reviewer=reviewer, assigned_by=actor
                )
                audit_log(
                    action=AuditAction.REVIEWER_ASSIGNED,
                    actor=actor,
                    obj=assignment,
                    new={"application": locked.pk, "reviewer": reviewer.pk},
                )
                result.assigned.append(assignment)
                if locked.status == S.ELIGIBLE:
                    _move(locked, S.UNDER_REVIEW, actor=actor)
    return result


def reviewer_unassign(*, assignment: ReviewAssignment, actor) -> None:
    _require(actor, "funding.assign_reviewers")
    with transaction.atomic(durable=True):
        if Review.objects.filter(
            application_id=assignment.application_id,
            reviewer_id=assignment.reviewer_id,
            status=ReviewStatus.SUBMITTED,
        ).exists():
            raise FundingError(gettext("The reviewer has already submitted a review."), code="reviewed")
        Review.objects.filter(
            application_id=assignment.application_id, reviewer_id=assignment.reviewer_id
        ).delete()
        audit_log(
            action=AuditAction.REVIEWER_UNASSIGNED,
            actor=actor,
            obj=assignment,
            old={"application": assignment.application_id, "reviewer": assignment.reviewer_id},
        )
        assignment.delete()
