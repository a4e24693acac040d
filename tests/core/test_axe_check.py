"""The accessibility check itself finds what it should, on the first run in a page and on the next."""

from __future__ import annotations

import pytest

from tests.support.browser import axe_violations

pytestmark = pytest.mark.browser

BROKEN = """<!doctype html><html><head><title>t</title></head><body><main><h1>Otsikko</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<form><input type="text" name="nimi"></form></main></body></html>"""
FIXED = BROKEN.replace('AAACw=">', 'AAACw=" alt="Kuva">').replace(
    '<input type="text" name="nimi">', '<label for="nimi">Nimi</label><input id="nimi" name="nimi">'
)


def test_the_check_reports_missing_alternative_text_and_labels_and_nothing_on_a_fixed_page(browser):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content(BROKEN.replace("<html>", '<html lang="fi">'))
        first = sorted(violation["id"] for violation in axe_violations(page))
        again = sorted(violation["id"] for violation in axe_violations(page))
        page.set_content(FIXED.replace("<html>", '<html lang="fi">'))
        fixed = axe_violations(page)
    finally:
        context.close()
    assert first == ["image-alt", "label"]
    assert again == first
    assert fixed == []
