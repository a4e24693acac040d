"""Reads of the events app. Lists carry their counts as annotations, so a page's queries stay constant."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, IntegerField, Min, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format

from core.questionnaires import QuestionResult, results_of
from events.enums import AI_MORNING_ATTENDANCE_TARGET, EventType, RegistrationStatus
from events.models import Event, FeedbackAnswer, ProgrammeItem, Registration, Speaker
from events.services import feedback_questions_for
from search.selectors import search_filter


def with_counts(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate registered, waiting and attended counts.

    ``attended_count`` is the event's attendance: the meeting tool's participant count when one was
    imported or typed in (``reported_attendance``), else the registrations marked attended.
    ``attended_registered`` counts the registered people marked attended: the numerator of the
    attendance rate, which therefore never exceeds 100 %."""
    return queryset.annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
        ),
        waiting_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
        attended_marked=Count(
            "registrations",
            filter=Q(registrations__attended=True) & ~Q(registrations__status=RegistrationStatus.CANCELLED),
        ),
        attended_registered=Count(
            "registrations",
            filter=Q(registrations__attended=True) & Q(registrations__status=RegistrationStatus.REGISTERED),
        ),
    ).annotate(
        attended_count=Coalesce("reported_attendance", "attended_marked", output_field=IntegerField()),
    )


def _public() -> QuerySet[Event]:
    return Event.objects.filter(published=True)


def event_list_upcoming(*, now: datetime | None = None, query: str = "") -> QuerySet[Event]:
    now = now or timezone.now()
    events = search_filter(_public().filter(ends_at__gt=now), kind="event", text=query)
    return with_counts(events).order_by("starts_at", "id")


def event_next_end(*, now: datetime | None = None) -> datetime | None:
    """When the first upcoming event ends and leaves the list of upcoming events (None: none ahead)."""
    now = now or timezone.now()
    return _public().filter(ends_at__gt=now).aggregate(first=Min("ends_at"))["first"]


def event_list_past(*, now: datetime | None = None, query: str = "") -> QuerySet[Event]:
    now = now or timezone.now()
    events = search_filter(_public().filter(ends_at__lte=now), kind="event", text=query)
    return events.order_by("-starts_at", "-id")


def event_list_next(*, limit: int = 3, now: datetime | None = None) -> list[Event]:
    """The next events for the front page (one query)."""
    now = now or timezone.now()
    return list(_public().filter(ends_at__gt=now).order_by("starts_at", "id")[:limit])


def event_list_feed() -> QuerySet[Event]:
    return _public().order_by("starts_at", "id")


def _programme() -> Prefetch:
    speakers = Prefetch("speakers", queryset=Speaker.objects.order_by("order", "id"))
    return Prefetch(
        "programme",
        queryset=ProgrammeItem.objects.order_by("starts_at", "order", "id").prefetch_related(speakers),
    )


def event_list_feed_with_programme() -> QuerySet[Event]:
    """The published events with their programme and speakers prefetched (the open data's detail)."""
    return event_list_feed().prefetch_related(_programme())


def event_get_public(*, slug: str) -> Event | None:
    return with_counts(_public().filter(slug=slug)).prefetch_related(_programme()).first()


def event_get_for_registration(*, slug: str, places: bool = True) -> Event | None:
    """The published event of the registration form: with its registered count for the places left
    (``places``), else the row alone – what a POST needs (the service counts under the lock)."""
    events = _public().filter(slug=slug)
    if places:
        events = events.annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
            )
        )
    return events.first()


def registration_get(*, token: str) -> Registration | None:
    if not token or len(token) > 64:
        return None
    return Registration.objects.select_related("event").filter(token=token).first()


def attendance_rate(*, registered: int, attended: int | None) -> Decimal | None:
    """Registered people who attended, as a percentage of the registered (one decimal); None when
    nobody registered. ``attended`` must count registered people only (``attended_registered``);
    a larger number is capped rather than printed as a rate above 100 %."""
    if not registered or attended is None:
        return None
    share = Decimal(100 * min(attended, registered)) / registered
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def attended_without_registering(event: Event) -> int | None:
    """Participants the meeting tool counted beyond the registrations marked attended (people who joined
    without registering, or whose address did not match); None when no participant count was reported."""
    if event.reported_attendance is None:
        return None
    return max(event.reported_attendance - event.attended_marked, 0)


def format_rate(rate: Decimal | None) -> str:
    """A rate in the active language's number format: "87,5 %" in Finnish and Swedish, "87.5 %" in English."""
    if rate is None:
        return "–"
    return f"{number_format(rate, decimal_pos=1, use_l10n=True)}\u00a0%"


@dataclass(frozen=True)
class EventAttendanceFigures:
    """What the admin's event pages show about attendance."""

    attended: int | None
    rate: Decimal | None
    unregistered: int | None

    @property
    def rate_text(self) -> str:
        return format_rate(self.rate)


def attendance_figures(event: Event) -> EventAttendanceFigures:
    """The attendance, the rate among the registered and those who joined without registering, of an event
    annotated by ``with_counts``."""
    return EventAttendanceFigures(
        attended=event.attended_count,
        rate=attendance_rate(registered=event.registered_count, attended=event.attended_registered),
        unregistered=attended_without_registering(event),
    )


@dataclass
class AttendanceKpi:
    events: int
    average: float | None
    target: int = AI_MORNING_ATTENDANCE_TARGET

    @property
    def reached(self) -> bool:
        return self.average is not None and self.average >= self.target


def ai_morning_average_attendance(
    *, since: datetime | None = None, until: datetime | None = None
) -> AttendanceKpi:
    """The KPI: average participants of the AI mornings held (target 250+).

    An event counts the meeting tool's reported total when it has one, otherwise the registrations
    marked attended; AI mornings without any attendance recorded are left out."""
    until = until or timezone.now()
    queryset = Event.objects.filter(type=EventType.AI_MORNING, published=True, ends_at__lte=until)
    if since is not None:
        queryset = queryset.filter(starts_at__gte=since)
    queryset = with_counts(queryset).filter(attended_count__gt=0)
    result = queryset.aggregate(events=Count("id"), average=Avg("attended_count"))
    average = result["average"]
    return AttendanceKpi(
        events=result["events"], average=round(float(average), 1) if average is not None else None
    )


def feedback_results(*, event: Event) -> list[QuestionResult]:
    """Per question: answers, average and distribution over 1–5 for scales; the texts for free text."""
    answers = FeedbackAnswer.objects.filter(response__event=event)
    return results_of(feedback_questions_for(event), answers).questions


EXPORT_HEADER = [
    "name",
    "email",
    "organisation",
    "language",
    "status",
    "registered",
    "attended",
    "promoted",
    "cancelled",
]


def registration_export_rows(*, event: Event) -> Iterator[list[str]]:
    yield list(EXPORT_HEADER)
    rows = Registration.objects.filter(event=event).order_by("created_at", "id")
    for r in rows.iterator(chunk_size=1000):
        yield [
            r.name,
            r.email,
            r.organisation,
            r.language,
            r.status,
            timezone.localtime(r.created_at).isoformat(timespec="seconds"),
            "1" if r.attended else "0",
            timezone.localtime(r.promoted_at).isoformat(timespec="seconds") if r.promoted_at else "",
            timezone.localtime(r.cancelled_at).isoformat(timespec="seconds") if r.cancelled_at else "",
        ]


def attended_events(*, type: str, since: datetime, now: datetime) -> list[Event]:
    """Published events of ``type`` held between ``since`` and ``now`` with attendance recorded,
    oldest first, annotated as ``with_counts`` (one query)."""
    queryset = with_counts(
        Event.objects.filter(type=type, published=True, ends_at__lte=now, starts_at__gte=since)
    ).filter(attended_count__gt=0)
    return list(queryset.order_by("starts_at", "id"))
