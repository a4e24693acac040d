"""Reads of the steering group's review: what a reviewer may see, the ranking, history, changes.

The ranking arithmetic (documented so it can be checked by hand):
- a review's score is the weighted mean of its scores, Σ(weight × score) / Σ(weight), over the
  criteria it scored; "not applicable" leaves the criterion out of both sums (it never counts as zero);
- an application's score is the plain mean of its submitted reviews' scores (each reviewer counts
  once); reviews of reviewers with a conflict of interest do not count;
- the spread is the highest minus the lowest review score; at or above ``FUNDING_DISAGREEMENT_SPREAD``
  (default 1.5 points) it is flagged as strong disagreement;
- applications with equal scores (to two decimals) share a rank and are flagged as tied; those without
  any submitted review come last, unranked; a tie whose applications fall on both sides of the budget
  line is flagged and warned of (their order by name is not a decision);
- the running total adds up the requested funding in ranking order; the budget line falls after the
  last application whose running total is within the call's budget (its largest total if given).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet

from core.audit import entries_about
from funding.enums import (
    RANKED_STATES,
    REVIEWING_STATES,
    ApplicationStatus,
    ReviewStatus,
    coordinator_moves,
    decision_outcomes,
)
from funding.models import (
    Application,
    ApplicationVersion,
    ConflictOfInterest,
    Criterion,
    FundingCall,
    Review,
    ReviewAssignment,
    Score,
)

CENT = Decimal("0.01")


def sees_everything(user) -> bool:
    """Coordinators and decision-makers see every application and review; reviewers only their own."""
    return user.has_perm("funding.assign_reviewers") or user.has_perm("funding.confirm_decision")


def applications_visible_to(user, queryset: QuerySet[Application] | None = None) -> QuerySet[Application]:
    queryset = Application.objects.all() if queryset is None else queryset
    if sees_everything(user):
        return queryset
    if not user.has_perm("funding.review_application"):
        return queryset.none()
    return queryset.filter(assignments__reviewer=user).exclude(conflicts__reviewer=user)


def may_open_attachments(user, application: Application) -> bool:
    """Coordinators, and reviewers assigned to the application without a conflict of interest."""
    if user.has_perm("funding.assign_reviewers"):
        return True
    return (
        user.has_perm("funding.review_application")
        and ReviewAssignment.objects.filter(application=application, reviewer=user).exists()
        and not is_conflicted(application=application, user=user)
    )


def is_conflicted(*, application: Application, user) -> bool:
    return ConflictOfInterest.objects.filter(application=application, reviewer=user).exists()


def reviews_visible_to(*, application: Application, user) -> list[Review]:
    """The reviews a person may read: a reviewer sees the others' only after submitting their own,
    and a conflicted reviewer sees none."""
    reviews = list(
        Review.objects.filter(application=application)
        .select_related("reviewer")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("submitted_at", "id")
    )
    if sees_everything(user):
        return reviews
    if is_conflicted(application=application, user=user):
        return []
    own = next((r for r in reviews if r.reviewer_id == user.pk), None)
    if own is None or not own.is_submitted:
        return [own] if own is not None else []
    return [r for r in reviews if r.is_submitted or r.reviewer_id == user.pk]


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def review_score(scores, weights: dict[int, Decimal]) -> Decimal | None:
    """Σ(weight × score) / Σ(weight) over the scored criteria (not applicable left out)."""
    total = Decimal(0)
    weight_sum = Decimal(0)
    for score in scores:
        if score.not_applicable or score.value is None or score.criterion_id not in weights:
            continue
        weight = weights[score.criterion_id]
        total += weight * Decimal(score.value)
        weight_sum += weight
    if not weight_sum:
        return None
    return total / weight_sum


@dataclass
class RankingRow:
    application: Application
    score: Decimal | None
    review_scores: list[Decimal]
    reviews: int
    assigned: int
    spread: Decimal | None
    disagreement: bool
    requested: Decimal
    #: The submitted reviews that count (conflicted reviewers' left out).
    counted: list[Review] = field(default_factory=list)
    rank: int | None = None
    tied: bool = False
    #: Tied with an application on the other side of the budget line: the order is not a decision.
    tie_at_budget_line: bool = False
    running_total: Decimal = Decimal(0)
    within_budget: bool = True
    budget_line_after: bool = False


@dataclass
class Ranking:
    call: FundingCall
    rows: list[RankingRow] = field(default_factory=list)
    budget: Decimal | None = None
    requested_total: Decimal = Decimal(0)
    hidden: int = 0
    #: The tied applications that straddle the budget line (the page and the bundle warn of them).
    ties_at_budget_line: list[RankingRow] = field(default_factory=list)


def call_ranking(*, call: FundingCall, viewer) -> Ranking:
    """The eligible applications of a call in ranking order, with the running total against the budget."""
    threshold = Decimal(str(getattr(settings, "FUNDING_DISAGREEMENT_SPREAD", "1.5")))
    weights = {c.pk: c.weight for c in Criterion.objects.filter(call=call)}
    applications = list(
        Application.objects.filter(call=call, status__in=RANKED_STATES)
        .select_related("organisation")
        .annotate(assigned_count=Count("assignments", distinct=True))
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.filter(status=ReviewStatus.SUBMITTED).prefetch_related("scores"),
                to_attr="submitted_reviews",
            ),
            Prefetch("conflicts", queryset=ConflictOfInterest.objects.only("application_id", "reviewer_id")),
        )
        .order_by("project_name", "id")
    )
    everything = sees_everything(viewer)
    rows: list[RankingRow] = []
    hidden = 0
    for application in applications:
        conflicted = {c.reviewer_id for c in application.conflicts.all()}
        counted = [r for r in application.submitted_reviews if r.reviewer_id not in conflicted]
        if not everything and (
            viewer.pk in conflicted
            or not any(r.reviewer_id == viewer.pk for r in application.submitted_reviews)
        ):
            hidden += 1
            continue
        scores = [s for r in counted if (s := review_score(r.scores.all(), weights)) is not None]
        mean = _q(sum(scores, Decimal(0)) / len(scores)) if scores else None
        spread = _q(max(scores) - min(scores)) if len(scores) > 1 else None
        rows.append(
            RankingRow(
                application=application,
                score=mean,
                review_scores=[_q(s) for s in scores],
                reviews=len(scores),
                assigned=application.assigned_count,
                spread=spread,
                disagreement=spread is not None and spread >= threshold,
                requested=application.requested_amount or Decimal(0),
                counted=counted,
            )
        )
    # Highest score first; unscored last; equal scores keep a stable order by name.
    rows.sort(key=lambda row: (row.score is None, -(row.score or 0)))
    budget = call.budget_max if call.budget_max is not None else call.budget_min
    running = Decimal(0)
    rank = 0
    previous: Decimal | None = None
    for index, row in enumerate(rows):
        if row.score is not None:
            if row.score != previous:
                rank = index + 1
            row.rank = rank
            previous = row.score
        running += row.requested
        row.running_total = running
        row.within_budget = budget is None or running <= budget
    for index, row in enumerate(rows):
        same = [other for other in rows if other.score is not None and other.score == row.score]
        row.tied = row.score is not None and len(same) > 1
        following = rows[index + 1] if index + 1 < len(rows) else None
        row.budget_line_after = row.within_budget and following is not None and not following.within_budget
    # A tie is never broken silently: equal scores on both sides of the budget line are flagged.
    for score in {row.score for row in rows if row.tied}:
        group = [row for row in rows if row.score == score]
        if len({row.within_budget for row in group}) > 1:
            for row in group:
                row.tie_at_budget_line = True
    return Ranking(
        call=call,
        rows=rows,
        budget=budget,
        requested_total=running,
        hidden=hidden,
        ties_at_budget_line=[row for row in rows if row.tie_at_budget_line],
    )


def application_history(application: Application):
    """The application's audit trail, newest last: who, when, from, to and the note."""
    return entries_about(application)


def changes_since(*, application: Application, version: int) -> list[tuple[str, object, object]]:
    """What changed in the application after the given version: (field, then, now)."""
    versions = {
        v.number: v.content
        for v in ApplicationVersion.objects.filter(application=application).order_by("number")
    }
    if not versions:
        return []
    older = [n for n in versions if n <= version]
    then = versions[max(older)] if older else {}
    now = versions[max(versions)]
    return [(key, then.get(key), now.get(key)) for key in now if then.get(key) != now.get(key)]


def assignments_for(user) -> QuerySet[ReviewAssignment]:
    return (
        ReviewAssignment.objects.filter(reviewer=user)
        .exclude(application__conflicts__reviewer=user)
        .select_related("application", "application__call", "application__organisation")
    )


def steering_members():
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename="review_application")
            | Q(user_permissions__codename="review_application")
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def review_steps(*, application: Application, user, own_review: Review | None) -> dict[str, bool]:
    """Which of the review's steps this person can take on the application now (the page's links)."""
    assigned = ReviewAssignment.objects.filter(application=application, reviewer=user).exists()
    return {
        "eligibility": user.has_perm("funding.check_eligibility")
        and application.status == ApplicationStatus.SUBMITTED,
        "review": user.has_perm("funding.review_application")
        and application.status in REVIEWING_STATES
        and assigned
        and not (own_review is not None and own_review.is_submitted),
        "conflict": user.has_perm("funding.review_application"),
        "information": user.has_perm("funding.change_application")
        and application.status == ApplicationStatus.UNDER_REVIEW,
        "decision": user.has_perm("funding.record_decision") and bool(decision_outcomes(application.status)),
        "move": user.has_perm("funding.change_application") and bool(coordinator_moves(application.status)),
    }
