"""Decision letters: what they state in each language, that each is sent once and only for a released
decision, the mail that carries them (stored and delivered through the real SMTP sink), the admin action
and the preview."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.db import connection
from django.utils import timezone

from core.models import AuditEntry
from funding.enums import ApplicationStatus, DecisionStatus
from funding.models import Decision
from funding.services import letters
from outbox.models import OutgoingMail, OutgoingMailAttachment
from tests.factories import UserFactory
from tests.funding.factories import ApplicationFactory, FundingCallFactory, applicant
from tests.funding.helpers import pdf_text

S = ApplicationStatus
CHANGELIST = "/en/admin/funding/application/"
CONDITIONS = {
    "fi": "Hankkeen on julkaistava tuloksensa avoimesti verkostolle.",
    "sv": "Projektet ska publicera sina resultat öppet för nätverket.",
    "en": "The project must publish its results openly to the network.",
}
REPORTING = {
    "fi": "Lainsäädännön kehittämistarpeet raportoidaan ministeriölle 30.6.2026 mennessä.",
    "sv": "Behoven av att utveckla lagstiftningen rapporteras till ministeriet senast 30.6.2026.",
    "en": "Legislative development needs are reported to the ministry by 30 June 2026.",
}


def letter_call(**kwargs):
    values = {
        "latest_cost_date": date(2026, 12, 31),
        **{f"decision_conditions_{lang}": text for lang, text in CONDITIONS.items()},
        **{f"decision_reporting_{lang}": text for lang, text in REPORTING.items()},
    }
    values.update(kwargs)
    return FundingCallFactory(**values)


def decided(
    outcome=S.FUNDED,
    *,
    status=DecisionStatus.CONFIRMED,
    language="fi",
    granted=Decimal("40000.00"),
    note="",
    call=None,
    contact=None,
):
    """An application with one decision; a confirmed one has moved the application to its outcome.

    The budget (from the factory) is 100 000 € in total, the request 50 000 €."""
    call = call or letter_call()
    contact = contact or applicant(call, language=language)
    funded = outcome == S.FUNDED
    confirmed = status == DecisionStatus.CONFIRMED
    application = ApplicationFactory(
        call=call,
        organisation=contact.organisation,
        language=language,
        status=outcome if confirmed else S.FURTHER_PLANNING,
        submitted_by=contact.user,
        submitted_at=timezone.now(),
        granted_amount=granted if funded and confirmed else None,
        partners=["Kuulas Terveysdata Oy"],
    )
    maker = UserFactory()
    Decision.objects.create(
        application=application,
        outcome=outcome,
        granted_amount=granted if funded else None,
        note=note,
        status=status,
        confirmed_by=maker if confirmed else None,
        confirmed_at=timezone.now() if confirmed else None,
    )
    return application


def letter_of(application, language=None) -> str:
    decision = letters.decision_for_letter(application, include_pending=True)
    return " ".join(pdf_text(letters.decision_letter_pdf(application, decision, language=language)).split())


def staff(group: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


# --- What the letter states --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_funding_letter_in_finnish_states_amount_share_period_conditions_and_reporting():
    application = decided(language="fi")
    text = letter_of(application)
    assert application.project_name in text
    assert application.organisation.name in text
    assert "40 000,00 €" in text  # granted
    assert "100 000,00 €" in text  # total costs
    assert "40,00 %" in text  # the granted share of this application's total costs
    assert "50,00 %" in text  # the call's largest share
    assert "1. tammikuuta 2025" in text and "31. joulukuuta 2026" in text
    assert CONDITIONS["fi"] in text
    assert REPORTING["fi"] in text
    assert "688/2001" in text
    assert "DRAFT" not in text


@pytest.mark.django_db
def test_a_funding_letter_in_swedish_uses_swedish_formats_and_texts():
    application = decided(language="sv", granted=Decimal("12345.5"))
    text = letter_of(application)
    assert "12 345,50 €" in text
    assert "12,35 %" in text
    assert "50,00 %" in text
    assert "1 januari 2025" in text and "31 december 2026" in text
    assert CONDITIONS["sv"] in text
    assert REPORTING["sv"] in text
    assert CONDITIONS["fi"] not in text


@pytest.mark.django_db
def test_a_funding_letter_in_english_explains_rectification():
    application = decided(language="en")
    text = letter_of(application)
    assert "€40,000.00" in text and "40.00%" in text and "50.00%" in text
    assert "Jan. 1, 2025" in text and "Dec. 31, 2026" in text
    assert "How to request rectification" in text
    assert "within 30 days" in text
    assert "kirjaamo.stm@gov.fi" in text
    assert CONDITIONS["en"] in text and REPORTING["en"] in text


@pytest.mark.django_db
def test_without_a_last_cost_date_the_period_is_the_project_period():
    application = decided(language="en", call=letter_call(latest_cost_date=None))
    text = letter_of(application)
    assert "on or after Jan. 1, 2025 and within the project period" in text


@pytest.mark.django_db
def test_a_letter_not_funding_gives_the_decision_and_its_grounds_and_no_amount():
    application = decided(S.NOT_FUNDED, language="en", note="Vaikuttavuuden arviointi jäi epäselväksi.")
    text = letter_of(application)
    assert "decided not to award a grant" in text
    assert "Vaikuttavuuden arviointi jäi epäselväksi." in text
    assert "Funding granted" not in text
    assert CONDITIONS["en"] not in text
    assert "How to request rectification" in text


@pytest.mark.django_db
def test_a_letter_not_choosing_says_so():
    application = decided(S.NOT_CHOSEN, language="en")
    text = letter_of(application)
    assert "not to choose the project" in text
    assert "compared against the call's evaluation criteria" in text  # grounds when no note was written


# --- Sending -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_letters_are_sent_once_with_the_pdf_to_the_contact_person(django_capture_on_commit_callbacks):
    coordinator = staff("Coordinators")
    funded = decided(language="fi")
    rejected = decided(S.NOT_FUNDED, language="sv", note="Ei rahoitusta.")
    contact_funded = funded.organisation.contact_persons.get()
    contact_rejected = rejected.organisation.contact_persons.get()

    assert letters.decision_letters_send(applications=[funded, rejected], actor=coordinator) == 2
    assert letters.decision_letters_send(applications=[funded, rejected], actor=coordinator) == 0

    mails = {m.to: m for m in OutgoingMail.objects.filter(template="funding_decision")}
    assert sorted(mails) == sorted([contact_funded.email, contact_rejected.email])
    assert mails[contact_funded.email].language == "fi"
    assert mails[contact_rejected.email].language == "sv"
    assert mails[contact_funded.email].subject.endswith(funded.project_name)
    assert "40\xa0000,00\xa0€" in mails[contact_funded.email].body_text
    assert mails[contact_funded.email].attachment_count == 1
    attachment = OutgoingMailAttachment.objects.get(mail=mails[contact_funded.email])
    filename = letters.letter_filename(funded, language="fi")
    assert filename.endswith(f"-{funded.pk}.pdf")
    assert (attachment.filename, attachment.mimetype) == (filename, "application/pdf")
    content = bytes(attachment.content)
    assert content.startswith(b"%PDF-")
    assert "40 000,00 €" in " ".join(pdf_text(content).split())

    decision = Decision.objects.get(application=funded)
    assert decision.letter_sent_at is not None
    entries = AuditEntry.objects.filter(action="funding.decision.letter_sent")
    assert entries.count() == 2
    entry = entries.get(object_id=str(decision.pk))
    assert entry.actor_id == coordinator.pk
    assert entry.object_type == "funding.decision"
    assert entry.old == {"letter_sent_at": None}
    assert entry.new["outcome"] == "funded"
    assert entry.new["application"] == funded.pk
    assert entry.new["language"] == "fi"
    assert entry.new["mail"] == mails[contact_funded.email].pk


@pytest.mark.django_db
def test_a_decision_recorded_and_confirmed_through_the_review_services_gets_its_letter():
    from funding.services import review

    coordinator, maker = staff("Coordinators"), staff("Decision makers")
    call = letter_call()
    contact = applicant(call, language="sv")
    application = ApplicationFactory(
        call=call, organisation=contact.organisation, language="sv", status=S.FURTHER_PLANNING
    )
    decision = review.decision_record(
        application=application, actor=coordinator, outcome=S.FUNDED, granted_amount=Decimal("30000")
    )
    assert letters.decision_letters_send(applications=[application], actor=coordinator) == 0  # pending
    review.decision_confirm(decision=decision, actor=maker)
    assert letters.decision_letters_send(applications=[application], actor=coordinator) == 1
    mail = OutgoingMail.objects.get(template="funding_decision")
    assert (mail.to, mail.language) == (contact.email, "sv")
    content = bytes(OutgoingMailAttachment.objects.get(mail=mail).content)
    assert "30 000,00 €" in " ".join(pdf_text(content).split())


@pytest.mark.django_db
def test_pending_cancelled_undecided_and_not_final_decisions_never_produce_a_letter():
    coordinator = staff("Coordinators")
    pending = decided(status=DecisionStatus.PENDING)
    cancelled = decided(S.NOT_FUNDED, status=DecisionStatus.CANCELLED)
    chosen = decided(S.CHOSEN)  # released, but the road goes on: no letter yet
    undecided = ApplicationFactory(status=S.UNDER_REVIEW)
    # A funding decision released earlier, and a new one recorded after it that waits for confirmation:
    # the latest decision counts.
    later_pending = decided(S.NOT_CHOSEN)
    Decision.objects.create(application=later_pending, outcome=S.FUNDED, granted_amount=Decimal("1.00"))

    sent = letters.decision_letters_send(
        applications=[pending, cancelled, chosen, undecided, later_pending], actor=coordinator
    )
    assert sent == 0
    assert OutgoingMail.objects.count() == 0
    assert AuditEntry.objects.filter(action="funding.decision.letter_sent").count() == 0
    assert not Decision.objects.filter(letter_sent_at__isnull=False).exists()


@pytest.mark.django_db
def test_the_letter_goes_to_the_submitter_and_one_mail_per_application():
    call = letter_call()
    primary = applicant(call, language="fi")
    submitter = applicant(call, organisation=primary.organisation, language="fi")
    application = decided(call=call, contact=submitter)
    assert letters.decision_letters_send(applications=[application.pk], actor=staff("Coordinators")) == 1
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == [submitter.email]


@pytest.mark.django_db
def test_the_letters_arrive_at_the_smtp_server_with_their_pdf(smtp, django_capture_on_commit_callbacks):
    coordinator = staff("Coordinators")
    application = decided(language="fi")
    contact = application.organisation.contact_persons.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert letters.decision_letters_send(applications=[application], actor=coordinator) == 1
    mail = OutgoingMail.objects.get()
    mail.refresh_from_db()
    [received] = smtp.wait_for(1)
    assert mail.state == "sent"
    assert received.rcpt_tos == [contact.email]
    assert application.project_name in received.subject
    parts = {part.get_filename(): part for part in received.attachments()}
    filename = letters.letter_filename(application, language="fi")
    assert list(parts) == [filename]
    pdf = parts[filename]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_content() == bytes(OutgoingMailAttachment.objects.get(mail=mail).content)
    assert "40 000,00 €" in " ".join(pdf_text(pdf.get_content()).split())


def test_two_coordinators_sending_at_once_send_each_letter_once(transactional_db, monkeypatch):
    monkeypatch.setattr(letters, "render_pdf", lambda **kwargs: b"%PDF-1.7 letter")
    applications = [decided(language="fi") for _ in range(3)]
    coordinators = [staff("Coordinators"), staff("Coordinators")]
    barrier = threading.Barrier(2)
    results: list[int] = []
    errors: list[BaseException] = []

    def worker(actor) -> None:
        try:
            barrier.wait(timeout=30)
            results.append(letters.decision_letters_send(applications=applications, actor=actor))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(c,)) for c in coordinators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(results) == [0, 3]
    assert OutgoingMail.objects.filter(template="funding_decision").count() == 3
    assert AuditEntry.objects.filter(action="funding.decision.letter_sent").count() == 3


# --- The admin action and the preview ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_action_sends_and_reports_sent_and_skipped(client):
    client.force_login(staff("Coordinators"))
    funded = decided()
    pending = decided(status=DecisionStatus.PENDING)
    data = {"action": "send_decision_letters", "_selected_action": [funded.pk, pending.pk], "index": "0"}

    response = client.post(CHANGELIST, data, follow=True)
    assert response.status_code == 200
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("1 decision letter was sent." in t and "1 application was skipped" in t for t in texts), texts
    assert OutgoingMail.objects.count() == 1

    response = client.post(CHANGELIST, data, follow=True)
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("0 decision letters were sent." in t and "2 applications were skipped" in t for t in texts), (
        texts
    )
    assert OutgoingMail.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["Steering group", "Decision makers", None])
def test_only_those_allowed_may_send_letters_whoever_calls_the_service(group):
    from funding.services import FundingError

    funded = decided()
    actor = staff(group) if group else None
    with pytest.raises(FundingError) as error:
        letters.decision_letters_send(applications=[funded], actor=actor)
    assert error.value.code == "forbidden"
    assert OutgoingMail.objects.count() == 0
    assert Decision.objects.get(application=funded).letter_sent_at is None


@pytest.mark.django_db
def test_the_steering_group_cannot_send_letters(client):
    client.force_login(staff("Steering group"))
    funded = decided()
    client.post(
        CHANGELIST, {"action": "send_decision_letters", "_selected_action": [funded.pk], "index": "0"}
    )
    assert OutgoingMail.objects.count() == 0
    assert Decision.objects.get(application=funded).letter_sent_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group", "expected"),
    [("Coordinators", 200), ("Decision makers", 200), ("Steering group", 403)],
)
def test_the_letter_preview_by_role(client, group, expected):
    client.force_login(staff(group))
    application = decided(status=DecisionStatus.PENDING, language="en")
    response = client.get(f"/fi/admin/funding/application/{application.pk}/decision-letter/")
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        text = " ".join(pdf_text(response.content).split())
        assert "DRAFT: this decision has not been confirmed" in text
        assert "€40,000.00" in text
        assert OutgoingMail.objects.count() == 0


@pytest.mark.django_db
def test_no_preview_without_a_decision(client):
    client.force_login(staff("Coordinators"))
    application = ApplicationFactory(status=S.UNDER_REVIEW)
    response = client.get(f"/fi/admin/funding/application/{application.pk}/decision-letter/")
    assert response.status_code == 404
