"""The page frame every public page shares: Suomi.fi tokens, word mark, menu button, search slot."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def test_the_suomifi_design_tokens_are_vendored_with_their_licence_and_a_make_target():
    tokens = (ROOT / "static/vendor/suomifi-design-tokens/tokens.css").read_text()
    assert "--fi-color-brand-base: hsl(214, 100%, 24%);" in tokens
    assert "--fi-spacing-m: 20px;" in tokens
    assert "MIT License" in (ROOT / "static/vendor/suomifi-design-tokens/LICENSE").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "\ntokens:" in makefile
    # `make run` and `make test` need no Node: only `make tokens` calls npm.
    for target in ("run", "test"):
        recipe = makefile.split(f"\n{target}:")[1].split("\n\n")[0]
        assert "npm" not in recipe and "node " not in recipe, target
    site_css = (ROOT / "static/css/site.css").read_text()
    assert "var(--fi-color-brand-base)" in site_css


@pytest.mark.parametrize(
    ("lang", "wordmark", "button"),
    [
        ("fi", "SOTE-tekoäly", "Valikko"),
        ("sv", "AI inom social- och hälsovården", "Meny"),
        ("en", "SOTE AI ecosystem", "Menu"),
    ],
)
def test_the_header_has_a_word_mark_logos_a_menu_button_and_the_search_slot(client, lang, wordmark, button):
    html = client.get(f"/{lang}/").content.decode()
    assert f'<span class="wordmark-name">{wordmark}</span>' in html
    assert '<ul class="coordinator-logos"' in html
    assert (
        f'<summary class="menu-button"><span class="menu-icon" aria-hidden="true"></span>{button}</summary>'
        in html
    )
    assert '<div class="header-search">' in html
    assert 'href="/static/vendor/suomifi-design-tokens/tokens.css"' in html
    assert 'media="print"' in html


def test_the_header_search_box_asks_nothing_of_the_database():
    """The 500 page renders the header without a database: the search box is a plain form."""
    box = (ROOT / "templates/search/_header_box.html").read_text()
    assert ['method="get"' in box, "{% url 'search:search' %}" in box] == [True, True]
    assert "{% for" not in box and "|length" not in box
