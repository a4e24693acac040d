"""Requests for more information with an answer deadline (and a reminder before it), answers with files."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from core.audit import entries_about
from funding.enums import ApplicationStatus
from funding.models import InformationFile, InformationRequest, ReviewAssignment
from funding.services import FundingError
from funding.services import review as services
from outbox.models import OutgoingMail
from tests.funding.factories import ApplicationFactory, FundingCallFactory, applicant
from tests.funding.helpers import office_bytes, pdf_bytes, upload
from tests.funding.review_factories import coordinator, reviewer

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def asked():
    call = FundingCallFactory()
    contact = applicant(call)
    application = ApplicationFactory(call=call, organisation=contact.organisation, status=S.UNDER_REVIEW)
    lead = coordinator()
    due = timezone.now() + timedelta(days=1, hours=2)
    request = services.information_request_create(
        application=application, actor=lead, message="Tarkentakaa aineiston laatu.", answer_due=due
    )
    return {"application": application, "contact": contact, "lead": lead, "request": request, "due": due}


def test_the_request_carries_its_deadline_to_the_applicant(asked):
    [mail] = OutgoingMail.objects.filter(template="funding_information_request")
    assert "Vastatkaa viimeistään" in mail.body_text
    client = Client()
    client.force_login(asked["contact"].user)
    html = client.get(f"/fi/funding/applications/{asked['application'].pk}/").content.decode()
    assert "Vastatkaa viimeistään" in html
    assert 'enctype="multipart/form-data"' in html


def test_a_deadline_in_the_past_is_refused():
    call = FundingCallFactory()
    application = ApplicationFactory(call=call, status=S.UNDER_REVIEW)
    with pytest.raises(FundingError) as refused:
        services.information_request_create(
            application=application,
            actor=coordinator(),
            message="?",
            answer_due=timezone.now() - timedelta(hours=1),
        )
    assert refused.value.code == "answer_due"
    assert InformationRequest.objects.count() == 0


def test_the_applicant_is_reminded_once_before_the_deadline_and_only_then(asked):
    now = timezone.now()
    assert services.information_reminders_send(now=now - timedelta(days=3)) == 0  # too early
    assert services.information_reminders_send(now=now) == 1
    assert services.information_reminders_send(now=now) == 0  # once
    [mail] = OutgoingMail.objects.filter(template="funding_information_reminder")
    assert mail.to == asked["contact"].email
    assert asked["application"].reference in mail.body_text
    [entry] = [e for e in entries_about(asked["request"]) if e.action == "funding.information.reminded"]
    assert entry.actor_id is None
    assert settings.CELERY_BEAT_SCHEDULE["funding-information-reminders"]["task"] == (
        "funding.information_send_reminders"
    )


def test_an_answered_request_is_not_reminded(asked):
    services.information_request_answer(
        application=asked["application"], actor=asked["contact"].user, response="Ok."
    )
    assert services.information_reminders_send(now=timezone.now()) == 0


def test_the_answer_carries_files_checked_like_attachments_and_staff_open_them(asked):
    client = Client()
    client.force_login(asked["contact"].user)
    path = f"/fi/funding/applications/{asked['application'].pk}/answer/"
    # A file that only pretends to be a PDF refuses the whole answer: nothing is saved.
    response = client.post(path, {"response": "Liitteenä.", "files": [upload("x.pdf", b"not a pdf")]})
    assert response.status_code == 400
    assert "ei ole PDF" in response.content.decode()
    assert (InformationFile.objects.count(), InformationRequest.objects.get().responded_at) == (0, None)

    content = pdf_bytes("Laatuselvitys")
    response = client.post(
        path,
        {
            "response": "Liitteenä selvitys.",
            "files": [
                upload("Laatuselvitys.pdf", content),
                upload("Taulukko.xlsx", office_bytes("xlsx"), "application/octet-stream"),
            ],
        },
    )
    assert response.status_code == 302
    files = list(InformationFile.objects.order_by("id"))
    assert [(f.filename, f.kind) for f in files] == [("Laatuselvitys.pdf", "pdf"), ("Taulukko.xlsx", "xlsx")]

    application = asked["application"]
    assigned, unassigned = reviewer(), reviewer()
    ReviewAssignment.objects.create(application=application, reviewer=assigned)
    url = f"/fi/admin/funding/application/{application.pk}/information-files/{files[0].pk}/"
    found = {}
    for role, person in (("coordinator", asked["lead"]), ("assigned", assigned), ("unassigned", unassigned)):
        staff = Client()
        staff.force_login(person)
        response = staff.get(url)
        found[role] = response.status_code
        if response.status_code == 200:
            assert b"".join(response.streaming_content) == content
    assert found == {"coordinator": 200, "assigned": 200, "unassigned": 403}
    opened = [e.actor_id for e in entries_about(files[0]) if e.action == "funding.information.file_opened"]
    assert opened == [asked["lead"].pk, assigned.pk]
    lead = Client()
    lead.force_login(asked["lead"])
    page = lead.get(f"/fi/admin/funding/application/{application.pk}/change/").content.decode()
    assert f'href="{url}"' in page
