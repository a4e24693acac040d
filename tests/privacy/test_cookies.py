"""The privacy notice lists exactly the cookies a visitor receives, anonymous or signed in."""

import re

import pytest
from allauth.account.models import EmailAddress

from tests.factories import UserFactory
from tests.support.public_pages import public_world

pytestmark = pytest.mark.django_db

PASSWORD = "Kaunis-Kesapaiva-2026"


def held(client) -> set[str]:
    """The cookies the browser holds now (a deleted cookie comes back empty)."""
    return {name for name, morsel in client.cookies.items() if morsel.value}


def cookies_listed(client, language: str) -> set[str]:
    html = client.get(f"/{language}/pages/privacy/").content.decode()
    heading = {"fi": "Evästeet", "sv": "Kakor", "en": "Cookies"}[language]
    cookies = html.split(f"<h2>{heading}</h2>", 1)[1].split("<h2", 1)[0]
    return set(re.findall(r"<code>([^<]+)</code>", cookies))


def test_the_privacy_notice_lists_the_cookies_that_are_actually_set(client):
    received = set()
    for path in public_world():
        client.get(f"/fi{path}")
        received |= held(client)
    # The forms an anonymous visitor sends: the newsletter and a failed sign-in.
    client.post("/fi/newsletter/", {"email": "x@example.fi", "language": "fi", "consent": "on"}, follow=True)
    received |= held(client)
    client.post("/fi/accounts/login/", {"login": "x@example.fi", "password": "väärä"})
    received |= held(client)
    anonymous = set(received)

    user = UserFactory(email="kirjautuja@example.fi", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post("/fi/accounts/login/", {"login": user.email, "password": PASSWORD}, follow=True)
    assert response.context["user"].is_authenticated
    received |= held(client)
    for path in ("/fi/my-data/", "/fi/members/my/", "/fi/accounts/email/"):
        client.get(path)
        received |= held(client)
    client.post("/fi/accounts/logout/", follow=True)
    received |= held(client)

    assert (anonymous, received) == ({"csrftoken"}, {"csrftoken", "sessionid"})
    for language in ("fi", "sv", "en"):
        assert cookies_listed(client, language) == received, language
