"""Periodic tasks of the survey (scheduled by Celery beat; see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from django.utils import timezone

from surveys import selectors, services


@shared_task(name="surveys.send_reminders", ignore_result=True, time_limit=600, soft_time_limit=540)
def send_reminders() -> int:
    """Remind, once per round, the organisations that have not answered; safe to run as often as wanted."""
    now = timezone.now()
    sent = 0
    for survey_round in selectors.round_list_for_reminders(now=now):
        sent += services.survey_round_remind(survey_round=survey_round, actor=None, now=now)
    return sent
