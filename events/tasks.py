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
