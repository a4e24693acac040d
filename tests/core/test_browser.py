"""The foundation as a person meets it, in Debian's Chromium."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_front_page_has_no_accessibility_violations(page, live_server, assert_accessible, lang):
    page.goto(f"{live_server.url}/{lang}/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_language_switcher_keeps_the_page(page, live_server):
    page.goto(f"{live_server.url}/fi/pages/accessibility/")
    page.get_by_role("navigation", name="Kieli").get_by_role("link", name="svenska").click()
    page.wait_for_url(f"{live_server.url}/sv/pages/accessibility/")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_role("navigation", name="Språk").get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_server.url}/en/pages/accessibility/")


def test_skip_link_moves_focus_to_the_main_content(page, live_server):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_signup_verification_mail_and_login(page, live_server, smtp, assert_accessible):
    email = "uusi.kayttaja@example.fi"
    password = "Kaunis-Kesapaiva-2026"
    page.goto(f"{live_server.url}/fi/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Sähköposti:").fill(email)
    page.get_by_label("Salasana:", exact=True).fill(password)
    page.get_by_label("Salasana (uudestaan):").fill(password)
    page.get_by_role("button", name="Rekisteröidy").click()
    page.wait_for_url(re.compile(r"/fi/accounts/confirm-email/$"))

    mails = smtp.wait_for(1)
    assert [m.rcpt_tos for m in mails] == [[email]]
    link = re.search(r"https?://\S+/fi/accounts/confirm-email/\S+/", mails[0].text())
    assert link is not None, mails[0].text()

    page.goto(link.group(0))
    page.get_by_role("button", name="Vahvista").click()
    page.wait_for_url(re.compile(r"/fi/accounts/login/$"))

    page.get_by_label("Sähköposti:").fill(email)
    page.get_by_label("Salasana:").fill(password)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(f"{live_server.url}/fi/")
    assert page.get_by_role("button", name="Kirjaudu ulos").is_visible()
