"""Reads of the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from outbox.enums import PENDING_STATES, MailState
from outbox.models import OutgoingMail

HELD_STATES = (*PENDING_STATES, MailState.INFLIGHT)


def mail_list() -> QuerySet[OutgoingMail]:
    """Messages for listings: without the bodies, with who queued them."""
    return OutgoingMail.objects.select_related("actor").defer("body_text", "body_html", "headers")


def mail_state_counts(*, bulk_id=None) -> dict[str, int]:
    qs = OutgoingMail.objects.all()
    if bulk_id is not None:
        qs = qs.filter(bulk_id=bulk_id)
    return {row["state"]: row["n"] for row in qs.order_by().values("state").annotate(n=Count("id"))}


@dataclass(frozen=True)
class MailAttention:
    """Mail that needs a coordinator: waiting well past its time, or failed recently."""

    stuck: int
    failed: int
    awaiting_retry: int
    oldest_stuck_since: datetime | None

    @property
    def needs_attention(self) -> bool:
        return bool(self.stuck or self.failed)


def mail_stuck() -> QuerySet[OutgoingMail]:
    """Unsent messages due more than ``OUTBOX_ALERT_STUCK_AFTER`` seconds ago (the broker or the
    workers are away, or every attempt so far failed)."""
    limit = timezone.now() - timedelta(seconds=settings.OUTBOX_ALERT_STUCK_AFTER)
    return OutgoingMail.objects.filter(state__in=HELD_STATES, next_attempt_at__lte=limit)


def mail_failed_recently() -> QuerySet[OutgoingMail]:
    since = timezone.now() - timedelta(seconds=settings.OUTBOX_ALERT_FAILED_WITHIN)
    return OutgoingMail.objects.filter(state=MailState.FAILED, updated_at__gte=since)


def mail_attention() -> MailAttention:
    """For the coordinators' admin index, the status endpoint and the outbox admin: two queries on
    the partial index of unfinished messages and one on recent failures."""
    stuck = mail_stuck().aggregate(n=Count("id"), oldest=Min("next_attempt_at"))
    return MailAttention(
        stuck=stuck["n"],
        failed=mail_failed_recently().count(),
        awaiting_retry=OutgoingMail.objects.filter(state=MailState.AWAITING_RETRY).count(),
        oldest_stuck_since=stuck["oldest"],
    )


def failing_mail_counts(*, since) -> tuple[int, int]:
    """(messages that failed for good since ``since``, messages now waiting for another attempt)."""
    figures = OutgoingMail.objects.aggregate(
        failed=Count("id", filter=Q(state=MailState.FAILED, updated_at__gte=since)),
        retrying=Count("id", filter=Q(state=MailState.AWAITING_RETRY)),
    )
    return figures["failed"], figures["retrying"]
