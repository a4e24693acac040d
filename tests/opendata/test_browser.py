"""The open data documentation page in Chromium: no axe violations (WCAG 2.1 AA) in fi, sv and en."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_documentation_page_is_accessible(page, live_server, assert_accessible, language):
    page.goto(f"{live_server.url}/{language}/open-data/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    assert page.locator("table").count() == 9
    assert_accessible(page)
    # The schema the page links to opens.
    page.goto(f"{live_server.url}/api/v1/schema/")
    assert '"openapi": "3.0.3"' in page.content()
