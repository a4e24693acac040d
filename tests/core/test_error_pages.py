"""Error pages in the site's layout and the address's language, with DEBUG off (as in production)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HEADINGS = {
    404: {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"},
    403: {"fi": "Ei käyttöoikeutta", "sv": "Åtkomst nekad", "en": "Access denied"},
    400: {"fi": "Virheellinen pyyntö", "sv": "Felaktig begäran", "en": "Bad request"},
    500: {
        "fi": "Palvelussa tapahtui virhe",
        "sv": "Ett fel inträffade i tjänsten",
        "en": "The service ran into an error",
    },
}
LANGUAGES = ["fi", "sv", "en"]


def assert_in_layout(response, lang: str, status: int) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{HEADINGS[status][lang]}</h1>" in html
    assert 'class="site-header"' in html
    assert 'class="site-footer"' in html
    return html


@pytest.fixture
def errors_urlconf(settings):
    settings.ROOT_URLCONF = "tests.core.error_urls"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_found_is_in_the_layout_and_the_language(client, lang):
    assert_in_layout(client.get(f"/{lang}/no-such-page/"), lang, 404)
    assert_in_layout(client.get(f"/{lang}/members/organisations/99999/"), lang, 404)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_forbidden_and_bad_request(client, errors_urlconf, lang):
    assert_in_layout(client.get(f"/{lang}/test-errors/403/"), lang, 403)
    assert_in_layout(client.get(f"/{lang}/test-errors/400/"), lang, 400)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_server_error_needs_no_database(errors_urlconf, django_assert_num_queries, lang):
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get(f"/{lang}/test-errors/500/")
    html = assert_in_layout(response, lang, 500)
    assert "something broke" not in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_csrf_failure_page(lang):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{lang}/newsletter/", {"email": "a@example.fi"})
    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{lang}">' in html
    assert 'class="site-header"' in html
    expected = {
        "fi": "Lomakkeen tarkistus epäonnistui",
        "sv": "Formuläret kunde inte kontrolleras",
        "en": "The form could not be verified",
    }
    assert f"<h1>{expected[lang]}</h1>" in html
