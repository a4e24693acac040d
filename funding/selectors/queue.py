"""The reviewer's queue: my review status per application, my progress per call, and what comes next.

"To review" is an assigned application without a review of mine; "draft" has my unsaved-to-the-
group draft; "submitted" is done. The queue lists "to review" first, then drafts, then submitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from funding.enums import REVIEWING_STATES, ReviewStatus
from funding.models import Application, FundingCall, Review, ReviewAssignment

TO_REVIEW = "to_review"
#: The reviewer's own status of an application, as the filter and the column name it.
MY_STATUS_CHOICES = [
    (TO_REVIEW, _("To review")),
    (ReviewStatus.DRAFT, _("Draft")),
    (ReviewStatus.SUBMITTED, _("Submitted")),
]
MY_STATUS_ORDER = {TO_REVIEW: 0, ReviewStatus.DRAFT: 1, ReviewStatus.SUBMITTED: 2}


def my_review_status(user):
    """An expression: the user's own review status of the application (``TO_REVIEW`` without one)."""
    own = Review.objects.filter(application=OuterRef("pk"), reviewer=user).values("status")[:1]
    return Coalesce(Subquery(own, output_field=CharField()), Value(TO_REVIEW))


def my_review_order(user):
    """An expression to order by: 0 to review, 1 draft, 2 submitted."""
    own = Review.objects.filter(application=OuterRef("pk"), reviewer=user)
    return Case(
        When(Exists(own.filter(status=ReviewStatus.SUBMITTED)), then=Value(2)),
        When(Exists(own), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def with_my_review(queryset: QuerySet[Application], user) -> QuerySet[Application]:
    """Annotate ``my_review_status`` and ``my_review_order`` (0 to review, 1 draft, 2 submitted)."""
    return queryset.annotate(my_review_status=my_review_status(user), my_review_order=my_review_order(user))


@dataclass
class CallProgress:
    call: FundingCall
    assigned: int
    submitted: int
    drafts: int
    now: datetime

    @property
    def to_review(self) -> int:
        return self.assigned - self.submitted - self.drafts

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.assigned) if self.assigned else 0

    @property
    def deadline(self) -> datetime | None:
        return self.call.review_deadline

    @property
    def days_left(self) -> int | None:
        """Whole days until the deadline's date (0 on the day itself, negative once it has passed)."""
        if self.deadline is None:
            return None
        today = timezone.localdate(self.now)
        return (timezone.localdate(self.deadline) - today).days

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline < self.now


def reviewer_progress(user, *, now=None) -> list[CallProgress]:
    """Per call with applications assigned to ``user`` (conflicts left out): how many are done.

    Three queries whatever the number of calls and applications."""
    now = now or timezone.now()
    assigned = dict(
        ReviewAssignment.objects.filter(reviewer=user)
        .exclude(application__conflicts__reviewer=user)
        .values("application__call")
        .annotate(count=Count("id"))
        .values_list("application__call", "count")
    )
    counts = {
        row["application__call"]: row
        for row in Review.objects.filter(reviewer=user, application__assignments__reviewer=user)
        .exclude(application__conflicts__reviewer=user)
        .values("application__call")
        .annotate(
            submitted=Count("id", filter=Q(status=ReviewStatus.SUBMITTED)),
            drafts=Count("id", filter=Q(status=ReviewStatus.DRAFT)),
        )
    }
    calls = FundingCall.objects.filter(pk__in=assigned).order_by("-opens_at", "-id")
    return [
        CallProgress(
            call=call,
            assigned=assigned[call.pk],
            submitted=counts.get(call.pk, {}).get("submitted", 0),
            drafts=counts.get(call.pk, {}).get("drafts", 0),
            now=now,
        )
        for call in calls
    ]


def next_to_review(user, *, after: Application, queryset: QuerySet[Application]) -> Application | None:
    """The application to open after ``after``: the next one of the same call still to review or in
    draft, in the queue's order (to review first, then by name), wrapping round to the start; None
    when nothing is left."""
    candidates = (
        with_my_review(queryset, user)
        .filter(call_id=after.call_id, assignments__reviewer=user, status__in=REVIEWING_STATES)
        .exclude(pk=after.pk)
        .exclude(conflicts__reviewer=user)
        .exclude(my_review_status=ReviewStatus.SUBMITTED)
        .order_by("my_review_order", "project_name", "pk")
    )
    own = Review.objects.filter(application=after, reviewer=user).values_list("status", flat=True).first()
    order = MY_STATUS_ORDER[own or TO_REVIEW]
    name = after.project_name
    later = candidates.filter(
        Q(my_review_order__gt=order)
        | Q(my_review_order=order, project_name__gt=name)
        | Q(my_review_order=order, project_name=name, pk__gt=after.pk)
    )
    return later.first() or candidates.first()
