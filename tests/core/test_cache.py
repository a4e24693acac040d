"""The shared cache of the public pages (core.public_cache): the front page and the static probe.

These tests commit (transactional database): only committed data is cached, so inside the usual test
transaction every page is built afresh.
"""

import re
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import public_cache
from core.models import Page
from tests.events.factories import EventFactory
from tests.factories import ContactPersonFactory, OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)
LANGUAGES = ("fi", "sv", "en")
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
MEMBER_COUNT = re.compile(r'class="big-figure"><strong>(\d+)</strong>')


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def get(client, url) -> tuple[int, str]:
    """The number of SQL queries of the request, and the page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    # Each response has its own masked CSRF token (the footer form is never cached).
    return len(queries), CSRF_TOKEN.sub("csrf", response.content.decode())


def test_the_probe_renders_the_layout_without_the_database(client):
    queries, html = get(client, "/fi/probe/")
    assert queries == 0
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert client.get("/sv/probe/")["X-Robots-Tag"] == "noindex, nofollow"


def test_the_front_page_comes_from_the_cache_in_each_language(client):
    for language in LANGUAGES:
        first, html = get(client, f"/{language}/")
        again, cached = get(client, f"/{language}/")
        assert first > 0 and again == 0, language
        assert cached == html
        assert f'<html lang="{language}">' in cached


def test_a_change_to_the_introduction_shows_next_in_each_language(client):
    for language in LANGUAGES:
        get(client, f"/{language}/")
    page = Page.objects.get(slug="home")
    page.title_fi, page.title_sv, page.title_en = "Uusi otsikko", "Ny rubrik", "New heading"
    page.save()
    expected = {"fi": "Uusi otsikko", "sv": "Ny rubrik", "en": "New heading"}
    for language in LANGUAGES:
        assert f"<h1>{expected[language]}</h1>" in get(client, f"/{language}/")[1]


def test_a_new_member_counts_next_in_each_language(client):
    before = {lang: MEMBER_COUNT.search(get(client, f"/{lang}/")[1]).group(1) for lang in LANGUAGES}
    OrganisationFactory()
    for language in LANGUAGES:
        after = MEMBER_COUNT.search(get(client, f"/{language}/")[1]).group(1)
        assert int(after) == int(before[language]) + 1


def test_an_event_leaves_the_front_page_when_it_ends(client):
    now = timezone.now()
    EventFactory(
        title_fi="Päättyvä aamu", starts_at=now - timedelta(hours=1), ends_at=now + timedelta(seconds=2)
    )
    assert "Päättyvä aamu" in get(client, "/fi/")[1]
    queries, html = get(client, "/fi/")
    assert queries == 0 and "Päättyvä aamu" in html
    time.sleep(max(0.0, (now + timedelta(seconds=2.1) - timezone.now()).total_seconds()))
    assert "Päättyvä aamu" not in get(client, "/fi/")[1]


def test_nothing_personal_is_cached(client):
    contact = ContactPersonFactory(user__email="cached.person@example.fi")
    signed_in = Client()
    signed_in.force_login(contact.user)
    assert "cached.person@example.fi" not in get(signed_in, "/fi/")[1]
    queries, html = get(client, "/fi/")
    assert queries == 0
    assert 'action="/fi/accounts/logout/"' not in html and 'href="/fi/accounts/login/"' in html
    # The footer's subscription form is rendered for each visitor, with their own CSRF token.
    tokens = {
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', Client().get("/fi/").content.decode()).group(
            1
        )
        for _ in range(2)
    }
    assert len(tokens) == 2
    assert 'action="/fi/accounts/logout/"' in get(signed_in, "/fi/")[1]


def test_inside_a_transaction_nothing_is_stored():
    built = []

    def build():
        built.append(1)
        return "content", None

    with transaction.atomic():
        public_cache.cached("home", ("t",), build)
        public_cache.cached("home", ("t",), build)
    assert len(built) == 2
    public_cache.cached("home", ("t",), build)
    public_cache.cached("home", ("t",), build)
    assert len(built) == 3


def test_a_lost_version_brings_no_old_entry_back(client):
    get(client, "/fi/")
    Page.objects.filter(slug="home").update(title_fi="Ohi signaalien")  # no signal: the entry stays
    assert "Ohi signaalien" not in get(client, "/fi/")[1]
    cache.delete("public:home:version")
    assert "<h1>Ohi signaalien</h1>" in get(client, "/fi/")[1]


def test_without_the_cache_the_pages_are_built_as_before(client, monkeypatch):
    def unavailable(*args, **kwargs):
        raise ConnectionError("no cache")

    monkeypatch.setattr(public_cache.cache, "get_many", unavailable)
    monkeypatch.setattr(public_cache.cache, "set_many", unavailable)
    for url in ("/fi/", "/sv/members/", "/en/events/", "/fi/funding/"):
        assert client.get(url).status_code == 200
    Page.objects.filter(slug="home").first().save()  # invalidation fails quietly too
