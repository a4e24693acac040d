"""The search page, the search box in the header and the lists' ``?q=``, as a visitor uses them."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from members.models import Organisation
from network.enums import Stage
from search import services
from tests.factories import OrganisationFactory


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _headings(html: str) -> list[str]:
    return re.findall(r'<h3 id="group-(\w+)">', html)


@pytest.mark.parametrize(
    ("language", "path"), [("fi", "/fi/haku/"), ("sv", "/sv/sok/"), ("en", "/en/search/")]
)
def test_each_language_has_its_own_search_address(client, db, language, path):
    with translation.override(language):
        assert reverse("search:search") == path
    assert client.get(path).status_code == 200


def test_results_are_grouped_by_kind_with_the_matches_highlighted(client, domain):
    html = _html(client.get("/fi/haku/", {"q": "tekoälyä"}))
    # In Kind's order; the content pages come with the database.
    assert _headings(html) == ["implementation", "event", "newsletter", "page"]
    assert '<a href="/fi/ai-implementations/' in html
    assert "<mark>Tekoäly</mark>" in html or "<mark>tekoäly</mark>" in html
    assert '<a href="?q=teko%C3%A4ly%C3%A4&amp;kind=page">' in html  # more pages than are shown


def test_a_swedish_page_shows_swedish_titles_and_finds_finnish_words(client, domain):
    html = _html(client.get("/sv/sok/", {"q": "Pirkanmaalla"}))
    assert "Birkaland välfärdsområde" in html
    assert '<a href="/sv/members/organisations/' in html


def test_one_kind_at_a_time_with_pages(client, domain):
    Organisation.objects.bulk_create(
        OrganisationFactory.build(name=f"Zeta Terveys {n} Oy", name_fi=f"Zeta Terveys {n} Oy", business_id="")
        for n in range(25)
    )
    services.documents_refresh(kind="member")
    first = _html(client.get("/fi/haku/", {"q": "zeta", "kind": "member"}))
    assert first.count('href="/fi/members/organisations/') == 20
    assert 'href="?q=zeta&amp;kind=member&amp;page=2"' in first
    second = _html(client.get("/fi/haku/", {"q": "zeta", "kind": "member", "page": 2}))
    assert second.count('href="/fi/members/organisations/') == 5


def test_the_header_box_searches_without_javascript(client, db):
    html = _html(client.get("/fi/events/"))
    form = html[html.index('<form class="site-search"') :]
    form = form[: form.index("</form>")]
    assert 'method="get" action="/fi/haku/"' in form
    assert 'name="q"' in form and 'type="submit"' in form


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 500},
        {"q": "tekoäly", "kind": "nonsense"},
        {"q": "tekoäly", "page": "abc"},
        {"q": "tekoäly", "kind": "member", "page": "99999"},
        {"q": "'\\\":*&|!()<>"},
        {"q": "ja och the"},
        {"q": ""},
    ],
)
def test_any_input_gives_a_page_never_an_error(client, domain, params):
    assert client.get("/fi/haku/", params).status_code == 200


@pytest.mark.parametrize("count", [10, 300])
def test_the_number_of_queries_does_not_grow_with_the_results(client, db, count, django_assert_num_queries):
    Organisation.objects.bulk_create(
        OrganisationFactory.build(name=f"Zeta Terveys {n} Oy", name_fi=f"Zeta Terveys {n} Oy", business_id="")
        for n in range(count)
    )
    services.documents_refresh(kind="member")
    with django_assert_num_queries(1):
        html = _html(client.get("/fi/haku/", {"q": "zeta terveys"}))
    assert f"({count})" in html or f"({count:,})".replace(",", "\xa0") in html
    with CaptureQueriesContext(connection) as queries:
        html = _html(client.get("/fi/members/", {"q": "zeta"}))
    assert len(queries) == 4  # the same with 10 and with 300 organisations


def test_the_directory_finds_inflected_names_other_languages_and_types(client, domain):
    assert "Pirkanmaan hyvinvointialue" in _html(client.get("/fi/members/", {"q": "Pirkanmaalla"}))
    assert "Pirkanmaan hyvinvointialue" in _html(client.get("/fi/members/", {"q": "Birkaland"}))
    html = _html(client.get("/en/members/", {"q": "university"}))
    assert "Tampere University" in html


def test_the_lists_filter_with_the_query_and_their_own_filters_together(client, domain):
    url = "/fi/ai-implementations/"
    assert "Tekoäly kotihoidon hoitajakuiskaajana" in _html(
        client.get(url, {"q": "hoitajakuiskaajan", "stage": Stage.PILOT})
    )
    assert "Tekoäly kotihoidon hoitajakuiskaajana" not in _html(
        client.get(url, {"q": "hoitajakuiskaajan", "stage": Stage.PRODUCTION})
    )
    assert "Kirjaamisen työryhmä" in _html(client.get("/fi/bulletin-board/", {"q": "työryhmään"}))
    assert "Kirjaamisen työryhmä" not in _html(client.get("/fi/bulletin-board/", {"q": "päivystyksen"}))
    assert "tekoäly päivystyksessä" in _html(client.get("/fi/events/", {"q": "päivystyksen"}))
    assert "Oirearvio ja ohjaus" in _html(client.get("/fi/projects/", {"q": "ajanvarausta"}))
    assert "Oirearvio ja ohjaus" not in _html(client.get("/fi/projects/", {"q": "päivystyksen"}))
