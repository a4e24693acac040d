"""Reads of the outbox."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from outbox.enums import MailState
from outbox.models import OutgoingMail


def mail_list() -> QuerySet[OutgoingMail]:
    """Messages for listings: without the bodies, with who queued them."""
    return OutgoingMail.objects.select_related("actor").defer("body_text", "body_html", "headers")


def mail_state_counts(*, bulk_id=None) -> dict[str, int]:
    qs = OutgoingMail.objects.all()
    if bulk_id is not None:
        qs = qs.filter(bulk_id=bulk_id)
    return {row["state"]: row["n"] for row in qs.order_by().values("state").annotate(n=Count("id"))}


def failing_mail_counts(*, since) -> tuple[int, int]:
    """(messages that failed for good since ``since``, messages now waiting for another attempt)."""
    figures = OutgoingMail.objects.aggregate(
        failed=Count("id", filter=Q(state=MailState.FAILED, updated_at__gte=since)),
        retrying=Count("id", filter=Q(state=MailState.AWAITING_RETRY)),
    )
    return figures["failed"], figures["retrying"]
