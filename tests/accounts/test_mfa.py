"""Staff must set up two-factor authentication (TOTP) before they reach the admin."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from tests.factories import UserFactory
from tests.support.mfa import totp_code, totp_secret

pytestmark = pytest.mark.django_db

ACTIVATE = "/fi/accounts/2fa/totp/activate/"
PASSWORD = "correct-horse-battery"


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(client, user, next_path="/fi/admin/"):
    return client.post(f"/fi/accounts/login/?next={next_path}", {"login": user.email, "password": PASSWORD})


@pytest.mark.parametrize(
    "url",
    ["/fi/admin/", "/sv/admin/members/organisation/", "/en/admin/events/event/add/", "/fi/admin/login/"],
)
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, url):
    client.force_login(UserFactory(is_staff=True, totp=False))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE.replace("/fi/", url[:4])


def test_the_redirect_explains_why_in_the_visitors_language(client):
    client.force_login(UserFactory(is_staff=True, totp=False))
    response = client.get("/en/admin/", follow=True)
    assert "two-factor authentication" in response.content.decode()


def test_superusers_are_staff_too(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, totp=False))
    assert client.get("/fi/admin/")["Location"] == ACTIVATE


def test_staff_without_an_authenticator_may_still_sign_out_of_the_admin(client):
    client.force_login(UserFactory(is_staff=True, totp=False))
    response = client.post("/fi/admin/logout/")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_after_a_real_sign_in_staff_without_an_authenticator_are_sent_to_set_one_up(client):
    user = verified(UserFactory(is_staff=True, totp=False))
    response = sign_in(client, user)
    assert response.status_code == 302
    assert response["Location"] == "/fi/admin/"
    assert client.get("/fi/admin/")["Location"] == ACTIVATE


def test_staff_with_an_authenticator_reach_the_admin(client):
    user = UserFactory(is_staff=True)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    client.force_login(user)
    assert client.get("/fi/admin/").status_code == 200


def test_staff_with_an_authenticator_enter_a_code_when_signing_in(client):
    user = verified(UserFactory(is_staff=True))
    response = sign_in(client, user)
    assert response["Location"] == "/fi/accounts/2fa/authenticate/"
    # Without the code the admin stays closed.
    assert client.get("/fi/admin/")["Location"].startswith("/fi/admin/login/")
    wrong = client.post("/fi/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    response = client.post("/fi/accounts/2fa/authenticate/", {"code": totp_code(totp_secret(user))})
    assert response["Location"] == "/fi/admin/"
    assert client.get("/fi/admin/").status_code == 200


def test_non_staff_are_not_asked_to_set_up_an_authenticator(client):
    client.force_login(UserFactory())
    assert client.get("/fi/admin/login/").status_code == 403
    assert client.get("/fi/").status_code == 200
    assert client.get("/fi/members/my/").status_code == 200


def test_a_signed_in_staff_member_sets_up_totp_and_then_reaches_the_admin(client):
    user = verified(UserFactory(is_staff=True, totp=False))
    sign_in(client, user)
    response = client.get("/fi/admin/", follow=True)
    # allauth asks for the password once more before an authenticator is added.
    assert response.redirect_chain[0][0] == ACTIVATE
    assert response.redirect_chain[-1][0].startswith("/fi/accounts/reauthenticate/")
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == ACTIVATE
    assert response.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(ACTIVATE, {"code": totp_code(secret)})
    # Recovery codes are generated with the first authenticator.
    assert response["Location"] == "/fi/accounts/2fa/recovery-codes/"
    assert set(Authenticator.objects.filter(user=user).values_list("type", flat=True)) == {
        Authenticator.Type.TOTP,
        Authenticator.Type.RECOVERY_CODES,
    }
    assert client.get("/fi/accounts/2fa/recovery-codes/").status_code == 200
    assert client.get("/fi/admin/").status_code == 200
