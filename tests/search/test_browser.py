"""The header's search box in Chromium without JavaScript, and the results page through axe-core."""

from __future__ import annotations

import pytest

from search import services
from tests.network.factories import ImplementationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_header_box_works_without_javascript_and_the_results_are_accessible(
    browser, page, live_server, assert_accessible
):
    ImplementationFactory(
        title_fi="Tekoäly kotihoidon hoitajakuiskaajana",
        title_sv="Sjukskötarviskaren i hemvården",
        description_fi="Puheentunnistus kirjaa käynnin tiedot kotihoidossa.",
    )
    services.index_rebuild()
    context = browser.new_context(base_url=live_server.url, locale="fi-FI", java_script_enabled=False)
    plain = context.new_page()
    plain.goto("/fi/events/")
    plain.locator("#site-search-q").fill("hoitajakuiskaajan")
    plain.locator(".header-search .site-search button[type=submit]").click()
    plain.wait_for_load_state()
    assert plain.url == f"{live_server.url}/fi/haku/?q=hoitajakuiskaajan"
    assert (
        plain.locator("#group-implementation + ol a").inner_text() == "Tekoäly kotihoidon hoitajakuiskaajana"
    )
    context.close()
    for path in ("/fi/haku/?q=kotihoidossa", "/sv/sok/?q=hemvårdens", "/en/search/?q=nothing-at-all"):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    assert page.locator("main").inner_text().count("Nothing was found") == 1
