"""The member directory from the shared cache (core.public_cache): changes show on the next request in
every language. These tests commit (transactional database), as only committed data is cached."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.enums import MembershipStatus, OrganisationType
from members.models import WelfareRegion
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)
LANGUAGES = ("fi", "sv", "en")
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


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


def fill(client, query: str = "") -> None:
    for language in LANGUAGES:
        first, html = get(client, f"/{language}/members/{query}")
        again, cached = get(client, f"/{language}/members/{query}")
        assert again == 0 and cached == html, language


def test_a_new_member_shows_next_in_each_language(client):
    fill(client)
    OrganisationFactory(name="Aaa Välimuisti Oy", name_sv="Aaa Cache Ab", name_en="Aaa Cache Ltd")
    expected = {"fi": "Aaa Välimuisti Oy", "sv": "Aaa Cache Ab", "en": "Aaa Cache Ltd"}
    for language in LANGUAGES:
        assert expected[language] in get(client, f"/{language}/members/")[1]


def test_a_member_that_resigns_leaves_each_language(client):
    organisation = OrganisationFactory(name="Aaa Eroava Oy")
    fill(client)
    organisation.status = MembershipStatus.RESIGNED
    organisation.save()
    for language in LANGUAGES:
        assert "Aaa Eroava Oy" not in get(client, f"/{language}/members/")[1]


def test_a_filtered_page_follows_the_data(client):
    organisation = OrganisationFactory(name="Zeta Tutkimus Oy", type=OrganisationType.COMPANY)
    fill(client, "?type=research")
    organisation.type = OrganisationType.RESEARCH
    organisation.save()
    for language in LANGUAGES:
        assert "Zeta Tutkimus Oy" in get(client, f"/{language}/members/?type=research")[1]


def test_a_renamed_region_shows_next(client):
    region = WelfareRegion.objects.get(code="kainuu")
    OrganisationFactory(name="Zeta Kainuu Oy", region=region)
    fill(client, "?region=kainuu")
    region.name_sv = "Kajanaland (nytt namn)"
    region.save()
    assert "Kajanaland (nytt namn)" in get(client, "/sv/members/?region=kainuu")[1]


@pytest.mark.parametrize(
    "query", ["?q=zeta", "?region=nowhere", "?page=abc", "?type=company&type=research", "?other=1"]
)
def test_searches_and_unusual_addresses_are_built_each_time(client, query):
    OrganisationFactory(name="Zeta Haku Oy")
    get(client, f"/fi/members/{query}")
    assert get(client, f"/fi/members/{query}")[0] > 0
