import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/fi/", "/sv/pages/privacy/", "/en/accounts/login/"])
def test_html_responses_carry_a_strict_content_security_policy(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_admin_login_goes_through_allauth(client):
    response = client.get("/fi/admin/login/?next=/fi/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/fi/accounts/login/?next=%2Ffi%2Fadmin%2F"


@pytest.mark.django_db
def test_signed_in_non_staff_cannot_reach_the_admin(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get("/fi/admin/login/").status_code == 403
