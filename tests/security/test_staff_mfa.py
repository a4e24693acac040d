"""Every view that needs staff status or a staff permission asks staff for their authenticator app.

The views are found from the authorization matrix, not listed by hand: those that refuse anonymous
visitors and members but open for some staff role. Each is requested by that staff role's user
without an authenticator app, who must be sent to set one up.
"""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from accounts.middleware import OPEN_URL_NAME_PREFIXES
from tests.security.test_authorization_matrix import PUBLIC, ROLES, URLS, path_for
from tests.security.urlmap import pattern_names

pytestmark = pytest.mark.django_db

NON_STAFF = ("anonymous", "member", "other_applicant")
STAFF = tuple(role for role in ROLES if role not in NON_STAFF)
ACTIVATE = "/fi/accounts/2fa/totp/activate/"


def staff_only() -> dict[str, str]:
    """URL name → a staff role that opens it, for the views no one else opens."""
    found = {}
    for name in sorted(pattern_names()):
        entry = URLS.get(name)
        # allauth's pages of the account itself (reauthenticating with the authenticator is
        # "staff only" because only staff have one) stay open for setting the authenticator up.
        if entry in (None, PUBLIC) or name.startswith(OPEN_URL_NAME_PREFIXES):
            continue
        if any(entry[role] == 200 for role in NON_STAFF):
            continue
        opened_by = [role for role in STAFF if entry[role] == 200]
        if opened_by:
            found[name] = opened_by[0]
    return found


def test_the_staff_only_views_include_the_dashboard_and_the_admin():
    assert {"admin:*", "kpi:dashboard", "kpi:figures_csv"} <= staff_only().keys()


def test_staff_without_an_authenticator_app_are_sent_to_set_one_up_from_every_staff_only_view(world):
    users = world["users"]
    Authenticator.objects.filter(user__in=[users[role] for role in STAFF]).delete()
    clients = {}
    opened = {}
    for name, role in staff_only().items():
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(users[role])
        response = clients[role].get(path_for(name, world["paths"]))
        if response.status_code != 302 or response["Location"] != ACTIVATE:
            opened[name] = (role, response.status_code)
    assert opened == {}
