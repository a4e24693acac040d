"""Permissions-Policy, staff sessions shorter than members', reviewers without contact details."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from core.groups import COORDINATORS, STEERING_GROUP
from tests.factories import ContactPersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_browser_features_the_portal_does_not_use_are_denied(client):
    policy = client.get("/fi/")["Permissions-Policy"]
    features = dict(part.split("=") for part in policy.split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert features[feature] == "()"


def test_staff_sessions_end_sooner_than_members(client):
    member = ContactPersonFactory().user
    client.force_login(member)
    response = client.get("/fi/members/my/")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 14 * 24 * 3600

    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_AGE == 8 * 3600
    response = client.get("/fi/admin/")
    assert response.status_code == 200
    # Set when signing in: no page writes the session again for it.
    assert "sessionid" not in client.get("/fi/admin/").cookies


def test_signing_in_through_the_form_gives_staff_the_shorter_session(client):
    from allauth.account.models import EmailAddress

    staff = UserFactory(is_staff=True, totp=False, password="correct-horse-battery")
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    response = client.post("/fi/accounts/login/", {"login": staff.email, "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == settings.STAFF_SESSION_AGE
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_AGE


def test_reviewers_do_not_see_contact_persons_coordinators_do(client):
    contact = ContactPersonFactory(user__email="yhteys.henkilo@example.fi")
    organisation = contact.organisation
    reviewer = UserFactory(is_staff=True)
    reviewer.groups.add(Group.objects.get(name=STEERING_GROUP))
    coordinator = UserFactory(is_staff=True)
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))

    client.force_login(reviewer)
    assert client.get("/fi/admin/members/contactperson/").status_code == 403
    assert client.get(f"/fi/admin/members/contactperson/{contact.pk}/change/").status_code == 403
    page = client.get(f"/fi/admin/members/organisation/{organisation.pk}/change/")
    assert page.status_code == 200
    assert "yhteys.henkilo@example.fi" not in page.content.decode()

    client.force_login(coordinator)
    assert client.get("/fi/admin/members/contactperson/").status_code == 200
    page = client.get(f"/fi/admin/members/organisation/{organisation.pk}/change/")
    assert "yhteys.henkilo@example.fi" in page.content.decode()
