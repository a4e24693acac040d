"""The review page that needs no other page, and the attachments opened by staff (each role)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from core.audit import entries_about
from funding.enums import ApplicationStatus, ReviewStatus
from funding.models import Attachment, BudgetLine, Partner, Review, ReviewAssignment
from funding.services import review as services
from tests.funding.factories import ApplicationFactory, FundingCallFactory, applicant
from tests.funding.review_factories import CriterionFactory, coordinator, decision_maker, reviewer

pytestmark = pytest.mark.django_db
S = ApplicationStatus
BASE = "/fi/admin/funding/application"


def _attachment(application, content: bytes = b"%PDF-1.7\n%%EOF\n", name: str = "Hankesuunnitelma.pdf"):
    return Attachment.objects.create(
        application=application,
        file=ContentFile(content, name="x.pdf"),
        filename=name,
        kind="pdf",
        size=len(content),
    )


@pytest.fixture
def queue():
    """A reviewer with three applications of one call to review; the call has two criteria."""
    call = FundingCallFactory()
    first = CriterionFactory(
        call=call,
        name_fi="Vaikuttavuus",
        description_fi="Miten hanke osoittaa vaikuttavuutensa.",
        score_meanings_fi="ei näyttöä\nvähän näyttöä\nkohtalainen\nvahva\nerinomainen näyttö",
        score_meanings_sv="inga belägg\nfå belägg\nmåttlig\nstark\nutmärkta belägg",
    )
    second = CriterionFactory(call=call, name_fi="Yhteistyö")
    person = reviewer()
    applications = []
    for name in ("Alfa", "Beta", "Gamma"):
        application = ApplicationFactory(call=call, status=S.UNDER_REVIEW, project_name=name)
        ReviewAssignment.objects.create(application=application, reviewer=person)
        applications.append(application)
    client = Client()
    client.force_login(person)
    return {
        "call": call,
        "criteria": [first, second],
        "reviewer": person,
        "apps": applications,
        "client": client,
    }


def test_the_review_page_shows_the_whole_application_and_what_each_score_means(queue):
    alfa = queue["apps"][0]
    Partner.objects.create(application=alfa, name="Kumppani Oy", type="company", role="Tekoälytoimittaja")
    BudgetLine.objects.filter(application=alfa).delete()
    BudgetLine.objects.create(
        application=alfa, category="external_services", year=2025, amount=Decimal("60000")
    )
    BudgetLine.objects.create(application=alfa, category="other", year=2026, amount=Decimal("40000"))
    attachment = _attachment(alfa)
    html = queue["client"].get(f"{BASE}/{alfa.pk}/review/").content.decode()
    # The application itself: its sections, partners, budget with totals, attachments as links.
    assert "Kuvaus osiosta." in html
    assert "Kumppani Oy" in html and "Tekoälytoimittaja" in html
    assert "100\xa0000,00\xa0€" in html
    assert "50,00\xa0%" in html
    assert f'href="{BASE}/{alfa.pk}/attachments/{attachment.pk}/"' in html
    # Each criterion: its description, and labelled radio buttons (the call's own words or general ones).
    assert "Miten hanke osoittaa vaikuttavuutensa." in html
    first, second = queue["criteria"]
    assert f'type="radio" name="score_{first.pk}" value="4"' in html
    assert "4 – vahva" in html and "5 – erinomainen näyttö" in html
    assert f'type="radio" name="score_{second.pk}" value="1"' in html
    assert "1 – heikko" in html and "4 – hyvä" in html
    # Move on without another page.
    assert html.count(f'href="{BASE}/{queue["apps"][1].pk}/review/"') == 2  # skip, at the top and the bottom
    assert 'value="submit_next"' in html


def test_the_meanings_follow_the_language(queue):
    html = (
        queue["client"].get(f"/sv/admin/funding/application/{queue['apps'][0].pk}/review/").content.decode()
    )
    assert "4 – stark" in html


def test_submit_and_next_opens_the_next_one_in_one_step_and_the_last_returns_to_the_queue(queue):
    client, (alfa, beta, gamma) = queue["client"], queue["apps"]
    first, second = queue["criteria"]
    data = {
        f"score_{first.pk}": "4",
        f"score_{second.pk}": "3",
        "recommendation": "fund",
        "action": "submit_next",
    }
    # Skipping Alfa (a link, nothing saved) and submitting Beta opens Gamma, then Alfa comes round again.
    response = client.post(f"{BASE}/{beta.pk}/review/", data)
    assert response["Location"] == f"{BASE}/{gamma.pk}/review/"
    response = client.post(f"{BASE}/{gamma.pk}/review/", data)
    assert response["Location"] == f"{BASE}/{alfa.pk}/review/"
    response = client.post(f"{BASE}/{alfa.pk}/review/", data)
    assert response["Location"] == f"{BASE}/"
    assert set(Review.objects.values_list("status", flat=True)) == {ReviewStatus.SUBMITTED}


def test_save_draft_stays_on_the_page_and_keeps_the_scores(queue):
    client, alfa = queue["client"], queue["apps"][0]
    first, _second = queue["criteria"]
    response = client.post(f"{BASE}/{alfa.pk}/review/", {f"score_{first.pk}": "2", "action": "save"})
    assert response["Location"] == f"{BASE}/{alfa.pk}/review/"
    html = client.get(response["Location"]).content.decode()
    assert f'type="radio" name="score_{first.pk}" value="2" id="id_score_{first.pk}_1" checked' in html
    review = Review.objects.get()
    assert (review.status, [s.value for s in review.scores.all()]) == (ReviewStatus.DRAFT, [2])


# --- Attachments for staff ------------------------------------------------------------------------


@pytest.fixture
def files():
    call = FundingCallFactory()
    contact = applicant(call)
    application = ApplicationFactory(call=call, organisation=contact.organisation, status=S.ELIGIBLE)
    lead = coordinator()
    people = {
        "coordinator": lead,
        "reviewer": reviewer(),
        "conflicted": reviewer(),
        "unassigned": reviewer(),
        "decision_maker": decision_maker(),
        "own_contact": contact.user,
        "other_contact": applicant(call).user,
    }
    services.reviewer_assign(
        applications=[application], reviewers=[people["reviewer"], people["conflicted"]], actor=lead
    )
    services.conflict_declare(application=application, actor=people["conflicted"])
    attachment = _attachment(application, b"%PDF-1.7\nliite\n%%EOF\n")
    return {"application": application, "attachment": attachment, "people": people}


def test_attachments_open_inline_only_for_coordinators_and_assigned_reviewers_and_are_audited(files):
    application, attachment = files["application"], files["attachment"]
    path = f"{BASE}/{application.pk}/attachments/{attachment.pk}/"
    found = {}
    for role, person in files["people"].items():
        client = Client()
        client.force_login(person)
        response = client.get(path)
        if response.status_code == 302:
            found[role] = "login" if "/login/" in response["Location"] else response["Location"]
        else:
            found[role] = response.status_code
        if response.status_code == 200:
            assert b"".join(response.streaming_content) == b"%PDF-1.7\nliite\n%%EOF\n"
            assert response["Content-Type"] == "application/pdf"
            assert response["Content-Disposition"] == 'inline; filename="Hankesuunnitelma.pdf"'
    assert found == {
        "coordinator": 200,
        "reviewer": 200,
        "conflicted": 403,
        "unassigned": 403,
        "decision_maker": 403,
        "own_contact": "login",
        "other_contact": "login",
    }
    opened = [
        (entry.action, entry.actor_id, entry.new["filename"])
        for entry in entries_about(attachment)
        if entry.action == "funding.attachment.opened"
    ]
    assert opened == [
        ("funding.attachment.opened", files["people"]["coordinator"].pk, "Hankesuunnitelma.pdf"),
        ("funding.attachment.opened", files["people"]["reviewer"].pk, "Hankesuunnitelma.pdf"),
    ]


def test_an_attachment_of_another_application_is_not_found_through_this_one(files):
    other = ApplicationFactory(call=files["application"].call, status=S.ELIGIBLE)
    client = Client()
    client.force_login(files["people"]["coordinator"])
    response = client.get(f"{BASE}/{other.pk}/attachments/{files['attachment'].pk}/")
    assert response.status_code == 404
