"""The decision form shows the applicant's language; the letter states the grounds written in it."""

from __future__ import annotations

import pytest
from django.test import Client

from funding.models import Decision
from funding.services import letters
from funding.services import review as services
from tests.funding.factories import FundingCallFactory, applicant
from tests.funding.review_factories import coordinator, decision_maker, reviewer, submitted_application

pytestmark = pytest.mark.django_db

GROUNDS_SV = "Projektet motsvarar inte utlysningens användningsfall tillräckligt tydligt."
NOTE_FI = "Ohjausryhmän muistiinpano: hanke ei vastannut käyttötapauksia."


def test_the_not_chosen_letter_to_a_swedish_speaker_states_the_grounds_written_in_swedish():
    call = FundingCallFactory()
    contact = applicant(call, language="sv")
    application = submitted_application(call, organisation=contact.organisation, language="sv")
    actor = coordinator()
    services.application_check_eligibility(application=application, actor=actor, eligible=True)
    services.reviewer_assign(applications=[application], reviewers=[reviewer()], actor=actor)
    client = Client()
    client.force_login(actor)
    path = f"/fi/admin/funding/application/{application.pk}/decision/"
    html = client.get(path).content.decode()
    assert "Perustelut hakijalle (kieli: ruotsi)" in html
    assert "Hakijan kieli on ruotsi" in html
    response = client.post(path, {"outcome": "not_chosen", "grounds": GROUNDS_SV, "note": NOTE_FI})
    assert response.status_code == 302
    decision = Decision.objects.get(application=application)
    assert (decision.grounds, decision.grounds_language, decision.note) == (GROUNDS_SV, "sv", NOTE_FI)
    services.decision_confirm(decision=decision, actor=decision_maker())
    context = letters.letter_context(application, letters.decision_for_letter(application), language="sv")
    assert context["grounds"] == GROUNDS_SV
