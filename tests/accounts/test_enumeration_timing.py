"""Sign-up and password reset do the same work for an address with an account as for a new one.

Wall time is noisy on a shared machine; the work that made the difference is counted instead:
password hashes computed (the slow part of creating an account) and mail queued.
"""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import get_hasher

from outbox.models import OutgoingMail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


@pytest.fixture
def hashes(monkeypatch):
    """The number of passwords hashed so far."""
    hasher = type(get_hasher())
    count = {"n": 0}
    encode = hasher.encode

    def counting(self, *args, **kwargs):
        count["n"] += 1
        return encode(self, *args, **kwargs)

    monkeypatch.setattr(hasher, "encode", counting)
    return count


def work(client, hashes, url, data) -> tuple[int, int, int]:
    """(status, passwords hashed, mail queued) for one POST."""
    before_hashes, before_mail = hashes["n"], OutgoingMail.objects.count()
    response = client.post(url, data)
    return response.status_code, hashes["n"] - before_hashes, OutgoingMail.objects.count() - before_mail


def existing_user():
    user = UserFactory(email="olemassa@example.fi", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_signup_hashes_the_password_and_queues_one_mail_for_existing_and_new_addresses(client, hashes):
    existing_user()
    url = "/fi/accounts/signup/"
    form = {"password1": "Pitka-salasana-2025", "password2": "Pitka-salasana-2025"}
    existing = work(client, hashes, url, {**form, "email": "olemassa@example.fi"})
    new = work(client, hashes, url, {**form, "email": "uusi@example.fi"})
    assert existing == new == (302, 1, 1)


def test_password_reset_does_the_same_for_existing_and_unknown_addresses(client, hashes):
    existing_user()
    url = "/fi/accounts/password/reset/"
    existing = work(client, hashes, url, {"email": "olemassa@example.fi"})
    unknown = work(client, hashes, url, {"email": "tuntematon@example.fi"})
    assert existing == unknown == (302, 0, 1)
