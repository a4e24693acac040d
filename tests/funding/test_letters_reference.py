"""The application reference everywhere; letters with the period's end, report dates, payment terms and the
decider; the applicant sees the decision, its grounds and the letter once the decisions are announced."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from funding.enums import ApplicationStatus
from funding.receipts import send_receipt
from outbox.models import OutgoingMail
from tests.funding.factories import applicant
from tests.funding.test_letters import decided, letter_call, letter_of

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def _reference(application) -> str:
    return f"SOTE-{timezone.localtime(application.created_at).year}-{application.pk:04d}"


def test_a_funding_letter_states_the_reference_the_period_end_report_dates_payment_and_the_decider():
    call = letter_call(
        report_interim_due=date(2026, 6, 30),
        report_final_due=date(2027, 3, 31),
        payment_terms_fi="Avustus maksetaan kahdessa erässä toteutuneita kustannuksia vastaan.",
        decider_name="Liisa Päättäjä",
        decider_title_fi="osastopäällikkö",
    )
    application = decided(call=call, note="Hanke täyttää haun tavoitteet.")
    text = letter_of(application)
    assert f"Hakemuksen tunnus {_reference(application)}" in text
    assert "31. joulukuuta 2026" in text  # the end of the period in which the costs may arise
    assert "Väliraportti viimeistään 30. kesäkuuta 2026" in text
    assert "Loppuraportti viimeistään 31. maaliskuuta 2027" in text
    assert "Avustus maksetaan kahdessa erässä toteutuneita kustannuksia vastaan." in text
    assert "Päätöksen tekijä: Liisa Päättäjä, osastopäällikkö" in text


def test_the_receipt_carries_the_reference():
    call = letter_call()
    contact = applicant(call)
    application = decided(call=call, contact=contact)
    send_receipt(
        application, contact=contact, lines=list(application.budget_lines.all()), partners=[], actor=None
    )
    mail = OutgoingMail.objects.get(template="funding_receipt")
    assert f"Hakemuksen tunnus: {_reference(application)}" in mail.body_text


def test_the_applicant_sees_the_decision_grounds_and_letter_only_once_announced():
    call = letter_call()
    contact = applicant(call)
    application = decided(
        S.NOT_FUNDED, call=call, contact=contact, note="Vaikuttavuuden arviointi jäi avoimeksi."
    )
    client = Client()
    client.force_login(contact.user)
    page = f"/fi/funding/applications/{application.pk}/"
    letter = f"/fi/funding/applications/{application.pk}/decision-letter/"
    html = client.get(page).content.decode()
    assert f"Hakemuksen tunnus {_reference(application)}" in html
    assert "Vaikuttavuuden arviointi jäi avoimeksi." not in html
    assert client.get(letter).status_code == 404

    call.decisions_announced_at = timezone.now()
    call.save(update_fields=["decisions_announced_at"])
    html = client.get(page).content.decode()
    assert '<section aria-labelledby="decision-heading" class="application-decision">' in html
    assert "Vaikuttavuuden arviointi jäi avoimeksi." in html
    assert f'href="{letter}"' in html
    response = client.get(letter)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response.content.startswith(b"%PDF")

    stranger = Client()
    stranger.force_login(applicant(call).user)
    assert stranger.get(letter).status_code == 404
    listing = client.get("/fi/funding/applications/").content.decode()
    assert f"<td>{_reference(application)}</td>" in listing
