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
- Satisfaction: per closed survey round, the average of all scores given to scale questions
  (a round still open is not counted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext

from events.enums import EventType
from events.selectors import attended_events
from funding.enums import UseCase as FundingUseCase
from funding.selectors import information_answers_count, submitted_totals_by
from kpi.enums import Measure
from kpi.models import Target
from members.enums import MembershipStatus
from members.selectors import membership_rows, pending_application_counts, welfare_region_names
from network.enums import Stage
from network.selectors import implementation_counts_by, implementations_awaiting_review_counts
from newsletter.selectors import subscriber_count_now, subscription_periods
from outbox.selectors import failing_mail_counts
from surveys.selectors import RoundAverage, satisfaction_by_round

HISTORY_MONTHS = 24
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
    periods: list[tuple[datetime, datetime | None]] = []
    for status, member_since, changed, created, resigned_at in membership_rows():
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


# --- AI mornings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EventAttendance:
    day: date
    title: str
    attended: int


def ai_mornings(*, since: date, now: datetime) -> list[EventAttendance]:
    """Published AI mornings held from ``since`` on, with attendance recorded (one query)."""
    events = attended_events(
        type=EventType.AI_MORNING, since=timezone.make_aware(datetime.combine(since, time.min)), now=now
    )
    return [
        EventAttendance(
            day=timezone.localdate(event.starts_at), title=event.title, attended=event.attended_count
        )
        for event in events
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
    names: dict[int | None, str] = dict(welfare_region_names())
    names[None] = gettext("No welfare region")
    return names


def funding_by_use_case() -> list[FundingRow]:
    labels = dict(FundingUseCase.choices)
    order = list(labels)
    rows = submitted_totals_by("use_case")
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
    rows = submitted_totals_by("organisation__region")
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
    counts = implementation_counts_by("stage")
    return [(str(label), counts.get(value, 0)) for value, label in Stage.choices]


def implementations_by_region(region_names: dict[int | None, str]) -> list[tuple[str, int]]:
    counts = implementation_counts_by("region")
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


# --- What waits for the coordinators (the admin index and the daily digest) --------------------------

#: How far back the admin index looks for answers and failures.
TASK_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class CoordinatorTasks:
    since: datetime
    applications_waiting: int
    applications_new: int
    implementations_waiting: int
    implementations_new: int
    information_answers: int
    mail_failed: int
    mail_retrying: int

    @property
    def anything(self) -> bool:
        return any(
            (
                self.applications_waiting,
                self.implementations_waiting,
                self.information_answers,
                self.mail_failed,
                self.mail_retrying,
            )
        )


def coordinator_tasks(*, since: datetime) -> CoordinatorTasks:
    """Join applications and AI implementations waiting for a decision (and how many arrived since
    ``since``), answers to information requests and mail that failed since ``since``, and mail now
    waiting for another attempt; a fixed number of queries."""
    applications_waiting, applications_new = pending_application_counts(since=since)
    implementations_waiting, implementations_new = implementations_awaiting_review_counts(since=since)
    failed, retrying = failing_mail_counts(since=since)
    return CoordinatorTasks(
        since=since,
        applications_waiting=applications_waiting,
        applications_new=applications_new,
        implementations_waiting=implementations_waiting,
        implementations_new=implementations_new,
        information_answers=information_answers_count(since=since),
        mail_failed=failed,
        mail_retrying=retrying,
    )


__all__ = ["Dashboard", "Measure", "dashboard", "member_count_on", "targets_on"]
