"""The services: eligibility, drafts and their versions, the money rules, submitting at the deadline."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.models import AuditEntry
from funding import services
from funding.enums import ApplicationStatus, BudgetCategory
from funding.form_template import DEFAULT_KEYS
from funding.models import Application, Attachment
from funding.services import BudgetLineData, Draft, FundingError, PartnerData, StaleApplication
from members.enums import MembershipStatus, OrganisationType
from outbox.models import OutgoingMail
from tests.factories import ContactPersonFactory, OrganisationFactory
from tests.funding.factories import ApplicationFactory, FundingCallFactory, answer, applicant
from tests.funding.helpers import office_bytes, pdf_bytes, pdf_text, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English (the msgids), whatever the catalogues hold."""
    from django.utils import translation

    with translation.override("en"):
        yield


def audit_actions(obj) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def draft_of(application: Application, **values) -> Draft:
    """The whole application as a draft; the answers to the call's questions by key."""
    base = {name: getattr(application, name) for name in services.EDITABLE_FIELDS}
    answers = {key: values.pop(key) for key in list(values) if key in DEFAULT_KEYS}
    base.update(values)
    lines = [
        BudgetLineData(b.category, b.year, b.amount, b.description) for b in application.budget_lines.all()
    ]
    partners = [PartnerData(p.name, p.type, p.role, p.business_id) for p in application.partners.all()]
    return Draft(values=base, partners=partners, budget_lines=lines, answers=answers)


# --- Starting ---------------------------------------------------------------------------------------


def test_a_contact_person_of_an_eligible_organisation_starts_a_draft():
    call = FundingCallFactory()
    contact = applicant(call, language="sv")
    application = services.application_create(
        call=call, organisation=contact.organisation, actor=contact.user, project_name="  Tukiäly  "
    )
    assert (application.status, application.version, application.project_name) == ("draft", 1, "Tukiäly")
    assert application.language == "sv"
    assert audit_actions(application) == ["funding.application.created"]


def test_a_non_eligible_organisation_cannot_start_one():
    call = FundingCallFactory()
    contact = ContactPersonFactory(organisation=OrganisationFactory(type=OrganisationType.COMPANY))
    with pytest.raises(FundingError) as refused:
        services.application_create(call=call, organisation=contact.organisation, actor=contact.user)
    assert refused.value.code == "ineligible"
    assert "cannot be the lead applicant" in refused.value.message
    assert Application.objects.count() == 0


def test_only_the_organisations_contact_persons_can_start_one():
    call = FundingCallFactory()
    contact = applicant(call)
    outsider = ContactPersonFactory()
    with pytest.raises(FundingError) as refused:
        services.application_create(call=call, organisation=contact.organisation, actor=outsider.user)
    assert refused.value.code == "forbidden"


def test_a_pending_member_cannot_start_one():
    call = FundingCallFactory()
    contact = applicant(call)
    contact.organisation.status = MembershipStatus.PENDING
    contact.organisation.save()
    with pytest.raises(FundingError):
        services.application_create(call=call, organisation=contact.organisation, actor=contact.user)


def test_no_application_can_be_started_in_a_closed_call():
    now = timezone.now()
    call = FundingCallFactory(opens_at=now - timedelta(days=30), closes_at=now - timedelta(seconds=1))
    contact = applicant(call)
    with pytest.raises(FundingError) as refused:
        services.application_create(call=call, organisation=contact.organisation, actor=contact.user)
    assert refused.value.code == "closed"


# --- Saving drafts ------------------------------------------------------------------------------------


def test_an_incomplete_draft_is_saved_and_its_version_grows():
    call = FundingCallFactory()
    contact = applicant(call)
    application = services.application_create(
        call=call, organisation=contact.organisation, actor=contact.user
    )
    saved = services.application_save(
        application=application,
        version=1,
        draft=Draft(
            values={"project_name": "Puheentunnistus", "requested_amount": Decimal("1000.5")},
            partners=[PartnerData("Kuulas Oy", OrganisationType.COMPANY, "Toimittaja", "")],
            budget_lines=[BudgetLineData(BudgetCategory.EXTERNAL_SERVICES, 2025, Decimal("2001.00"))],
        ),
        actor=contact.user,
    )
    saved.refresh_from_db()
    assert (saved.version, saved.project_name, saved.requested_amount) == (
        2,
        "Puheentunnistus",
        Decimal("1000.50"),
    )
    assert [(p.name, p.role) for p in saved.partners.all()] == [("Kuulas Oy", "Toimittaja")]
    assert [(b.year, b.amount) for b in saved.budget_lines.all()] == [(2025, Decimal("2001.00"))]
    assert audit_actions(saved) == ["funding.application.created", "funding.application.saved"]
    entry = AuditEntry.objects.filter(action="funding.application.saved").get()
    assert entry.new["changed"] == ["project_name", "requested_amount", "partners", "budget_lines"]


def test_another_contact_person_of_the_organisation_can_edit_the_draft():
    application = ApplicationFactory()
    colleague = applicant(application.call, organisation=application.organisation)
    saved = services.application_save(
        application=application, version=1, draft=draft_of(application, risks="Uusi"), actor=colleague.user
    )
    assert (answer(saved, "risks"), saved.updated_by) == ("Uusi", colleague.user)


def test_a_stale_save_is_refused_and_nothing_is_overwritten():
    application = ApplicationFactory()
    first = applicant(application.call, organisation=application.organisation)
    second = applicant(application.call, organisation=application.organisation)
    services.application_save(
        application=application,
        version=1,
        draft=draft_of(application, summary="Ensimmäinen"),
        actor=first.user,
    )
    with pytest.raises(StaleApplication) as refused:
        services.application_save(
            application=application,
            version=1,
            draft=draft_of(application, summary="Toinen"),
            actor=second.user,
        )
    assert refused.value.current.summary == "Ensimmäinen"
    assert refused.value.current.version == 2
    assert first.user.get_full_name() in refused.value.message
    application.refresh_from_db()
    assert (application.summary, application.version) == ("Ensimmäinen", 2)
    assert audit_actions(application) == ["funding.application.saved"]


def test_a_cost_line_before_the_earliest_date_is_refused():
    application = ApplicationFactory()
    contact = applicant(application.call, organisation=application.organisation)
    draft = draft_of(application)
    draft.budget_lines.append(BudgetLineData(BudgetCategory.OTHER, 2024, Decimal("10.00")))
    with pytest.raises(FundingError) as refused:
        services.application_save(application=application, version=1, draft=draft, actor=contact.user)
    assert (
        refused.value.message == "Only costs from 01/01/2025 on are eligible: remove the cost lines for 2024."
    )


def test_a_request_above_half_of_the_costs_is_refused_with_the_numbers():
    application = ApplicationFactory()
    contact = applicant(application.call, organisation=application.organisation)
    draft = draft_of(application, requested_amount=Decimal("50000.01"))
    with pytest.raises(FundingError) as refused:
        services.application_save(application=application, version=1, draft=draft, actor=contact.user)
    assert refused.value.message == (
        "The funding requested, €50,000.01, is 50.00% of the total costs of €100,000.00. "
        "The call funds at most 50.00%: request at most €50,000.00."
    )
    application.refresh_from_db()
    assert application.requested_amount == Decimal("50000.00")


def test_exactly_half_is_accepted_and_the_share_is_computed_on_the_server():
    from funding.selectors import application_totals

    application = ApplicationFactory(
        requested_amount=Decimal("33333.33"),
        budget=[
            (BudgetCategory.EXTERNAL_TECHNOLOGY, 2025, Decimal("66666.66")),
            (BudgetCategory.OTHER, 2026, Decimal("0.01")),
        ],
    )
    totals = application_totals(application)
    assert (totals.total_cost, totals.requested, totals.share) == (
        Decimal("66666.67"),
        Decimal("33333.33"),
        Decimal("50.00"),
    )
    assert totals.by_year == [(2025, Decimal("66666.66")), (2026, Decimal("0.01"))]
    assert services.missing_items(application) == []


# --- Attachments ------------------------------------------------------------------------------------


def test_attachments_are_checked_from_their_content_and_their_names_sanitised():
    application = ApplicationFactory()
    contact = applicant(application.call, organisation=application.organisation)
    saved = services.application_save(
        application=application,
        version=1,
        draft=draft_of(application),
        actor=contact.user,
        add_files=[
            upload("../../etc/Budjetti 2025<script>.PDF", pdf_bytes()),
            upload("liite.xlsx", office_bytes("docx")),
            upload("taulukko", office_bytes("xlsx")),
        ],
    )
    assert list(saved.attachments.values_list("filename", "kind")) == [
        ("Budjetti 2025_script.pdf", "pdf"),
        ("liite.docx", "docx"),
        ("taulukko.xlsx", "xlsx"),
    ]
    stored = saved.attachments.first()
    with stored.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    with pytest.raises(ValueError):
        stored.file.url  # noqa: B018 - no public address


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00 an executable", b"PK\x03\x04 not really a zip", b"<html><script></script></html>"],
)
def test_a_file_of_another_type_is_refused_whatever_its_name(content):
    application = ApplicationFactory()
    contact = applicant(application.call, organisation=application.organisation)
    with pytest.raises(FundingError) as refused:
        services.application_save(
            application=application,
            version=1,
            draft=draft_of(application, risks="muutettu"),
            actor=contact.user,
            add_files=[upload("hakemus.pdf", content)],
        )
    assert refused.value.message == "The file hakemus.pdf is not a PDF, Word (DOCX) or Excel (XLSX) document."
    application.refresh_from_db()
    assert (answer(application, "risks"), application.version, Attachment.objects.count()) == (
        "Kuvaus osiosta.",
        1,
        0,
    )


def test_a_too_large_attachment_is_refused(settings):
    from funding import validators

    application = ApplicationFactory()
    contact = applicant(application.call, organisation=application.organisation)
    big = upload("iso.pdf", b"%PDF-1.7\n" + b"0" * (validators.ATTACHMENT_MAX_BYTES))
    with pytest.raises(FundingError) as refused:
        services.application_save(
            application=application,
            version=1,
            draft=draft_of(application),
            actor=contact.user,
            add_files=[big],
        )
    assert refused.value.message == "The file iso.pdf is too large: the largest allowed size is 10 MB."


# --- Submitting -------------------------------------------------------------------------------------


def test_submitting_a_complete_draft_queues_a_receipt_with_the_pdf(deliver):
    application = ApplicationFactory(project_name="Tukiäly päivystykseen", partners=["Kuulas Oy"])
    contact = applicant(application.call, organisation=application.organisation, language="fi")
    submitted = deliver(services.application_submit, application=application, actor=contact.user)
    assert (submitted.status, submitted.submitted_by, submitted.version) == ("submitted", contact.user, 2)
    assert audit_actions(submitted) == ["funding.application.submitted"]
    entry = AuditEntry.objects.get(action="funding.application.submitted")
    assert (entry.old, entry.new["status"], entry.new["share"]) == ({"status": "draft"}, "submitted", "50.00")
    mail = OutgoingMail.objects.get()
    assert (mail.to, mail.language, mail.template) == (contact.email, "fi", "funding_receipt")
    assert mail.subject.endswith(": Tukiäly päivystykseen")
    [attachment] = mail.attachments.all()
    assert (attachment.filename, attachment.mimetype) == (
        f"application-{application.pk}.pdf",
        "application/pdf",
    )
    text = pdf_text(bytes(attachment.content))
    assert "Tukiäly päivystykseen" in text
    assert "100 000,00 €" in text.replace("\u00a0", " ")
    assert "50,00 %" in text.replace("\u00a0", " ")
    assert "Kuulas Oy" in text


def test_the_receipt_is_in_the_submitters_language(deliver):
    application = ApplicationFactory(project_name="AI morning")
    contact = applicant(application.call, organisation=application.organisation, language="en")
    deliver(services.application_submit, application=application, actor=contact.user)
    mail = OutgoingMail.objects.get()
    assert mail.language == "en"
    assert "€100,000.00" in mail.body_text
    assert "50.00%" in mail.body_text
    text = pdf_text(bytes(mail.attachments.get().content))
    assert "€100,000.00" in text
    assert "€50,000.00" in text


def test_an_incomplete_application_lists_every_missing_item_at_once():
    application = ApplicationFactory(
        summary="", risks=" ", requested_amount=None, commitment_sharing=False, budget=[]
    )
    contact = applicant(application.call, organisation=application.organisation)
    with pytest.raises(FundingError) as refused:
        services.application_submit(application=application, actor=contact.user)
    assert refused.value.code == "incomplete"
    assert refused.value.problems == [
        "Summary is missing.",
        "Risks is missing.",
        "The budget has no cost lines.",
        "The funding requested is missing.",
        "Confirm the commitment: The project shares information with the ecosystem network and works "
        "through open questions and experiences together with the network as it progresses.",
    ]
    application.refresh_from_db()
    assert application.status == "draft"
    assert OutgoingMail.objects.count() == 0


def test_a_request_above_the_share_cannot_be_submitted():
    application = ApplicationFactory(requested_amount=Decimal("50000.01"))
    contact = applicant(application.call, organisation=application.organisation)
    with pytest.raises(FundingError) as refused:
        services.application_submit(application=application, actor=contact.user)
    assert len(refused.value.problems) == 1
    assert refused.value.problems[0].startswith("The funding requested, €50,000.01, is 50.00%")


def test_a_submission_one_second_before_closing_is_accepted():
    call = FundingCallFactory(closes_at=timezone.now() + timedelta(seconds=1))
    application = ApplicationFactory(call=call)
    contact = applicant(call, organisation=application.organisation)
    services.application_submit(application=application, actor=contact.user)
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.submitted_at < call.closes_at


def test_a_submission_one_second_after_closing_is_refused_and_the_draft_kept():
    call = FundingCallFactory(closes_at=timezone.now() - timedelta(seconds=1))
    application = ApplicationFactory(call=call, project_name="Myöhässä")
    contact = applicant(call, organisation=application.organisation)
    with pytest.raises(FundingError) as refused:
        services.application_submit(application=application, actor=contact.user)
    assert refused.value.code == "closed"
    assert "Your draft is saved, but it can no longer be submitted." in refused.value.message
    application.refresh_from_db()
    assert (application.status, application.project_name, application.version) == ("draft", "Myöhässä", 1)
    assert OutgoingMail.objects.count() == 0
    assert audit_actions(application) == []


def test_an_application_is_submitted_only_once(deliver):
    application = ApplicationFactory()
    contact = applicant(application.call, organisation=application.organisation)
    deliver(services.application_submit, application=application, actor=contact.user)
    with pytest.raises(FundingError) as refused:
        deliver(services.application_submit, application=application, actor=contact.user)
    assert refused.value.message == "The application has already been submitted."
    assert OutgoingMail.objects.count() == 1


def test_a_submitted_application_is_read_only():
    application = ApplicationFactory()
    contact = applicant(application.call, organisation=application.organisation)
    services.application_submit(application=application, actor=contact.user)
    with pytest.raises(FundingError) as refused:
        services.application_save(
            application=application, version=2, draft=draft_of(application, risks="x"), actor=contact.user
        )
    assert refused.value.code == "state"


def test_a_stale_version_cannot_be_submitted():
    application = ApplicationFactory()
    contact = applicant(application.call, organisation=application.organisation)
    services.application_save(
        application=application, version=1, draft=draft_of(application), actor=contact.user
    )
    with pytest.raises(StaleApplication):
        services.application_submit(application=application, actor=contact.user, version=1)


def test_an_outsider_cannot_submit():
    application = ApplicationFactory()
    outsider = applicant(application.call)
    with pytest.raises(FundingError) as refused:
        services.application_submit(application=application, actor=outsider.user)
    assert refused.value.code == "forbidden"


# --- Withdrawing and reopening ---------------------------------------------------------------------


def test_withdrawing_before_the_deadline_and_reopening():
    application = ApplicationFactory()
    contact = applicant(application.call, organisation=application.organisation)
    services.application_submit(application=application, actor=contact.user)
    withdrawn = services.application_withdraw(application=application, actor=contact.user)
    assert withdrawn.status == ApplicationStatus.WITHDRAWN
    reopened = services.application_reopen(application=application, actor=contact.user)
    assert (reopened.status, reopened.submitted_at) == ("draft", None)
    assert audit_actions(application) == [
        "funding.application.submitted",
        "funding.application.withdrawn",
        "funding.application.reopened",
    ]


def test_withdrawing_after_the_deadline_is_refused():
    application = ApplicationFactory(call__closes_at=timezone.now() + timedelta(seconds=30))
    contact = applicant(application.call, organisation=application.organisation)
    services.application_submit(application=application, actor=contact.user)
    type(application.call).objects.filter(pk=application.call.pk).update(
        closes_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(FundingError) as refused:
        services.application_withdraw(application=application, actor=contact.user)
    assert refused.value.message == "The call has closed, so the application can no longer be withdrawn."
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_draft_cannot_be_withdrawn():
    application = ApplicationFactory()
    contact = applicant(application.call, organisation=application.organisation)
    with pytest.raises(FundingError) as refused:
        services.application_withdraw(application=application, actor=contact.user)
    assert refused.value.message == "An application that is “Draft” cannot become “Withdrawn”."


def test_the_close_is_judged_by_when_the_request_arrived():
    call = FundingCallFactory(closes_at=timezone.now() - timedelta(milliseconds=5))
    application = ApplicationFactory(call=call)
    contact = applicant(call, organisation=application.organisation)
    arrived = call.closes_at - timedelta(milliseconds=1)
    services.application_submit(application=application, actor=contact.user, received_at=arrived)
    application.refresh_from_db()
    assert (application.status, application.submitted_at) == ("submitted", arrived)


def test_a_receipt_whose_hand_over_was_lost_is_sent_once_by_the_periodic_task(deliver, monkeypatch):
    from funding import receipts, tasks

    application = ApplicationFactory()
    contact = applicant(application.call, organisation=application.organisation)
    monkeypatch.setattr(tasks.application_receipt_send, "apply_async", _broker_down)
    deliver(services.application_submit, application=application, actor=contact.user)
    assert OutgoingMail.objects.count() == 0
    assert receipts.receipts_send_missing() == 0  # still within the grace period
    Application.objects.filter(pk=application.pk).update(submitted_at=timezone.now() - timedelta(minutes=3))
    monkeypatch.undo()
    assert receipts.receipts_send_missing() == 1
    assert receipts.receipts_send_missing() == 0
    assert list(OutgoingMail.objects.values_list("to", "template")) == [(contact.email, "funding_receipt")]


def _broker_down(*args, **kwargs):
    raise ConnectionError("broker down")
