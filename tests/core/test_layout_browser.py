"""The layout in Chromium: reflow at 320 px, the menu button, a one-row menu at 1280 px."""

import pytest

from tests.network.factories import NoticeFactory
from tests.support.public_pages import in_languages, public_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# How wide the document is (sideways scrolling) and which element sticks out furthest, for the message.
WIDTH_SCRIPT = """() => {
  const width = document.documentElement.scrollWidth;
  if (width <= window.innerWidth) return [width, null];  // the usual case: no walk over every element
  let widest = null, right = window.innerWidth;
  for (const el of document.querySelectorAll('body *')) {
    if (el.parentElement.closest('.table-scroll, .kpi-chart__data')) continue;
    const r = el.getBoundingClientRect();
    if (r.right > right + 1 && getComputedStyle(el).position !== 'absolute') {
      right = r.right; widest = el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
    }
  }
  return [width, widest];
}"""


def test_every_public_page_reflows_at_320_css_pixels(browser, live_server):
    """WCAG 1.4.10: nothing scrolls sideways at 320 px; wide tables scroll in their own box.

    All three languages (each has its own long words and labels), in one browser page: a navigation
    costs tens of milliseconds, a new context or page far more."""
    urls = in_languages(public_world())
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    too_wide = []
    for url in urls:
        response = page.goto(url, wait_until="domcontentloaded")
        assert response.status == 200, url
        width, widest = page.evaluate(WIDTH_SCRIPT)
        if width > 320:
            too_wide.append(f"{url}: {width} px ({widest})")
    context.close()
    assert too_wide == []


def test_the_menu_collapses_behind_a_button_without_javascript_and_fits_one_row_when_wide(
    browser, live_server
):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 375, "height": 800}
    )
    page = context.new_page()
    for language, button, events, all_on_one_row in [
        ("fi", "Valikko", "Tapahtumat", "Rahoitetut hankkeet"),
        ("sv", "Meny", "Evenemang", "Finansierade projekt"),
        ("en", "Menu", "Events", "Funded projects"),
    ]:
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(f"/{language}/events/")
        menu = page.get_by_role(
            "navigation", name={"fi": "Päävalikko", "sv": "Huvudmeny", "en": "Main"}[language]
        )
        link = menu.get_by_role("link", name=events, exact=True)
        assert not link.is_visible()
        header = page.locator(".site-header").bounding_box()
        assert header["height"] < 200, header
        menu.get_by_text(button, exact=True).click()
        assert link.is_visible()
        assert link.get_attribute("aria-current") == "page"

        page.set_viewport_size({"width": 1280, "height": 800})
        page.reload()
        assert not menu.get_by_text(button, exact=True).is_visible()
        tops = menu.locator("li").evaluate_all(
            "items => items.filter(li => li.offsetWidth).map(li => li.getBoundingClientRect().top)"
        )
        assert len(tops) == 10 and len(set(tops)) == 1, tops
        assert menu.get_by_role("link", name=all_on_one_row).is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") == 1280
        # The header search's field and button share one row, and the header stays low.
        field = page.locator("#site-search-q").bounding_box()
        button = page.locator(".header-search button").bounding_box()
        assert button["y"] < field["y"] + field["height"] and button["x"] > field["x"], (field, button)
        assert page.locator(".site-header").bounding_box()["height"] < 200  # fi 134 px, sv and en 183 px
    context.close()


def test_focus_is_visible_and_the_footer_consent_sits_beside_its_label(page, live_server):
    NoticeFactory()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/fi/bulletin-board/")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    box = page.locator("#footer-consent").bounding_box()
    label = page.locator("label[for=footer-consent]").bounding_box()
    assert abs(box["y"] - label["y"]) < 8 and label["x"] > box["x"] + box["width"], (box, label)
    assert page.locator(".result-list").evaluate("el => getComputedStyle(el).listStyleType") == "none"
