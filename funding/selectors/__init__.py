"""Reads of the funding app: the current call, eligibility, and applications a person may see."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Min, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from funding.enums import ApplicationStatus, CallStatus
from funding.formatting import share_percent
from funding.models import Application, BudgetLine, FundingCall, InformationRequest, Partner
from members.selectors import member_organisations_for_contact, organisations_for_contact

if TYPE_CHECKING:
    from members.selectors import Organisation


def published_calls() -> QuerySet[FundingCall]:
    return FundingCall.objects.filter(published=True)


def call_current(*, now=None) -> FundingCall | None:
    """The call open now (the one closing first), else the next to open, else the latest closed."""
    now = now or timezone.now()
    calls = published_calls()
    return (
        calls.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at", "id").first()
        or calls.filter(opens_at__gt=now).order_by("opens_at", "id").first()
        or calls.filter(closes_at__lte=now).order_by("-closes_at", "-id").first()
    )


def call_next_change(*, now=None):
    """The next moment a published call opens or closes (None: none ahead), when pages showing the
    current call and its status change by themselves."""
    now = now or timezone.now()
    moments = published_calls().aggregate(
        opens=Min("opens_at", filter=Q(opens_at__gt=now)),
        closes=Min("closes_at", filter=Q(closes_at__gt=now)),
    )
    return min((m for m in moments.values() if m is not None), default=None)


def call_get(*, slug: str) -> FundingCall | None:
    return published_calls().filter(slug=slug).first()


def call_page_data(call: FundingCall) -> dict:
    """Everything the call page shows, in a fixed number of queries."""
    return {
        "documents": list(call.documents.all()),
        "questions": list(call.questions.all()),
        "eligible_organisations": list(call.eligible_organisations.order_by("type", "name")),
    }


@dataclass(frozen=True)
class CallStatusInfo:
    status: str
    opens_at: object
    closes_at: object
    remaining: object  # timedelta until the next change, or None when closed


def call_status(call: FundingCall, *, now=None) -> CallStatusInfo:
    now = now or timezone.now()
    status = call.status(now)
    remaining = None
    if status == CallStatus.UPCOMING:
        remaining = call.opens_at - now
    elif status == CallStatus.OPEN:
        remaining = call.closes_at - now
    return CallStatusInfo(
        status=status, opens_at=call.opens_at, closes_at=call.closes_at, remaining=remaining
    )


def funding_call_status(*, now=None) -> tuple[FundingCall, CallStatusInfo] | None:
    """For the front page: the current call and its status (one query)."""
    call = call_current(now=now)
    return (call, call_status(call, now=now)) if call else None


# --- Who may apply -------------------------------------------------------------------------------


def contact_organisations(*, user) -> QuerySet[Organisation]:
    """Member organisations the person is a contact person of."""
    return member_organisations_for_contact(user=user)


def eligible_organisations_for(*, user, call: FundingCall) -> QuerySet[Organisation]:
    """The organisations for which the person may start an application to ``call``."""
    return contact_organisations(user=user).filter(funding_calls=call).order_by("name")


# --- Applications --------------------------------------------------------------------------------


def applications_for_user(*, user) -> QuerySet[Application]:
    """Applications of every organisation the person is a contact person of, with their totals."""
    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    organisation_ids = organisations_for_contact(user=user).values("pk")
    return (
        Application.objects.filter(organisation__in=organisation_ids)
        .select_related("call", "organisation")
        .annotate(total_cost=Sum("budget_lines__amount"))
        .order_by("-updated_at", "-id")
    )


def application_get_for_user(*, user, pk) -> Application | None:
    """The application ``pk`` if the person is a contact person of its organisation, else None."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if not getattr(user, "is_authenticated", False):
        return None
    # A subquery, not a join through the contact persons: the join needed DISTINCT, which made
    # PostgreSQL compare every long text of the application and its call (the page's slowest query).
    return (
        Application.objects.filter(
            pk=pk, organisation__in=organisations_for_contact(user=user).order_by().values("pk")
        )
        .select_related("call", "organisation", "updated_by", "submitted_by")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.order_by("order", "id")),
            Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("order", "id")),
            "attachments",
        )
        .first()
    )


@dataclass(frozen=True)
class Totals:
    total_cost: Decimal
    requested: Decimal | None
    share: Decimal | None
    own_funding: Decimal | None
    by_year: list[tuple[int, Decimal]]
    by_category: list[tuple[str, str, Decimal]]


def application_totals(application: Application, lines=None) -> Totals:
    """Total costs, requested funding and its share, computed here on the server from the budget lines."""
    from funding.enums import BudgetCategory

    lines = list(application.budget_lines.all()) if lines is None else list(lines)
    total = sum((line.amount for line in lines), Decimal("0.00"))
    by_year: dict[int, Decimal] = {}
    by_category: dict[str, Decimal] = {}
    for line in lines:
        by_year[line.year] = by_year.get(line.year, Decimal("0.00")) + line.amount
        by_category[line.category] = by_category.get(line.category, Decimal("0.00")) + line.amount
    labels = dict(BudgetCategory.choices)
    requested = application.requested_amount
    return Totals(
        total_cost=total,
        requested=requested,
        share=share_percent(requested, total),
        own_funding=(total - requested) if requested is not None else None,
        by_year=sorted(by_year.items()),
        by_category=[(code, labels[code], by_category[code]) for code in labels if code in by_category],
    )


def application_counts(*, call: FundingCall) -> dict[str, int]:
    rows = call.applications.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def submitted_applications(*, call: FundingCall) -> QuerySet[Application]:
    return call.applications.filter(
        ~Q(status__in=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN])
    ).select_related("organisation")


def funded_projects_public(*, now=None) -> QuerySet[Application]:
    """Funded applications of calls whose decisions have been announced: the public list of funded projects.

    Only a released (confirmed) decision sets FUNDED, and a call's projects become public only once
    its ``decisions_announced_at`` has passed.
    """
    now = now or timezone.now()
    return (
        Application.objects.filter(
            status=ApplicationStatus.FUNDED,
            call__published=True,
            call__decisions_announced_at__isnull=False,
            call__decisions_announced_at__lte=now,
        )
        .select_related("call", "organisation")
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.order_by("order", "id")))
        .order_by("call__opens_at", "project_name", "id")
    )


def submitted_totals_by(group_by: str) -> list[dict]:
    """Submitted applications per value of ``group_by`` (ordered by it): ``applications``,
    ``requested`` and ``granted`` (funded ones only); sums are None where nothing was given."""
    return list(
        Application.objects.exclude(status__in=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN])
        .values(group_by)
        .annotate(
            applications=Count("id"),
            requested=Sum("requested_amount"),
            granted=Sum("granted_amount", filter=Q(status=ApplicationStatus.FUNDED)),
        )
        .order_by(group_by)
    )


def application_locked(*, pk: int) -> Application:
    """The application ``pk`` with its call and organisation, locked until the caller's transaction ends."""
    return Application.objects.select_for_update().select_related("call", "organisation").get(pk=pk)


def funded_applications() -> QuerySet[Application]:
    return Application.objects.filter(status=ApplicationStatus.FUNDED)


def budget_lines_of(*, application_id: int) -> QuerySet[BudgetLine]:
    return BudgetLine.objects.filter(application_id=application_id)


def partners_in_order() -> QuerySet[Partner]:
    return Partner.objects.order_by("order", "id")


def information_answers_count(*, since) -> int:
    """Requests for more information that applicants answered since ``since`` (the coordinators'
    digest and the admin index tell them)."""
    return InformationRequest.objects.filter(responded_at__gte=since).count()
