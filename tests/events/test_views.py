"""Public pages, registration without an account, the private pages and the coordinators' admin tools."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from events.enums import RegistrationStatus
from events.models import Registration
from tests.events.factories import (
    EventFactory,
    FeedbackQuestionFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
    SpeakerFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SECRET_LINK = "https://teams.example.com/join/secret-meeting-123"
HELSINKI = ZoneInfo("Europe/Helsinki")


def form_data(**changes):
    data = {
        "name": "Maija Meikäläinen",
        "email": "maija@example.fi",
        "organisation": "HUS",
        "language": "fi",
        "consent": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def at(year, month, day, hour, minute):
    return timezone.make_aware(timezone.datetime(year, month, day, hour, minute), HELSINKI)


def test_event_page_shows_programme_and_speakers_in_each_language(client):
    event = EventFactory(
        slug="avoin-info",
        title_fi="Avoin info",
        title_sv="Öppet infotillfälle",
        title_en="",
        starts_at=at(2030, 9, 20, 10, 0),
        ends_at=at(2030, 9, 20, 11, 30),
    )
    item = ProgrammeItemFactory(
        event=event, starts_at="10:00", ends_at="10:05", title_fi="Tervetuloa!", title_sv="Välkommen!"
    )
    SpeakerFactory(item=item, name="Jukka Lähesmaa", title_fi="erityisasiantuntija", organisation="STM")
    fi = client.get("/fi/events/avoin-info/").content.decode()
    assert "<h1>Avoin info</h1>" in fi
    assert "perjantai 20. syyskuuta 2030 10.00" in fi
    assert (
        '<strong><time datetime="10:00">10.00</time>–<time datetime="10:05">10.05</time></strong> Tervetuloa!'
    ) in fi
    assert "<li>Jukka Lähesmaa, erityisasiantuntija, STM</li>" in fi
    sv = client.get("/sv/events/avoin-info/").content.decode()
    assert "<h1>Öppet infotillfälle</h1>" in sv
    assert "fredag 20 september 2030 10:00" in sv
    assert "Välkommen!" in sv
    en = client.get("/en/events/avoin-info/").content.decode()
    assert '<h1 lang="fi">Avoin info</h1>' in en  # no English title: the Finnish one, marked
    assert "Friday Sept. 20, 2030 10:00" in en


def test_joining_link_is_never_on_public_pages(client):
    event = EventFactory(slug="salainen", description_fi="Kuvaus")
    registration = RegistrationFactory(event=event)
    public = [
        "/fi/events/",
        "/fi/events/salainen/",
        "/fi/events/salainen/register/",
        "/fi/events/salainen/calendar.ics",
        "/fi/events/calendar.ics",
        "/fi/",
    ]
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET_LINK not in response.content.decode(), url
    private = client.get(f"/fi/events/registration/{registration.token}/")
    assert SECRET_LINK in private.content.decode()
    assert private["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in private["Cache-Control"]
    own_ics = client.get(f"/fi/events/registration/{registration.token}/calendar.ics")
    assert SECRET_LINK in own_ics.content.decode()
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    assert SECRET_LINK not in client.get(f"/fi/events/registration/{waiting.token}/").content.decode()
    assert client.get(f"/fi/events/registration/{waiting.token}/calendar.ics").status_code == 404


def test_register_through_the_form_redirects_to_the_private_page(client):
    event = EventFactory(slug="aamu")
    response = client.post("/en/events/aamu/register/", form_data(language="en"))
    registration = Registration.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/registration/{registration.token}/"
    assert (registration.name, registration.email, registration.language, registration.status) == (
        "Maija Meikäläinen",
        "maija@example.fi",
        "en",
        "registered",
    )
    page = client.get(response["Location"]).content.decode()
    assert "You are registered. A confirmation is on its way to your email." in page


def test_duplicate_and_invalid_registrations_are_answered_not_crashed(client):
    EventFactory(slug="aamu")
    client.post("/en/events/aamu/register/", form_data())
    duplicate = client.post("/en/events/aamu/register/", form_data(email="MAIJA@example.fi"))
    assert duplicate.status_code == 400
    assert "This email address is already registered for the event." in duplicate.content.decode()
    no_consent = client.post("/en/events/aamu/register/", form_data(email="b@example.fi", consent=None))
    assert no_consent.status_code == 400
    assert (
        "Registration needs your consent to the processing of your personal data."
        in no_consent.content.decode()
    )
    bad = client.post("/en/events/aamu/register/", {"name": "x" * 500, "email": "@@", "language": "xx"})
    assert bad.status_code == 400
    assert Registration.objects.count() == 1


def test_full_event_registers_to_the_waiting_list(client):
    event = EventFactory(slug="aamu", capacity=1)
    RegistrationFactory(event=event)
    assert "Full: new registrations join the waiting list." in client.get("/en/events/aamu/").content.decode()
    response = client.post("/en/events/aamu/register/", form_data(), follow=True)
    assert Registration.objects.get(email="maija@example.fi").status == "waiting"
    assert "The event is full: you are on the waiting list." in response.content.decode()


def test_closed_registration_shows_no_form(client):
    EventFactory(slug="mennyt", registration_closes_at=timezone.now() - timedelta(hours=1))
    page = client.get("/en/events/mennyt/register/").content.decode()
    assert '<form method="post" action="/en/events/mennyt/register/"' not in page
    assert client.post("/en/events/mennyt/register/", form_data()).status_code == 400
    assert Registration.objects.count() == 0


def test_unknown_addresses_and_bad_input_give_404_or_200_never_500(client):
    EventFactory(slug="aamu")
    assert client.get("/fi/events/ei-ole/").status_code == 404
    assert client.get("/fi/events/registration/" + "x" * 43 + "/").status_code == 404
    assert client.get("/fi/events/registration/" + "x" * 500 + "/cancel/").status_code == 404
    assert client.get("/fi/events/?page=abc").status_code == 200
    assert client.get("/fi/events/past/?page=99999").status_code == 200
    assert client.put("/fi/events/aamu/register/").status_code == 405
    unpublished = EventFactory(slug="luonnos", published=False)
    assert client.get("/fi/events/luonnos/").status_code == 404
    assert (
        client.get(f"/fi/events/registration/{RegistrationFactory(event=unpublished).token}/").status_code
        == 404
    )


def test_cancel_needs_a_confirmation_post(client):
    event = EventFactory(capacity=1)
    registration = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    url = f"/en/events/registration/{registration.token}/cancel/"
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Yes, cancel my registration" in confirm.content.decode()
    registration.refresh_from_db()
    assert registration.status == "registered"
    response = client.post(url, follow=True)
    assert "Your registration has been cancelled." in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"
    assert Registration.objects.get(pk=waiting.pk).status == "registered"
    again = client.post(url, follow=True)
    assert "This registration has already been cancelled." in again.content.decode()


def test_feedback_form_through_the_private_link(client):
    now = timezone.now()
    event = EventFactory(starts_at=now - timedelta(hours=2), ends_at=now - timedelta(hours=1))
    scale = FeedbackQuestionFactory(event=event, kind="scale", required=True, text_fi="Kuinka hyödyllinen?")
    text = FeedbackQuestionFactory(event=event, kind="text", text_fi="Terveiset?")
    registration = RegistrationFactory(event=event)
    url = f"/fi/events/registration/{registration.token}/feedback/"
    page = client.get(url).content.decode()
    assert "<legend>Kuinka hyödyllinen?" in page
    assert client.post(url, {f"q{scale.pk}": "9"}).status_code == 400
    assert client.post(url, {f"q{text.pk}": "Kiitos"}).status_code == 400
    assert client.post(url, {f"q{scale.pk}": "5", f"q{text.pk}": "Kiitos"}).status_code == 302
    assert list(registration.feedback.answers.order_by("question__order").values_list("score", "text")) == [
        (5, ""),
        (None, "Kiitos"),
    ]
    answered = client.get(url).content.decode()
    assert "<form" not in answered.split('<main id="main"')[1].split("</main>")[0]
    upcoming = RegistrationFactory()
    assert client.post(f"/fi/events/registration/{upcoming.token}/feedback/", {}).status_code == 200


def test_upcoming_and_past_lists(client):
    now = timezone.now()
    EventFactory(title_fi="Kevään AI-aamu", slug="tuleva")
    EventFactory(
        title_fi="Syksyn infotilaisuus",
        slug="mennyt",
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=3) + timedelta(hours=1),
        materials_fi="[Diat](https://example.fi/diat.pdf)",
        reported_attendance=263,
    )
    upcoming = client.get("/fi/events/").content.decode()
    assert "Kevään AI-aamu" in upcoming and "Syksyn infotilaisuus" not in upcoming
    past = client.get("/fi/events/past/").content.decode()
    assert "Kevään AI-aamu" not in past
    assert '<a href="https://example.fi/diat.pdf" rel="noopener noreferrer">Diat</a>' in past
    assert "263" in client.get("/fi/events/mennyt/").content.decode()


def test_ical_feed_lists_all_published_events_with_stable_uids(client):
    EventFactory(starts_at=at(2030, 3, 6, 8, 30), ends_at=at(2030, 3, 6, 9, 30))
    first = EventFactory()
    EventFactory(published=False)
    response = client.get("/fi/events/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    assert str(events[0]["UID"]) == f"event-{first.pk}@localhost"
    assert events[1].decoded("DTSTART") == at(2030, 3, 6, 8, 30)
    assert str(events[1]["DTSTART"].params["TZID"]) == "Europe/Helsinki"
    again = icalendar.Calendar.from_ical(client.get("/en/events/calendar.ics").content)
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in events]


def test_front_page_shows_the_next_events(client):
    now = timezone.now()
    EventFactory(
        title_fi="Mennyt aamu", starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2, hours=-1)
    )
    for n in range(4):
        EventFactory(
            title_fi=f"Seuraava {n}",
            starts_at=now + timedelta(days=n + 1),
            ends_at=now + timedelta(days=n + 1, hours=1),
        )
    html = client.get("/fi/").content.decode()
    section = html[html.index('id="next-events-heading"') :]
    assert [f"Seuraava {n}" in section for n in range(4)] == [True, True, True, False]
    assert "Mennyt aamu" not in section


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow_with_rows(client):
    event = EventFactory(slug="iso", capacity=1000)
    now = timezone.now()
    EventFactory.create_batch(10)
    EventFactory.create_batch(
        10, starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=9, hours=-1)
    )
    for _n in range(10):
        SpeakerFactory(item=ProgrammeItemFactory(event=event))
    RegistrationFactory.create_batch(10, event=event)
    urls = [
        "/fi/events/",
        "/fi/events/past/",
        "/fi/events/iso/",
        "/fi/events/iso/register/",
        "/fi/events/calendar.ics",
        "/fi/",
    ]
    few = [_count(client, url) for url in urls]
    EventFactory.create_batch(300)
    EventFactory.create_batch(
        300, starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=9, hours=-1)
    )
    items = ProgrammeItemFactory.create_batch(300, event=event)
    for item in items:
        SpeakerFactory(item=item)
    RegistrationFactory.create_batch(300, event=event)
    many = [_count(client, url) for url in urls]
    assert many == few


def _post_queries(client, slug: str, email: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/fi/events/{slug}/register/", form_data(email=email))
    assert response.status_code == 302
    return [q["sql"].split(" ", 1)[0] for q in queries.captured_queries]


def test_registration_post_queries_are_few_and_constant(client, settings):
    """The event's row; then, in the service's transaction, its lock, the count of places taken, the
    registration and its audit entry. The mail is rendered after the commit (not in the request's
    transaction), and nothing of the programme or the waiting list is read."""
    settings.EVENTS_RATE_LIMIT_PER_CLIENT = 1000
    event = EventFactory(slug="iso", capacity=1000)
    for _n in range(3):
        SpeakerFactory(item=ProgrammeItemFactory(event=event))
    RegistrationFactory(event=event)
    few = _post_queries(client, "iso", "eka@example.fi")
    RegistrationFactory.create_batch(300, event=event)
    RegistrationFactory.create_batch(30, event=event, status=RegistrationStatus.WAITING)
    many = _post_queries(client, "iso", "toka@example.fi")
    assert few == many == ["SELECT", "SAVEPOINT", "SELECT", "SELECT", "INSERT", "INSERT", "RELEASE"]


# --- Admin -------------------------------------------------------------------------------------


@pytest.fixture
def coordinator_client(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(user)
    return client


def test_coordinators_have_the_events_permissions():
    perms = set(
        Group.objects.get(name="Coordinators")
        .permissions.filter(content_type__app_label="events")
        .values_list("codename", flat=True)
    )
    for model in (
        "event",
        "programmeitem",
        "speaker",
        "feedbackquestion",
        "feedbackresponse",
    ):
        assert {f"add_{model}", f"change_{model}", f"delete_{model}", f"view_{model}"} <= perms
    # A registration is cancelled or erased through its services, never deleted.
    assert {"add_registration", "change_registration", "view_registration"} <= perms
    assert "delete_registration" not in perms


def test_admin_lists_events_with_their_figures(coordinator_client):
    event = EventFactory(capacity=2)
    RegistrationFactory.create_batch(2, event=event, attended=True)
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    page = coordinator_client.get("/fi/admin/events/event/")
    assert page.status_code == 200
    change = coordinator_client.get(f"/fi/admin/events/event/{event.pk}/change/").content.decode()
    assert f"/fi/admin/events/event/{event.pk}/attendance/" in change


def test_admin_attendance_import(coordinator_client):
    event = EventFactory()
    RegistrationFactory(event=event, email="maija@example.fi")
    upload = SimpleUploadedFile(
        "osallistujat.csv", b"Nimi,Email\nMaija,MAIJA@example.fi\nX,x@muu.example\n", "text/csv"
    )
    response = coordinator_client.post(f"/en/admin/events/event/{event.pk}/attendance/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<li>x@muu.example</li>" in html
    assert Registration.objects.get(email="maija@example.fi").attended is True


def test_admin_export_is_csv_with_formulas_neutralised(coordinator_client):
    event = EventFactory()
    RegistrationFactory(event=event, name='=HYPERLINK("x")', email="a@example.fi")
    RegistrationFactory(event=event, name="Maija", email="b@example.fi", status=RegistrationStatus.WAITING)
    response = coordinator_client.get(f"/fi/admin/events/event/{event.pk}/registrations.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == [
        "name",
        "email",
        "organisation",
        "language",
        "status",
        "registered",
        "attended",
        "promoted",
        "cancelled",
    ]
    assert [(r[0], r[1], r[4]) for r in rows[1:]] == [
        ('\'=HYPERLINK("x")', "a@example.fi", "registered"),
        ("Maija", "b@example.fi", "waiting"),
    ]


def test_admin_message_and_feedback_pages(coordinator_client, smtp, django_capture_on_commit_callbacks):
    now = timezone.now()
    event = EventFactory(starts_at=now - timedelta(hours=2), ends_at=now - timedelta(hours=1))
    RegistrationFactory(event=event, email="a@example.fi")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            f"/fi/admin/events/event/{event.pk}/message/",
            {"subject": "Materiaalit", "message": "Diat ovat sivulla."},
        )
    assert response.status_code == 302
    assert [m.subject for m in smtp.wait_for(1)] == ["Materiaalit"]
    feedback = coordinator_client.get(f"/fi/admin/events/event/{event.pk}/feedback/")
    assert feedback.status_code == 200


def test_admin_tools_need_permissions(client):
    event = EventFactory()
    client.force_login(UserFactory(is_staff=True))
    for suffix in ("attendance/", "message/", "registrations.csv", "feedback/"):
        assert client.get(f"/fi/admin/events/event/{event.pk}/{suffix}").status_code == 403, suffix


def test_registration_is_rate_limited_per_address_and_per_client(client, settings):
    settings.EVENTS_RATE_LIMIT_PER_EMAIL = 2
    settings.EVENTS_RATE_LIMIT_PER_CLIENT = 4
    events = [EventFactory(slug=f"aamu-{i}") for i in range(4)]
    answers = [client.post(f"/fi/events/{e.slug}/register/", form_data()).status_code for e in events[:3]]
    assert answers == [302, 302, 429]
    refused = client.post(f"/sv/events/{events[3].slug}/register/", form_data())
    assert refused.status_code == 429
    with translation.override("sv"):
        message = translation.gettext(
            "Too many registrations for this email address. Please try again later."
        )
    assert message in refused.content.decode()
    assert message != "Too many registrations for this email address. Please try again later."
    # The fifth attempt from this client, with another address: refused for the client.
    other = client.post(f"/en/events/{events[3].slug}/register/", form_data(email="toinen@example.fi"))
    assert other.status_code == 429
    assert "Too many registrations from your network. Please try again later." in other.content.decode()
    elsewhere = client.post(
        f"/en/events/{events[3].slug}/register/", form_data(email="kolmas@example.fi"), REMOTE_ADDR="10.0.0.9"
    )
    assert elsewhere.status_code == 302
    assert Registration.objects.count() == 3


def test_ical_texts_name_the_language_they_are_in(client):
    """The Swedish calendar gives the untranslated description in Finnish, and says so."""
    EventFactory(
        title_fi="AI-aamu", title_sv="AI-morgon", title_en="AI morning",
        description_fi="Alustus.", place_fi="Helsinki", place_sv="Helsingfors",
    )  # fmt: skip
    expected = {"fi": ("fi", "fi", "fi"), "sv": ("sv", "fi", "sv"), "en": ("en", "fi", "fi")}
    for language, languages in expected.items():
        calendar = icalendar.Calendar.from_ical(client.get(f"/{language}/events/calendar.ics").content)
        [event] = calendar.walk("VEVENT")
        assert tuple(
            str(event[name].params["LANGUAGE"]) for name in ("SUMMARY", "DESCRIPTION", "LOCATION")
        ) == (languages)
