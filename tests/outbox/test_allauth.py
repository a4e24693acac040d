"""allauth's mail (address confirmation, password reset) goes through the outbox."""

from __future__ import annotations

import pytest

from core.models import AuditEntry
from outbox.models import OutgoingMail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pitka-salasana-2026"


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # allauth sends one confirmation per address per few minutes, counted in the shared cache.
    settings.ACCOUNT_RATE_LIMITS = False


def test_signup_confirmation_is_an_outbox_message_in_the_signup_language(
    client, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/sv/accounts/signup/", {"email": "ny@example.fi", "password1": PASSWORD, "password2": PASSWORD}
        )
    assert response.status_code == 302
    mail = OutgoingMail.objects.get()
    assert (mail.to, mail.language, mail.template, mail.state, mail.kind) == (
        "ny@example.fi", "sv", "account/allauth", "sent", "transactional"
    )  # fmt: skip
    assert mail.subject == "Vänligen bekräfta din epost-adress"
    assert "/sv/accounts/confirm-email/" in mail.body_text
    assert "Ekosystemet för AI inom social- och hälsovården" in mail.body_text  # the shared layout
    assert '<html lang="sv">' in mail.body_html
    [received] = smtp.wait_for(1)
    assert (received.message_id, received.rcpt_tos) == (mail.message_id, ["ny@example.fi"])
    assert received.message["Auto-Submitted"] == "auto-generated"
    assert AuditEntry.objects.filter(action="outbox.mail.queued", object_id=str(mail.pk)).count() == 1


def test_signup_in_finnish_gets_a_finnish_subject(client):
    client.post(
        "/fi/accounts/signup/", {"email": "uusi@example.fi", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert OutgoingMail.objects.values_list("language", "subject").get() == (
        "fi",
        "Vahvista sähköpostiosoitteesi",
    )


def test_password_reset_follows_the_account_language_not_the_page(client):
    UserFactory(email="ruotsi@example.fi", language="sv")
    response = client.post("/fi/accounts/password/reset/", {"email": "ruotsi@example.fi"})
    assert response.status_code == 302
    mail = OutgoingMail.objects.get(to="ruotsi@example.fi")
    assert (mail.language, mail.subject) == ("sv", "Återställning av lösenord")
    assert "/accounts/password/reset/key/" in mail.body_text
