"""Periodic tasks of the events app (scheduled by Celery beat; see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from events.services import reminders


@shared_task(name="events.send_reminders", ignore_result=True)
def send_reminders() -> dict[str, int]:
    """A day before and an hour before; safe to run as often as wanted, each reminder goes once."""
    return reminders.reminders_send()


@shared_task(name="events.send_feedback_requests", ignore_result=True)
def send_feedback_requests() -> int:
    return reminders.feedback_requests_send()


@shared_task(
    name="events.confirmation_send", acks_late=True, time_limit=120, soft_time_limit=100, ignore_result=True
)
def confirmation_send(registration_id: int) -> bool:
    """The confirmation of a registration, rendered into the outbox after it committed; idempotent."""
    from events.services.confirmations import registration_confirmation_send

    return registration_confirmation_send(registration_id=registration_id)


@shared_task(
    name="events.confirmations_send_missing", time_limit=300, soft_time_limit=240, ignore_result=True
)
def confirmations_send_missing() -> int:
    """Beat task: confirmations whose hand-over to the broker was lost."""
    from events.services.confirmations import confirmations_send_missing as send_missing

    return send_missing()
