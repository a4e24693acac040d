"""Only strictly necessary cookies (session, CSRF, language): no consent banner is needed."""

import pytest
from django.test import Client

from events.models import Event

pytestmark = pytest.mark.django_db

NECESSARY = {"sessionid", "csrftoken", "django_language"}


def public_paths() -> list[str]:
    event = Event.objects.filter(starts_at__isnull=False).order_by("-starts_at").first()
    assert event is not None
    return [
        "",
        "members/",
        "members/join/",
        "events/",
        f"events/{event.slug}/",
        f"events/{event.slug}/register/",
        "funding/",
        "newsletter/",
        "coordination-group/",
        "ai-implementations/",
        "bulletin-board/",
        "accounts/login/",
        "accounts/signup/",
    ]


def cookie_names(response) -> set[str]:
    return set(response.cookies.keys())


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_public_pages_set_only_strictly_necessary_cookies(demo, language):
    client = Client()
    seen: set[str] = set()
    for path in public_paths():
        response = client.get(f"/{language}/{path}", follow=True)
        assert response.status_code == 200, path
        seen |= cookie_names(response)
    # Forms submitted with errors, and a language switch.
    for path, data in [
        ("members/join/", {"name": "<b>x</b>"}),
        ("newsletter/", {"email": "not-an-address"}),
        ("accounts/login/", {"login": "nobody@example.fi", "password": "wrong-password"}),
        ("accounts/signup/", {"email": "x", "password1": "1", "password2": "2"}),
    ]:
        page = client.get(f"/{language}/{path}")
        seen |= cookie_names(page)
        response = client.post(f"/{language}/{path}", data)
        # Forms with errors answer 200 or 400 (the newsletter), a rate limit 429; never 500.
        assert response.status_code in {200, 400, 429}, path
        seen |= cookie_names(response)
    response = client.post("/i18n/setlang/", {"language": language, "next": f"/{language}/"})
    seen |= cookie_names(response)
    seen |= set(client.cookies.keys())
    assert seen <= NECESSARY, seen - NECESSARY
    assert "csrftoken" in seen


def test_an_anonymous_visitor_gets_no_session_cookie_from_reading(demo):
    client = Client()
    for path in public_paths():
        client.get(f"/fi/{path}")
    assert "sessionid" not in client.cookies
