"""The event list from the shared cache (core.public_cache): registrations, changes and the passing of
time show on the next request in every language. These tests commit (transactional database), as only
committed data is cached."""

import re
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)
LANGUAGES = ("fi", "sv", "en")
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
PLACES = {"fi": "{} paikkaa jäljellä", "sv": "{} platser kvar", "en": "{} places left"}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def get(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    # Each response has its own masked CSRF token (the footer form is never cached).
    return len(queries), CSRF_TOKEN.sub("csrf", response.content.decode())


def fill(client) -> None:
    for language in LANGUAGES:
        first, html = get(client, f"/{language}/events/")
        again, cached = get(client, f"/{language}/events/")
        assert again == 0 and cached == html, language


def test_a_registration_changes_the_places_left_in_each_language(client):
    event = EventFactory(capacity=10)
    RegistrationFactory(event=event)
    fill(client)
    RegistrationFactory(event=event)
    for language in LANGUAGES:
        html = get(client, f"/{language}/events/")[1]
        assert PLACES[language].format(8) in html and PLACES[language].format(9) not in html


def test_new_and_unpublished_events_show_next_in_each_language(client):
    event = EventFactory(title_fi="Piilotettava", title_sv="Dold", title_en="Hidden")
    fill(client)
    event.published = False
    event.save()
    EventFactory(title_fi="Uusi aamu", title_sv="Ny morgon", title_en="New morning")
    for language, old, new in zip(
        LANGUAGES, ("Piilotettava", "Dold", "Hidden"), ("Uusi aamu", "Ny morgon", "New morning"), strict=True
    ):
        html = get(client, f"/{language}/events/")[1]
        assert old not in html and new in html


def test_an_event_leaves_the_list_when_it_ends(client):
    now = timezone.now()
    EventFactory(
        title_fi="Päättyvä aamu", starts_at=now - timedelta(hours=1), ends_at=now + timedelta(seconds=2)
    )
    EventFactory(title_fi="Myöhempi aamu")
    fill(client)
    assert "Päättyvä aamu" in get(client, "/fi/events/")[1]
    time.sleep(max(0.0, (now + timedelta(seconds=2.1) - timezone.now()).total_seconds()))
    html = get(client, "/fi/events/")[1]
    assert "Päättyvä aamu" not in html and "Myöhempi aamu" in html


def test_pages_are_cached_each_on_their_own(client):
    EventFactory.create_batch(21)
    first = get(client, "/fi/events/?page=2")[1]
    assert get(client, "/fi/events/?page=2") == (0, first)
    assert get(client, "/fi/events/?page=x")[0] > 0
    get(client, "/fi/events/?page=x")
    assert get(client, "/fi/events/?page=x")[0] > 0
