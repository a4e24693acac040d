"""Reads of the newsletter: progress of campaigns, the public archive, subscriber counts over time, export."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from newsletter.enums import CampaignState, DeliveryState, SubscriberStatus
from newsletter.models import Campaign, Delivery, Subscriber
from outbox.enums import MailState


@dataclass
class Progress:
    """Where a campaign's sending stands, in delivery records and recipients not yet queued."""

    total: int = 0
    queued: int = 0
    sent: int = 0
    failed: int = 0
    bounced: int = 0
    cancelled: int = 0
    unqueued: int = 0
    counts: dict = field(default_factory=dict)
    #: Queued messages the mail server turned away for now: the outbox tries them again later.
    waiting_retry: int = 0
    #: The mail server's latest answer to a message waiting for retry (what the trouble is).
    last_error: str = ""
    #: Minutes the oldest due message has waited for a worker (0: none waits too long).
    worker_stalled_minutes: int = 0

    @property
    def remaining(self) -> int:
        return self.queued + self.unqueued

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.bounced + self.cancelled


def campaign_recipients(campaign: Campaign) -> QuerySet[Subscriber]:
    """Who a campaign goes to: confirmed subscribers with an address, within its audience (one
    language, the test list). Every count and the queueing itself read this one definition."""
    recipients = Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).exclude(email="")
    if campaign.audience_language:
        recipients = recipients.filter(language=campaign.audience_language)
    if campaign.audience_test_list:
        recipients = recipients.filter(on_test_list=True)
    return recipients


def recipients_by_language(campaign: Campaign) -> dict[str, int]:
    """Recipients of the campaign per subscriber language (every language, zeros included)."""
    counts = dict(
        campaign_recipients(campaign)
        .order_by()
        .values("language")
        .annotate(n=Count("pk"))
        .values_list("language", "n")
    )
    return {code: counts.get(code, 0) for code, _name in settings.LANGUAGES}


def _unqueued_subquery():
    """Recipients beyond the campaign's cursor (the same audience as ``campaign_recipients``): not
    queued yet."""
    return Coalesce(
        Subquery(
            Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED, pk__gt=OuterRef("cursor"))
            .exclude(email="")
            .annotate(
                only_language=ExpressionWrapper(OuterRef("audience_language"), output_field=CharField()),
                only_tests=ExpressionWrapper(OuterRef("audience_test_list"), output_field=BooleanField()),
            )
            .filter(Q(only_language="") | Q(language=F("only_language")))
            .filter(Q(only_tests=False) | Q(on_test_list=True))
            .order_by()
            .values("status")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def campaign_list() -> QuerySet[Campaign]:
    """Campaigns with their delivery counts, in one query (the admin list)."""
    states = {
        f"{state}_count": Count("deliveries", filter=Q(deliveries__state=state))
        for state in DeliveryState.values
    }
    states["waiting_retry_count"] = Count(
        "deliveries",
        filter=Q(deliveries__state=DeliveryState.QUEUED, deliveries__mail__state=MailState.AWAITING_RETRY),
    )
    return (
        Campaign.objects.select_related("created_by")
        .annotate(**states)
        .annotate(unqueued_count=_unqueued_subquery())
    )


def campaign_progress(campaign: Campaign) -> Progress:
    counts = {
        row["state"]: row["n"]
        for row in Delivery.objects.filter(campaign=campaign)
        .order_by()
        .values("state")
        .annotate(n=Count("id"))
    }
    unqueued = 0
    if not campaign.enqueue_done and campaign.state in (
        CampaignState.DRAFT,
        CampaignState.SCHEDULED,
        CampaignState.SENDING,
        CampaignState.PAUSED,
    ):
        unqueued = campaign_recipients(campaign).filter(pk__gt=campaign.cursor).count()
    progress = Progress(
        queued=counts.get(DeliveryState.QUEUED, 0),
        sent=counts.get(DeliveryState.SENT, 0),
        failed=counts.get(DeliveryState.FAILED, 0),
        bounced=counts.get(DeliveryState.BOUNCED, 0),
        cancelled=counts.get(DeliveryState.CANCELLED, 0),
        unqueued=unqueued,
        counts=counts,
    )
    progress.total = sum(counts.values()) + unqueued
    if progress.queued:
        _add_delivery_trouble(campaign, progress)
    return progress


def _add_delivery_trouble(campaign: Campaign, progress: Progress) -> None:
    """What holds the queued messages back: the mail server refusing for now (waiting for retry,
    with its last answer) or no worker taking due messages."""
    pending = Delivery.objects.filter(campaign=campaign, state=DeliveryState.QUEUED)
    trouble = pending.aggregate(
        waiting=Count("pk", filter=Q(mail__state=MailState.AWAITING_RETRY)),
        oldest_due=Min("mail__next_attempt_at", filter=Q(mail__state=MailState.QUEUED)),
    )
    progress.waiting_retry = trouble["waiting"]
    if progress.waiting_retry:
        progress.last_error = (
            pending.filter(mail__state=MailState.AWAITING_RETRY)
            .order_by("-mail__updated_at")
            .values_list("mail__last_error", flat=True)
            .first()
            or ""
        )
    if trouble["oldest_due"] is not None:
        waited = (timezone.now() - trouble["oldest_due"]).total_seconds()
        if waited >= settings.NEWSLETTER_WORKER_ALERT_AFTER:
            progress.worker_stalled_minutes = max(1, int(waited // 60))


def progress_from_annotations(campaign: Campaign) -> Progress:
    """The same figures as ``campaign_progress`` from ``campaign_list``'s annotations (no query)."""
    unqueued = (
        campaign.unqueued_count
        if not campaign.enqueue_done and campaign.state not in (CampaignState.SENT, CampaignState.CANCELLED)
        else 0
    )
    progress = Progress(
        queued=campaign.queued_count,
        sent=campaign.sent_count,
        failed=campaign.failed_count,
        bounced=campaign.bounced_count,
        cancelled=campaign.cancelled_count,
        unqueued=unqueued,
        waiting_retry=campaign.waiting_retry_count,
    )
    progress.total = progress.done + progress.remaining
    return progress


def failed_deliveries(campaign: Campaign) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(campaign=campaign, state__in=[DeliveryState.FAILED, DeliveryState.BOUNCED])
        .select_related("subscriber")
        .order_by("id")
    )


def subscriber_by_token(token: str) -> Subscriber | None:
    """The subscription a self-service link points to; None for a token of the wrong shape."""
    if not 20 <= len(token) <= 64:
        return None
    return Subscriber.objects.filter(token=token).first()


# --- Public archive --------------------------------------------------------------------------------


def archive_list() -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(state=CampaignState.SENT, in_archive=True, finished_at__isnull=False)
        .defer("body", *[f"body_{code}" for code, _name in settings.LANGUAGES])
        .order_by("-finished_at", "-id")
    )


def archive_get(pk: int) -> Campaign | None:
    return Campaign.objects.filter(
        pk=pk, state=CampaignState.SENT, in_archive=True, finished_at__isnull=False
    ).first()


def archive_feed(limit: int = 20) -> list[Campaign]:
    return list(
        Campaign.objects.filter(
            state=CampaignState.SENT, in_archive=True, finished_at__isnull=False
        ).order_by("-finished_at", "-id")[:limit]
    )


# --- Subscriber figures (the KPI dashboard) -----------------------------------------------------------


@dataclass(frozen=True)
class CountPoint:
    day: date
    subscribers: int


@dataclass(frozen=True)
class SubscriberKpi:
    current: int
    target: int
    points: list[CountPoint]

    @property
    def share_of_target(self) -> float:
        return round(100 * self.current / self.target, 1) if self.target else 0.0


def subscriber_count_now() -> int:
    return Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).count()


def subscriber_counts_over_time(*, start: date, end: date, step_days: int = 0) -> list[CountPoint]:
    """Subscribers on each day from ``start`` to ``end``: monthly (the first of each month) unless
    ``step_days`` is given; counted from when subscriptions began and ended, in one query."""
    tz = timezone.get_current_timezone()
    interval = f"{int(step_days)} days" if step_days else "1 month"
    table = Subscriber._meta.db_table
    # Days are local (Europe/Helsinki) days: the end of day d is midnight after it, local time.
    sql = f"""
        SELECT d.day::date, (
            SELECT count(*) FROM {table} s
            WHERE s.confirmed_at IS NOT NULL
              AND s.confirmed_at < ((d.day::date + 1)::timestamp AT TIME ZONE %s)
              AND (s.ended_at IS NULL OR s.ended_at >= ((d.day::date + 1)::timestamp AT TIME ZONE %s))
        )
        FROM generate_series(%s::timestamp, %s::timestamp, %s::interval) AS d(day)
        ORDER BY d.day
    """  # noqa: S608
    zone = str(tz)
    with connection.cursor() as cursor:
        cursor.execute(sql, [zone, zone, start, end, interval])
        return [CountPoint(day, n) for day, n in cursor.fetchall()]


def subscriber_kpi(*, months: int = 12, today: date | None = None) -> SubscriberKpi:
    """Subscribers now, the target (1,500 by the end of 2026) and the monthly counts of the last months."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    start = first
    for _ in range(months - 1):
        start = (start - timedelta(days=1)).replace(day=1)
    points = subscriber_counts_over_time(start=start, end=first)
    return SubscriberKpi(
        current=subscriber_count_now(), target=settings.NEWSLETTER_SUBSCRIBER_TARGET, points=points
    )


def subscriber_export_rows() -> Iterator[list[str]]:
    """Current subscribers for CSV export: the same columns the import reads, plus status and form."""
    yield ["email", "language", "consent_date", "status", "subscribed", "consent_method", "consent_form"]
    rows = (
        Subscriber.objects.filter(status__in=[SubscriberStatus.CONFIRMED, SubscriberStatus.PENDING])
        .order_by("pk")
        .values_list(
            "email", "language", "consent_at", "status", "confirmed_at", "consent_method", "consent_form"
        )
    )
    for email, language, consent_at, status, confirmed_at, method, form in rows.iterator(chunk_size=2000):
        yield [
            email,
            language,
            timezone.localtime(consent_at).isoformat() if consent_at else "",
            status,
            timezone.localtime(confirmed_at).isoformat() if confirmed_at else "",
            method,
            form,
        ]


def subscription_periods() -> list[tuple]:
    """(confirmed_at, ended_at) of every subscription ever confirmed; ended_at None: still running."""
    return list(Subscriber.objects.filter(confirmed_at__isnull=False).values_list("confirmed_at", "ended_at"))
