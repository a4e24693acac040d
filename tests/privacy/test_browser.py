"""The personal data pages in Debian's Chromium, through axe-core, and an erasure as a person does it."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from core.models import AuditEntry
from tests.events.factories import RegistrationFactory
from tests.factories import ContactPersonFactory
from tests.newsletter.factories import SubscriberFactory
from tests.support.mfa import browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def test_a_person_sees_and_erases_their_data(page, live_server, assert_accessible):
    contact = ContactPersonFactory()
    RegistrationFactory(email=contact.email)
    browser_sign_in(page, live_server.url, contact.email, PASSWORD, next_path="/fi/my-data/")

    page.goto(f"{live_server.url}/fi/my-data/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)

    page.locator("a[href='/fi/my-data/erase/']").click()
    page.wait_for_url(re.compile(r".*/accounts/reauthenticate/.*"))
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/fi/my-data/erase/$"))
    assert_accessible(page)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() == 1
    assert_accessible(page)

    page.locator("input[name=confirm]").check()
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/fi/my-data/erased/$"))
    assert_accessible(page)
    assert not get_user_model().objects.filter(pk=contact.user_id).exists()
    assert AuditEntry.objects.filter(action="privacy.erasure.completed").count() == 1


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_subscriber_page_is_accessible(page, live_server, assert_accessible, language):
    subscriber = SubscriberFactory()
    RegistrationFactory(email=subscriber.email)
    page.goto(f"{live_server.url}/{language}/my-data/newsletter/{subscriber.token}/")
    assert_accessible(page)
