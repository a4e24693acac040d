"""Every HTML response of every URL pattern carries the strict Content Security Policy."""

import pytest
from django.test import Client

from tests.security.test_authorization_matrix import PUBLIC, URLS, path_for
from tests.security.urlmap import pattern_names

pytestmark = pytest.mark.django_db


def assert_strict_policy(response, url):
    policy = response.get("Content-Security-Policy", "")
    assert policy, f"{url}: no Content-Security-Policy"
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives.get("script-src") == "'self'", url
    assert directives.get("style-src") == "'self'", url
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url


def test_every_html_response_has_the_policy(world):
    checked = 0
    for role in ["anonymous", "member", "coordinator"]:
        client = Client()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        for name in sorted(pattern_names()):
            path = path_for(name, world["paths"])
            languages = ["fi", "sv", "en"] if URLS.get(name) == PUBLIC and path.startswith("/fi/") else ["fi"]
            for language in languages:
                url = path.replace("/fi/", f"/{language}/", 1)
                response = client.get(url, follow=True)
                if response["Content-Type"].startswith("text/html"):
                    assert_strict_policy(response, url)
                    checked += 1
    assert checked > 150


def test_every_admin_list_and_add_page_has_the_policy(admin_client):
    from django.contrib import admin
    from django.urls import NoReverseMatch, reverse

    checked = 0
    for model in admin.site._registry:
        opts = model._meta
        for view in ["changelist", "add"]:
            try:
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")
            except NoReverseMatch:
                continue
            response = admin_client.get(url)
            assert response.status_code in {200, 403}, url
            if response["Content-Type"].startswith("text/html"):
                assert_strict_policy(response, url)
                checked += 1
    assert checked > 20
