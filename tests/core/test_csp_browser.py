"""No page breaks the Content Security Policy: Chromium reports no violation anywhere."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from tests.factories import UserFactory
from tests.support.mfa import browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/fi/",
    "/sv/pages/privacy/",
    "/en/accounts/login/",
    "/fi/accounts/signup/",
    "/fi/members/",
    "/fi/members/join/",
    "/sv/coordination-group/",
    "/en/working-groups/",
    "/fi/ai-implementations/",
    "/fi/ai-implementations/situational-picture/",
    "/fi/bulletin-board/",
    "/fi/events/",
    "/fi/events/past/",
]
ADMIN_PAGES = [
    "/fi/admin/",
    "/fi/admin/members/organisation/",
    "/fi/admin/members/organisation/add/",
    "/fi/admin/outbox/outgoingmail/",
    "/fi/admin/events/event/",
    "/fi/admin/events/event/add/",
    "/fi/admin/network/implementation/",
]


def violations_on(page, urls, base_url):
    reports: list[str] = []
    page.on(
        "console", lambda msg: reports.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    for url in urls:
        response = page.goto(f"{base_url}{url}")
        assert response.status == 200, url
    return reports


def test_public_pages_keep_the_content_security_policy(page, live_server):
    assert violations_on(page, PUBLIC_PAGES, live_server.url) == []


def test_admin_pages_keep_the_content_security_policy(page, live_server):
    password = "Koordinaattori-2026!"
    coordinator = UserFactory(email="koordinaattori@example.fi", is_staff=True, password=password)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    EmailAddress.objects.create(user=coordinator, email=coordinator.email, verified=True, primary=True)
    browser_sign_in(page, live_server.url, coordinator.email, password)
    page.wait_for_url(f"{live_server.url}/fi/")
    assert violations_on(page, ADMIN_PAGES, live_server.url) == []
