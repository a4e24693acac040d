"""Periodic tasks of the dashboard app (scheduled by Celery beat; see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from kpi import services


@shared_task(name="kpi.coordinator_digest", ignore_result=True, time_limit=300, soft_time_limit=270)
def coordinator_digest() -> int:
    """The coordinators' daily digest: runs hourly, sends once a day from the digest hour on."""
    run = services.coordinator_digest_send()
    return run.recipients if run is not None else 0
