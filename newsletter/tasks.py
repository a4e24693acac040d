"""Celery tasks of the newsletter: thin wrappers that take ids. All are idempotent."""

from __future__ import annotations

import time

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from newsletter import services

#: One task queues for at most this long, then hands the rest to a fresh task.
ENQUEUE_SLICE_SECONDS = 60


@shared_task(
    name="newsletter.campaign_enqueue",
    acks_late=True,
    soft_time_limit=240,
    time_limit=300,
    ignore_result=True,
)
def campaign_enqueue(campaign_id: int) -> int:
    """Queue a sending campaign's recipients chunk by chunk from where it stands (see services)."""
    started = time.monotonic()
    prepared: dict = {}
    chunks = 0
    try:
        while services.campaign_enqueue_next(campaign_id=campaign_id, prepared=prepared):
            chunks += 1
            if time.monotonic() - started > ENQUEUE_SLICE_SECONDS:
                campaign_enqueue.delay(campaign_id)
                return chunks
    except SoftTimeLimitExceeded:
        campaign_enqueue.delay(campaign_id)
        return chunks
    services.campaign_refresh(campaign_id=campaign_id)
    return chunks


@shared_task(
    name="newsletter.dispatch", acks_late=True, soft_time_limit=50, time_limit=60, ignore_result=True
)
def dispatch() -> dict[str, int]:
    """Start due campaigns, take up stalled ones and refresh progress (Celery beat, every 30 s)."""
    return services.campaigns_dispatch()


@shared_task(
    name="newsletter.cleanup_unconfirmed",
    acks_late=True,
    soft_time_limit=120,
    time_limit=150,
    ignore_result=True,
)
def cleanup_unconfirmed() -> int:
    return services.subscribers_cleanup_unconfirmed()
