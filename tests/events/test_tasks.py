"""Reminders and feedback requests: each goes once, however often beat runs the tasks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import AuditEntry
from events import tasks
from events.enums import RegistrationStatus
from events.models import Registration
from events.services import reminders
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def starting_in(delta, **kwargs):
    starts = timezone.now().replace(microsecond=0) + delta
    return EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=1), **kwargs)


def test_day_reminder_task_sends_once_each(smtp, mail_after_commit):
    event = starting_in(timedelta(hours=20), title_en="AI morning on imaging")
    en = RegistrationFactory(event=event, email="en@example.fi", language="en")
    RegistrationFactory(event=event, email="fi@example.fi", language="fi")
    RegistrationFactory(event=event, email="waiting@example.fi", status=RegistrationStatus.WAITING)
    RegistrationFactory(event=event, email="gone@example.fi", status=RegistrationStatus.CANCELLED)
    with mail_after_commit():
        tasks.send_reminders.delay()
        tasks.send_reminders.delay()
    mails = smtp.wait_for(2)
    assert sorted(m.rcpt_tos[0] for m in mails) == ["en@example.fi", "fi@example.fi"]
    english = next(m for m in mails if m.rcpt_tos == ["en@example.fi"])
    assert english.subject.startswith("Reminder: AI morning on imaging on ")
    assert "https://teams.example.com/join/secret-meeting-123" in english.text()
    assert f"/en/events/registration/{en.token}/" in english.text()
    assert Registration.objects.filter(day_reminder_sent_at__isnull=False).count() == 2
    assert Registration.objects.filter(hour_reminder_sent_at__isnull=False).count() == 0
    assert AuditEntry.objects.filter(action="events.reminders.sent", object_id=str(event.pk)).count() == 1
    # Within the last hour the hour reminder follows, once.
    smtp.clear()
    later = timezone.now() + timedelta(hours=19, minutes=30)
    with mail_after_commit():
        assert reminders.reminders_send(now=later) == {"day": 0, "hour": 2}
        assert reminders.reminders_send(now=later) == {"day": 0, "hour": 0}
    assert len(smtp.wait_for(2)) == 2


def test_hour_reminder_and_no_reminders_outside_the_windows(smtp, mail_after_commit):
    soon = starting_in(timedelta(minutes=40))
    RegistrationFactory(event=soon, email="soon@example.fi")
    RegistrationFactory(event=starting_in(timedelta(days=3)), email="later@example.fi")
    RegistrationFactory(event=starting_in(timedelta(minutes=-10)), email="started@example.fi")
    RegistrationFactory(event=starting_in(timedelta(hours=5), published=False), email="hidden@example.fi")
    with mail_after_commit():
        assert reminders.reminders_send() == {"day": 0, "hour": 1}
        assert reminders.reminders_send() == {"day": 0, "hour": 0}
    assert [m.rcpt_tos for m in smtp.wait_for(1)] == [["soon@example.fi"]]


def test_a_registration_made_inside_the_window_gets_no_reminder_for_it():
    event = starting_in(timedelta(hours=20))
    RegistrationFactory(event=event, created_at=timezone.now() - timedelta(hours=1))
    assert reminders.reminders_send() == {"day": 0, "hour": 0}


def test_feedback_requests_go_once_after_the_event(smtp, mail_after_commit):
    now = timezone.now()
    over = EventFactory(starts_at=now - timedelta(hours=2), ends_at=now - timedelta(hours=1))
    registration = RegistrationFactory(event=over, email="kiitos@example.fi", language="sv")
    RegistrationFactory(event=over, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(
        event=EventFactory(
            starts_at=now - timedelta(days=30), ends_at=now - timedelta(days=30) + timedelta(hours=1)
        )
    )
    RegistrationFactory(event=EventFactory())
    with mail_after_commit():
        tasks.send_feedback_requests.delay()
        tasks.send_feedback_requests.delay()
    [mail] = smtp.wait_for(1)
    assert mail.rcpt_tos == ["kiitos@example.fi"]
    assert f"/sv/events/registration/{registration.token}/feedback/" in mail.text()
    registration.refresh_from_db()
    assert registration.feedback_requested_at is not None


def test_beat_schedules_the_tasks(settings):
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"events.send_reminders", "events.send_feedback_requests"} <= schedule
