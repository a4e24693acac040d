"""Registration through the form (no JavaScript) with a real Celery worker: the person's request
commits the registration only; the worker renders the confirmation and its calendar file into the
outbox and delivers it."""

from __future__ import annotations

import time

import icalendar
import pytest
from django.test import Client

from events.ics import event_uid
from events.models import Registration
from outbox.models import OutgoingMail
from tests.events.factories import EventFactory

pytestmark = pytest.mark.worker


def wait_until(predicate, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.05)
    raise AssertionError(f"condition not met in {timeout} s")


def test_the_worker_delivers_the_confirmation_and_the_calendar_file(celery_worker_factory, smtp):
    celery_worker_factory(
        {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": smtp.host,
            "EMAIL_PORT": str(smtp.port),
            "EMAIL_USE_TLS": "",
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
        }
    )
    event = EventFactory(slug="aamu", capacity=1, title_fi="Tekoälyaamu puheentunnistuksesta")
    client = Client()
    form = {"name": "Maija Meikäläinen", "organisation": "HUS", "language": "fi", "consent": "on"}
    first = client.post("/fi/events/aamu/register/", {**form, "email": "maija@example.fi"})
    second = client.post("/fi/events/aamu/register/", {**form, "email": "matti@example.fi"})
    assert (first.status_code, second.status_code) == (302, 302)

    mails = {m.rcpt_tos[0]: m for m in wait_until(lambda: len(smtp.messages) >= 2 and smtp.wait_for(2), 30)}
    registered = Registration.objects.get(email="maija@example.fi")
    assert first["Location"] == f"/fi/events/registration/{registered.token}/"
    confirmation = mails["maija@example.fi"]
    assert "Tekoälyaamu puheentunnistuksesta" in confirmation.subject
    assert f"/fi/events/registration/{registered.token}/" in confirmation.text()
    [attachment] = confirmation.attachments()
    assert attachment.get_filename() == "event.ics"
    [vevent] = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert (str(vevent["UID"]), str(vevent["STATUS"])) == (event_uid(event), "CONFIRMED")
    assert mails["matti@example.fi"].attachments() == []  # the waiting list: no calendar entry yet
    # Each registration's mail was queued once, by the worker, after the person's request had ended.
    wait_until(lambda: not OutgoingMail.objects.exclude(state="sent").exists(), 10)
    assert sorted(OutgoingMail.objects.values_list("to", "template", "state")) == [
        ("maija@example.fi", "events_confirmation", "sent"),
        ("matti@example.fi", "events_waitlisted", "sent"),
    ]
    assert Registration.objects.filter(confirmation_queued_at__isnull=True).count() == 0
