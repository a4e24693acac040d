"""Periodic tasks of the projects app (scheduled by Celery beat; see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from projects import services


@shared_task(name="projects.report_send_reminders", ignore_result=True, time_limit=600, soft_time_limit=540)
def report_send_reminders() -> dict[str, int]:
    """Reports due soon and late reports; safe to run as often as wanted, each reminder goes once."""
    return services.report_send_reminders()
