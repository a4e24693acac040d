import time

import pytest


@pytest.fixture
def recently_signed_in(client):
    """A client signed in as ``user`` who entered their password a moment ago (no re-authentication)."""

    def sign_in(user):
        client.force_login(user)
        session = client.session
        # allauth's record of how and when the person signed in (allauth.account.internal.flows.login).
        session["account_authentication_methods_user"] = str(user.pk)
        session["account_authentication_methods"] = [
            {"method": "password", "at": time.time(), "email": user.email, "reauthenticated": True}
        ]
        session.save()
        return client

    return sign_in
