"""Celery tasks of the personal data app."""

from __future__ import annotations

from celery import shared_task

from privacy import services


@shared_task(
    name="privacy.retention_purge", acks_late=True, soft_time_limit=600, time_limit=660, ignore_result=True
)
def retention_purge() -> int:
    """The retention rules (Celery beat, daily); idempotent. Returns the RetentionRun's id."""
    return services.retention_purge().pk
