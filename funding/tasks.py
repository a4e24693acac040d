"""Background work of the funding app."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="funding.review_send_reminders", time_limit=300, soft_time_limit=240)
def review_send_reminders() -> int:
    """Beat task: reviewers get one reminder for each review still open near the call's deadline."""
    from funding.services.review import review_reminders_send

    return review_reminders_send()


@shared_task(name="funding.information_send_reminders", time_limit=300, soft_time_limit=240)
def information_send_reminders() -> int:
    """Beat task: the applicant is reminded once of a request for more information near its deadline."""
    from funding.services.review import information_reminders_send

    return information_reminders_send()
