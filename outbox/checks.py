"""System checks: the outbox's timing settings must fit together."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register()
def outbox_timing(app_configs=None, **kwargs):
    errors = []
    delays = settings.OUTBOX_RETRY_DELAYS
    visibility = (getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}) or {}).get(
        "visibility_timeout", 3600
    )
    if delays and max(delays) >= visibility:
        errors.append(
            checks.Error(
                f"The longest OUTBOX_RETRY_DELAYS ({max(delays)} s) must be shorter than the broker's "
                f"visibility_timeout ({visibility} s), or Redis redelivers tasks that merely wait.",
                id="outbox.E001",
            )
        )
    if settings.OUTBOX_INFLIGHT_TIMEOUT < 10 and not getattr(settings, "TESTING", False):
        errors.append(
            checks.Error(
                f"OUTBOX_INFLIGHT_TIMEOUT ({settings.OUTBOX_INFLIGHT_TIMEOUT} s) must be at least 10 s: the "
                f"workers' heartbeat renews their claims every third of it, and a busy database must not "
                f"make a live worker look dead (its message would be sent twice).",
                id="outbox.E002",
            )
        )
    return errors
