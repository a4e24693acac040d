"""Reads of the dashboard: every measure, its history and its target, in a fixed number of queries.

History comes from the other apps' own fields:

- Member organisations: an organisation is a member from ``member_since`` until it resigned. The
  resignation time is ``status_changed_at`` of a resigned organisation; when a resigned organisation
  has applied again (status pending or rejected, ``member_since`` kept), its resignation time comes
  from the audit entry ``members.organisation.resigned`` (or, without one, the later change).
  An organisation approved again has a new ``member_since``: its earlier membership period is not
  kept anywhere and is not counted.
- Newsletter subscribers: a subscription runs from ``confirmed_at`` until ``ended_at``.
- AI mornings: the meeting tool's reported total, otherwise the registrations marked attended
  (``events.selectors.with_counts``); published AI mornings already held, with attendance recorded.
- Satisfaction: per survey round, the average of all scores given to scale questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import CharField, Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext

from core.models import AuditEntry
from events.enums import EventType
from events.models import Event
from events.selectors import with_counts
from funding.enums import ApplicationStatus
from funding.enums import UseCase as FundingUseCase
from funding.models import Application
from kpi.enums import Measure
from kpi.models import Target
from members.enums import MembershipStatus
from members.models import Organisation, WelfareRegion
from network.enums import ImplementationStatus, Stage
from network.models import Implementation
from newsletter.enums import SubscriberStatus
from newsletter.models import Subscriber
from surveys.selectors import RoundAverage, satisfaction_by_round

HISTORY_MONTHS = 24
NOT_SUBMITTED = (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)
TWO = Decimal("0.01")


def end_of_day(day: date) -> datetime:
    """Midnight after ``day`` in the site's time zone: a count "on a day" is the count at its end."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def month_starts(*, today: date, months: int = HISTORY_MONTHS) -> list[date]:
    """The first day of each of the last ``months`` months, the current one included."""
    year, month = today.year, today.month
    days = []
    for _ in range(months):
        days.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return sorted(days)


def history_days(*, today: date, months: int = HISTORY_MONTHS) -> list[date]:
    days = month_starts(today=today, months=months)
    return days if days[-1] == today else [*days, today]


# --- Targets ---------------------------------------------------------------------------------


def targets_on(day: date) -> dict[str, Decimal]:
    """The target of each measure valid on ``day`` (or else the latest one that has started)."""
    rows = Target.objects.filter(valid_from__lte=day).order_by("measure", "-valid_from", "-id")
    latest: dict[str, Decimal] = {}
    valid: dict[str, Decimal] = {}
    for target in rows:
        latest.setdefault(target.measure, target.value)
        if target.valid_to is None or target.valid_to >= day:
            valid.setdefault(target.measure, target.value)
    return {**latest, **valid}


# --- Member organisations --------------------------------------------------------------------


def membership_periods() -> list[tuple[datetime, datetime | None]]:
    """(start, end) of every organisation's latest membership period; end None: still a member."""
    resigned = AuditEntry.objects.filter(
        action="members.organisation.resigned",
        object_type="members.organisation",
        object_id=Cast(OuterRef("pk"), CharField()),
    ).order_by("-created_at", "-id")
    rows = (
        Organisation.objects.filter(Q(status=MembershipStatus.MEMBER) | Q(member_since__isnull=False))
        .annotate(resigned_at=Subquery(resigned.values("created_at")[:1]))
        .values_list("status", "member_since", "status_changed_at", "created_at", "resigned_at")
    )
    periods: list[tuple[datetime, datetime | None]] = []
    for status, member_since, changed, created, resigned_at in rows:
        if status == MembershipStatus.MEMBER:
            periods.append((member_since or changed or created, None))
        elif status == MembershipStatus.RESIGNED:
            periods.append((member_since, changed or resigned_at or member_since))
        elif resigned_at is not None and resigned_at >= member_since:
            periods.append((member_since, resigned_at))
        else:
            periods.append((member_since, changed or member_since))
    return periods


def count_on(periods: list[tuple[datetime, datetime | None]], day: date) -> int:
    moment = end_of_day(day)
    return sum(1 for start, end in periods if start < moment and (end is None or end >= moment))


def member_count_on(day: date) -> int:
    return count_on(membership_periods(), day)


# --- Newsletter subscribers ------------------------------------------------------------------


def subscription_periods() -> list[tuple[datetime, datetime | None]]:
    rows = Subscriber.objects.filter(confirmed_at__isnull=False).values_list("confirmed_at", "ended_at")
    return [(start, end) for start, end in rows]


def subscriber_count_now() -> int:
    return Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).count()


# --- AI mornings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EventAttendance:
    day: date
    title: str
    attended: int


def ai_mornings(*, since: date, now: datetime) -> list[EventAttendance]:
    """Published AI mornings held from ``since`` on, with attendance recorded (one query)."""
    queryset = with_counts(
        Event.objects.filter(
            type=EventType.AI_MORNING,
            published=True,
            ends_at__lte=now,
            starts_at__gte=timezone.make_aware(datetime.combine(since, time.min)),
        )
    ).filter(attended_count__gt=0)
    return [
        EventAttendance(
            day=timezone.localdate(event.starts_at), title=event.title, attended=event.attended_count
        )
        for event in queryset.order_by("starts_at", "id")
    ]


def average(values: list[int] | list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(TWO, rounding=ROUND_HALF_UP)


# --- Funding and the situational picture -----------------------------------------------------


@dataclass(frozen=True)
class FundingRow:
    label: str
    applications: int
    requested: Decimal
    granted: Decimal


def _region_names() -> dict[int | None, str]:
    names = {region.pk: region.name for region in WelfareRegion.objects.order_by("order", "code")}
    names[None] = gettext("No welfare region")
    return names


def _funding_rows(group_by: str) -> list[dict]:
    return list(
        Application.objects.exclude(status__in=NOT_SUBMITTED)
        .values(group_by)
        .annotate(
            applications=Count("id"),
            requested=Sum("requested_amount"),
            granted=Sum("granted_amount", filter=Q(status=ApplicationStatus.FUNDED)),
        )
        .order_by(group_by)
    )


def funding_by_use_case() -> list[FundingRow]:
    labels = dict(FundingUseCase.choices)
    order = list(labels)
    rows = _funding_rows("use_case")
    rows.sort(key=lambda r: order.index(r["use_case"]) if r["use_case"] in labels else len(order))
    return [
        FundingRow(
            label=str(labels.get(r["use_case"], gettext("Use case not given"))),
            applications=r["applications"],
            requested=r["requested"] or Decimal(0),
            granted=r["granted"] or Decimal(0),
        )
        for r in rows
    ]


def funding_by_region(region_names: dict[int | None, str]) -> list[FundingRow]:
    order = list(region_names)
    rows = _funding_rows("organisation__region")
    rows.sort(key=lambda r: order.index(r["organisation__region"]))
    return [
        FundingRow(
            label=region_names[r["organisation__region"]],
            applications=r["applications"],
            requested=r["requested"] or Decimal(0),
            granted=r["granted"] or Decimal(0),
        )
        for r in rows
    ]


def implementations_by_stage() -> list[tuple[str, int]]:
    counts = dict(
        Implementation.objects.filter(status=ImplementationStatus.PUBLISHED)
        .order_by()
        .values("stage")
        .annotate(n=Count("id"))
        .values_list("stage", "n")
    )
    return [(str(label), counts.get(value, 0)) for value, label in Stage.choices]


def implementations_by_region(region_names: dict[int | None, str]) -> list[tuple[str, int]]:
    counts = dict(
        Implementation.objects.filter(status=ImplementationStatus.PUBLISHED)
        .order_by()
        .values("region")
        .annotate(n=Count("id"))
        .values_list("region", "n")
    )
    return [(name, counts[pk]) for pk, name in region_names.items() if counts.get(pk)]


# --- Everything the dashboard shows ----------------------------------------------------------


@dataclass
class Dashboard:
    today: date
    targets: dict[str, Decimal]
    members_now: int
    members_history: list[tuple[date, int]]
    subscribers_now: int
    subscribers_history: list[tuple[date, int]]
    ai_mornings: list[EventAttendance]
    ai_morning_period_start: date
    ai_morning_average: Decimal | None
    ai_mornings_in_period: int
    satisfaction: list[RoundAverage]
    funding_by_use_case: list[FundingRow] = field(default_factory=list)
    funding_by_region: list[FundingRow] = field(default_factory=list)
    implementations_by_stage: list[tuple[str, int]] = field(default_factory=list)
    implementations_by_region: list[tuple[str, int]] = field(default_factory=list)

    @property
    def satisfaction_latest(self) -> RoundAverage | None:
        return self.satisfaction[-1] if self.satisfaction else None

    def target(self, measure: str) -> Decimal | None:
        return self.targets.get(measure)


def dashboard(*, today: date | None = None, now: datetime | None = None) -> Dashboard:
    """All the dashboard's figures (a fixed number of queries whatever the amount of data)."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    days = history_days(today=today)
    members = membership_periods()
    subscriptions = subscription_periods()
    history_start = days[0]
    period_start = date(today.year, 1, 1)
    mornings = ai_mornings(since=min(history_start, period_start), now=now)
    in_period = [m.attended for m in mornings if m.day >= period_start]
    regions = _region_names()
    return Dashboard(
        today=today,
        targets=targets_on(today),
        members_now=count_on(members, today),
        members_history=[(day, count_on(members, day)) for day in days],
        subscribers_now=subscriber_count_now(),
        subscribers_history=[(day, count_on(subscriptions, day)) for day in days],
        ai_mornings=mornings,
        ai_morning_period_start=period_start,
        ai_morning_average=average(in_period),
        ai_mornings_in_period=len(in_period),
        satisfaction=satisfaction_by_round(),
        funding_by_use_case=funding_by_use_case(),
        funding_by_region=funding_by_region(regions),
        implementations_by_stage=implementations_by_stage(),
        implementations_by_region=implementations_by_region(regions),
    )


__all__ = ["Dashboard", "Measure", "dashboard", "member_count_on", "targets_on"]
