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


@shared_task(
    name="funding.application_receipt_send",
    acks_late=True,
    time_limit=120,
    soft_time_limit=100,
    ignore_result=True,
)
def application_receipt_send(application_id: int) -> bool:
    """The receipt of a submission, rendered after it committed; idempotent."""
    from funding.receipts import application_receipt_send as send

    return send(application_id=application_id)


@shared_task(name="funding.receipts_send_missing", time_limit=300, soft_time_limit=240, ignore_result=True)
def receipts_send_missing() -> int:
    """Beat task: receipts whose hand-over to the broker was lost."""
    from funding.receipts import receipts_send_missing as send_missing

    return send_missing()
