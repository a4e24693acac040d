"""Events as a person meets them, in Debian's Chromium: registration, the calendar file, cancellation."""

from __future__ import annotations

import re
from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from events import services
from events.ics import event_uid
from events.models import Registration
from tests.events.factories import EventFactory, ProgrammeItemFactory, RegistrationFactory, SpeakerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SECRET_LINK = "https://teams.example.com/join/secret-meeting-123"


def test_register_in_english_cancel_and_the_waiting_list_moves_up(page, live_server, smtp, settings):
    settings.SITE_URL = live_server.url
    event = EventFactory(slug="ai-morning", capacity=1, title_en="AI morning on speech recognition")

    page.goto(f"{live_server.url}/en/events/ai-morning/")
    assert SECRET_LINK not in page.content()
    page.get_by_role("link", name="Register").click()
    page.wait_for_url(f"{live_server.url}/en/events/ai-morning/register/")
    page.locator("main").get_by_label("Name:", exact=True).fill("Emma English")
    page.locator("main").get_by_label("Email:").fill("emma@example.fi")
    page.locator("main").get_by_label("Organisation:").fill("Wellbeing services county of Pirkanmaa")
    page.locator("main").get_by_label("Language of the messages:").select_option("en")
    page.locator("main").get_by_label("I agree").check()
    page.locator("main").get_by_role("button", name="Register").click()
    page.wait_for_url(re.compile(r"/en/events/registration/[-\w]+/$"))
    assert page.locator(".registration-status").inner_text() == "Registered"
    assert page.get_by_role("link", name=SECRET_LINK).is_visible()

    [confirmation] = smtp.wait_for(1)
    assert confirmation.rcpt_tos == ["emma@example.fi"]
    assert confirmation.subject == "Registration confirmed: AI morning on speech recognition"
    [attachment] = confirmation.attachments()
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == event_uid(event)
    assert str(vevent["SUMMARY"]) == "AI morning on speech recognition"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert str(vevent["DTSTART"].params["TZID"]) == "Europe/Helsinki"

    waiting = services.registration_create(
        event=event, name="Ville Väntare", email="ville@example.fi", language="sv", consent=True
    )
    assert waiting.status == "waiting"
    assert len(smtp.wait_for(2)) == 2

    link = re.search(r"https?://\S+/en/events/registration/[-\w]+/", confirmation.text())
    assert link is not None, confirmation.text()
    page.goto(link.group(0))
    page.get_by_role("link", name="Cancel registration").click()
    page.get_by_role("button", name="Yes, cancel my registration").click()
    page.wait_for_url(link.group(0))
    assert page.get_by_text("Your registration has been cancelled.").is_visible()
    assert page.locator(".registration-status").inner_text() == "Cancelled"

    mails = smtp.wait_for(4)
    cancelled, promoted = sorted(mails[2:], key=lambda m: m.rcpt_tos[0])
    assert cancelled.rcpt_tos == ["emma@example.fi"]
    assert cancelled.subject == "Registration cancelled: AI morning on speech recognition"
    assert promoted.rcpt_tos == ["ville@example.fi"]
    assert SECRET_LINK in promoted.text()
    assert [a.get_filename() for a in promoted.attachments()] == ["event.ics"]
    assert dict(Registration.objects.values_list("email", "status")) == {
        "emma@example.fi": "cancelled",
        "ville@example.fi": "registered",
    }


def test_event_pages_have_no_accessibility_violations(page, live_server, assert_accessible):
    now = timezone.now()
    event = EventFactory(slug="info", capacity=100, description_fi="**Tervetuloa** mukaan.")
    SpeakerFactory(item=ProgrammeItemFactory(event=event, title_fi="Tervetuloa!"), name="Jukka Lähesmaa")
    past = EventFactory(
        slug="mennyt",
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=3, hours=-1),
        materials_fi="[Diat](https://example.fi/diat.pdf)",
    )
    registration = RegistrationFactory(event=event)
    answered = RegistrationFactory(event=past)
    for language in ("fi", "sv", "en"):
        for path in (
            "/events/",
            "/events/past/",
            "/events/info/",
            "/events/info/register/",
            f"/events/registration/{registration.token}/",
            f"/events/registration/{registration.token}/cancel/",
            f"/events/registration/{answered.token}/feedback/",
        ):
            page.goto(f"{live_server.url}/{language}{path}")
            assert page.locator("html").get_attribute("lang") == language
            assert page.locator("h1").count() == 1, path
            assert_accessible(page)
        # The registration form with its error messages shown.
        page.goto(f"{live_server.url}/{language}/events/info/register/")
        page.locator("form.registration-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".errorlist").count() >= 2
        assert_accessible(page)
