"""No URL of the portal answers 5xx, whatever a path value holds and whoever asks.

Every URL pattern with a path value (Django's resolver, the admin's included) is requested with a
NUL byte, an over-long value, non-ASCII letters and a negative number in each value, as anonymous,
a member, a staff member and a superuser (both with their authenticator app). The admin refuses
anonymous visitors and members before any view runs (the authorization matrix checks that) and
shows a staff member a subset of what it shows a superuser, so its patterns are requested as the
superuser only.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from django.contrib.admin import ModelAdmin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

from core.groups import COORDINATORS
from tests.factories import ContactPersonFactory, UserFactory

pytestmark = pytest.mark.django_db

VALUES = {
    "NUL": "%00",
    "over-long": "9" * 200,
    "non-ASCII": "%C3%A4%E2%82%AC",
    "negative": "-1",
}
ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?\w+>")
REGEX_GROUP = re.compile(r"\(\?P<\w+>(?:[^()]|\([^()]*\))*\)")


def _piece(pattern, value: str) -> tuple[str, bool]:
    """The pattern's part of the path with ``value`` in each parameter, and whether it had any."""
    if isinstance(pattern, LocalePrefixPattern):
        return "fi/", False
    if isinstance(pattern, RoutePattern):
        route = str(pattern._route)
        return ROUTE_PARAMETER.sub(value, route), bool(ROUTE_PARAMETER.search(route))
    if isinstance(pattern, RegexPattern):
        regex = pattern._regex.lstrip("^").rstrip("$").replace("\\.", ".")
        return REGEX_GROUP.sub(value, regex), bool(REGEX_GROUP.search(regex))
    raise AssertionError(f"unknown pattern type {pattern!r}")


def _stock_admin_view(callback) -> str | None:
    """Django's own admin view behind ``callback``, when the model admin keeps Django's
    ``get_object``: those turn any id into "not found" before a query, the same way for every
    model, so one model's pattern stands for all of them. None for the portal's own views."""
    view = callback
    while getattr(view, "__self__", None) is None and hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    owner = getattr(view, "__self__", None)
    if isinstance(owner, ModelAdmin) and type(owner).get_object is not ModelAdmin.get_object:
        return None
    module = getattr(view, "__module__", "")
    return f"{module}.{view.__qualname__}" if module.startswith("django.") else None


def fuzzed_paths() -> list[tuple[str, bool]]:
    """(path, in the admin) for every pattern with a parameter and every value, when the value
    reaches a view: a value the resolver refuses (a letter for a number) is a 404 before any code."""
    found: list[tuple[str, bool]] = []
    stock_seen: set[str] = set()

    def walk(patterns, prefix: tuple, namespaces: tuple) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, (*prefix, entry.pattern), (*namespaces, entry.namespace))
                continue
            stock = _stock_admin_view(entry.callback) if "admin" in namespaces else None
            if stock in stock_seen:
                continue
            for value in VALUES.values():
                pieces = [_piece(pattern, value) for pattern in (*prefix, entry.pattern)]
                if not any(has for _, has in pieces):
                    continue
                path = "/" + "".join(p for p, _ in pieces)
                try:
                    resolve(unquote(path))
                except Resolver404:
                    continue
                found.append((path, "admin" in namespaces))
                if stock:
                    stock_seen.add(stock)

    walk(get_resolver().url_patterns, (), ())
    return found


@pytest.mark.parametrize(
    "path",
    [
        "/fi/events/registration/\x00/",
        "/fi/events/registration/\x00/cancel/",
        "/fi/events/registration/\x00/feedback/",
        "/fi/events/registration/\x00/calendar.ics",
        "/fi/surveys/answer/\x00/",
        "/fi/newsletter/s/\x00/",
        "/fi/newsletter/confirm/\x00/",
        "/fi/my-data/newsletter/\x00/",
        "/fi/members/activate/\x00/key/",
        f"/fi/surveys/answer/{'a' * 65}/",
        "/fi/surveys/answer/ä€/",
    ],
)
def test_private_link_values_of_the_wrong_shape_match_no_url(path):
    """The token converter refuses them before any view (and so any query) runs."""
    with pytest.raises(Resolver404):
        resolve(path)


def test_the_walk_reaches_the_admin_and_every_app():
    paths = [path for path, _ in fuzzed_paths()]
    assert not [path for path in paths if "<" in path or "(?P" in path]
    prefixes = {path.split("/")[2] for path in paths if path.startswith("/fi/")}
    assert {"admin", "events", "members", "funding", "newsletter"} <= prefixes


def test_no_path_value_gives_a_server_error_to_anyone():
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name=COORDINATORS))
    users = {
        "anonymous": None,
        "member": ContactPersonFactory().user,
        "staff": staff,
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    paths = fuzzed_paths()
    errors = []
    for role, user in users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        for path, in_admin in paths:
            if in_admin and role != "superuser":
                continue
            status = client.get(path).status_code
            if status >= 500:
                errors.append(f"{role} GET {path[:120]} → {status}")
    assert errors == []
