import re

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("sv-FI,sv;q=0.9", "/sv/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("fi", "/fi/"),
        ("de-DE,de;q=0.9", "/fi/"),
        ("", "/fi/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_html_lang_matches_the_url_prefix(client, lang):
    html = client.get(f"/{lang}/").content.decode()
    assert f'<html lang="{lang}">' in html


@pytest.mark.django_db
def test_language_switcher_keeps_the_visitor_on_the_same_page(client):
    html = client.get("/sv/pages/privacy/").content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    links = dict(re.findall(r'href="([^"]+)" lang="(\w\w)"', switcher))
    assert links == {"/fi/pages/privacy/": "fi", "/en/pages/privacy/": "en"}
    assert '<span aria-current="true" lang="sv">svenska</span>' in switcher


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "heading"),
    [("fi", "Koordinaatioryhmä"), ("sv", "Samordningsgruppen"), ("en", "Coordination group")],
)
def test_interface_text_is_translated(client, lang, heading):
    assert heading in client.get(f"/{lang}/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("fi", "Sosiaali- ja terveysministeriö"),
        ("sv", "Social- och hälsovårdsministeriet"),
        ("en", "Ministry of Social Affairs and Health"),
    ],
)
def test_translated_content_follows_the_language(client, lang, name):
    assert name in client.get(f"/{lang}/").content.decode()


@pytest.mark.django_db
def test_content_missing_in_a_language_falls_back_to_finnish(client):
    from core.models import Page

    Page.objects.create(slug="only-finnish", title_fi="Vain suomeksi", body_fi="Teksti")
    html = client.get("/en/pages/only-finnish/").content.decode()
    assert "<h1>Vain suomeksi</h1>" in html
