"""The pages: the call page, starting, editing, conflicts, submitting, and who may see what."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from funding import services
from funding.models import Application, Attachment, FormQuestion
from outbox.models import OutgoingMail
from tests.factories import ContactPersonFactory, OrganisationFactory
from tests.funding.factories import (
    ApplicationFactory,
    CallQuestionFactory,
    FundingCallFactory,
    RegionOrganisationFactory,
    answer,
    applicant,
)
from tests.funding.helpers import office_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


PROJECT_FIELDS = ("project_name", "use_case", "summary")


def _section_for(application, overrides) -> str:
    """The section the overrides belong to (the page saves one section at a time)."""
    questions = {q.key: q for q in FormQuestion.objects.filter(call_id=application.call_id)}
    for name in overrides:
        if name in questions:
            return f"s{questions[name].section_id}"
        if name.startswith("partners-"):
            return "partners"
        if name.startswith("budget-") or name == "requested_amount":
            return "budget"
        if name == "new_attachment":
            return "attachments"
    return "project"


def form_data(application: Application, section: str | None = None, **overrides) -> dict:
    """One section of the edit form as a browser posts it, from the saved application: the section
    the overrides belong to (question keys stand for their fields) unless ``section`` is given."""
    section = section or _section_for(application, overrides)
    data = {"version": application.version, "section": section}
    if section == "project":
        data.update({name: getattr(application, name) for name in PROJECT_FIELDS})
    elif section == "budget":
        lines = list(application.budget_lines.all())
        amount = application.requested_amount
        data["requested_amount"] = "" if amount is None else str(amount)
        data.update({"budget-TOTAL_FORMS": len(lines), "budget-INITIAL_FORMS": len(lines)})
        for i, b in enumerate(lines):
            data.update(
                {
                    f"budget-{i}-category": b.category,
                    f"budget-{i}-year": b.year,
                    f"budget-{i}-amount": str(b.amount),
                }
            )
    elif section == "partners":
        partners = list(application.partners.all())
        data.update({"partners-TOTAL_FORMS": len(partners), "partners-INITIAL_FORMS": len(partners)})
        for i, p in enumerate(partners):
            data.update(
                {f"partners-{i}-name": p.name, f"partners-{i}-type": p.type, f"partners-{i}-role": p.role}
            )
    elif section.startswith("s"):
        stored = dict(application.answers.values_list("question_id", "value"))
        for question in FormQuestion.objects.filter(section_id=int(section[1:])):
            data.update(field_data(question, stored.get(question.pk)))
    questions = {q.key: q for q in FormQuestion.objects.filter(call_id=application.call_id)}
    for name, value in overrides.items():
        if name in questions:
            data.update(field_data(questions[name], value))
        else:
            data[name] = value
    return {k: v for k, v in data.items() if v is not None}


def field_data(question, value) -> dict:
    """What the field of ``question`` posts for ``value`` (None: nothing for an unticked box)."""
    name = f"q_{question.key}"
    if question.kind == "confirm":
        return {name: "on" if value is True else None}
    if question.kind == "yes_no":
        value = value or {}
        answer = value.get("answer")
        return {
            f"{name}_0": "" if answer is None else ("yes" if answer else "no"),
            f"{name}_1": value.get("explanation") or "",
        }
    if question.kind == "multiple_choice":
        return {name: list(value or [])}
    return {name: "" if value is None else value}


def url(application, suffix="") -> str:
    return f"/fi/funding/applications/{application.pk}/{suffix}"


# --- The call page --------------------------------------------------------------------------------


def test_the_call_page_shows_the_current_call_with_a_live_status(client):
    now = timezone.now()
    FundingCallFactory(
        title="Vanha haku", opens_at=now - timedelta(days=90), closes_at=now - timedelta(days=60)
    )
    current = FundingCallFactory(title="Nykyinen haku", closes_at=now + timedelta(days=2, hours=3, minutes=1))
    CallQuestionFactory(call=current, question_fi="Kuka voi hakea?")
    with translation.override("en"):
        html = client.get("/en/funding/").content.decode()
    assert "<h1>Funding call" in html  # the English title of the current call
    assert current.title_en in html
    assert "closes in 2\xa0days, 3\xa0hours" in html
    assert "Kuka voi hakea?" in html
    assert "Sign in to apply" in html


def test_the_call_page_of_a_closed_and_an_upcoming_call(client):
    now = timezone.now()
    closed = FundingCallFactory(opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1))
    upcoming = FundingCallFactory(
        opens_at=now + timedelta(days=3, minutes=5), closes_at=now + timedelta(days=30)
    )
    assert "the call closed on" in client.get(f"/en/funding/calls/{closed.slug}/").content.decode()
    assert "opens in 3\xa0days" in client.get(f"/en/funding/calls/{upcoming.slug}/").content.decode()
    assert client.get("/en/funding/calls/no-such-call/").status_code == 404


def test_no_call_at_all(client):
    assert client.get("/en/funding/").status_code == 200


def test_the_call_page_query_count_does_not_grow(client):
    call = FundingCallFactory()
    contact = applicant(call)
    client.force_login(contact.user)

    def grow(n):
        call.eligible_organisations.add(*RegionOrganisationFactory.create_batch(n))
        CallQuestionFactory.create_batch(n, call=call)

    grow(10)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/fi/funding/").status_code == 200
    grow(290)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/fi/funding/").status_code == 200
    assert len(many) == len(few)


def test_the_front_page_shows_the_funding_call_status(client):
    call = FundingCallFactory(title_en="Open AI call")
    html = client.get("/en/").content.decode()
    assert "Open AI call" in html
    assert 'href="/en/funding/"' in html
    assert call.title_en in html


# --- Starting -------------------------------------------------------------------------------------


def test_an_eligible_contact_person_starts_an_application(client):
    call = FundingCallFactory()
    contact = applicant(call)
    client.force_login(contact.user)
    page = client.get(f"/fi/funding/calls/{call.slug}/apply/")
    assert page.status_code == 200
    response = client.post(
        f"/fi/funding/calls/{call.slug}/apply/",
        {"organisation": contact.organisation.pk, "project_name": "Tulkki"},
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/fi/funding/applications/{application.pk}/"
    assert (application.organisation, application.project_name) == (contact.organisation, "Tulkki")


def test_a_non_eligible_organisation_sees_why_and_cannot_create(client):
    call = FundingCallFactory()
    company = ContactPersonFactory(organisation=OrganisationFactory(name="Yritys Oy"))
    client.force_login(company.user)
    with translation.override("en"):
        html = client.get(f"/en/funding/calls/{call.slug}/apply/").content.decode()
    assert "Yritys Oy cannot be the lead applicant in this call" in html
    response = client.post(f"/en/funding/calls/{call.slug}/apply/", {"organisation": company.organisation.pk})
    assert response.status_code == 400
    # Nor by naming an eligible organisation it does not belong to.
    other = RegionOrganisationFactory()
    call.eligible_organisations.add(other)
    response = client.post(f"/en/funding/calls/{call.slug}/apply/", {"organisation": other.pk})
    assert response.status_code == 400
    assert Application.objects.count() == 0


def test_a_person_without_an_organisation_is_told_so(client):
    from tests.factories import UserFactory

    call = FundingCallFactory()
    client.force_login(UserFactory())
    html = client.get(f"/en/funding/calls/{call.slug}/apply/").content.decode()
    assert "you are not a contact person of any member organisation" in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    call = FundingCallFactory()
    application = ApplicationFactory(call=call)
    for path in (f"/fi/funding/calls/{call.slug}/apply/", "/fi/funding/applications/", url(application)):
        response = client.get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


# --- Editing ----------------------------------------------------------------------------------------


def test_saving_a_draft_with_partners_budget_and_an_attachment(client):
    application = ApplicationFactory(summary="", budget=[])
    contact = applicant(application.call, organisation=application.organisation)
    client.force_login(contact.user)
    assert client.get(url(application)).status_code == 200
    posts = [
        {
            "partners-TOTAL_FORMS": 2,
            "partners-0-name": "Kuulas Oy",
            "partners-0-type": "company",
            "partners-0-business_id": "",
        },
        {
            "budget-TOTAL_FORMS": 3,
            "budget-0-category": "external_technology",
            "budget-0-year": "2025",
            "budget-0-amount": "70 000,50",
            "budget-1-category": "own_personnel",
            "budget-1-year": "2026",
            "budget-1-amount": "29 999,50",
            "requested_amount": "45 678,90",
        },
        {"new_attachment": upload("Hankesuunnitelma.pdf", pdf_bytes())},
    ]
    for overrides in posts:
        application.refresh_from_db()
        response = client.post(url(application), form_data(application, action="save", **overrides))
        assert response.status_code == 302
    application.refresh_from_db()
    assert application.version == 4
    assert application.requested_amount == Decimal("45678.90")
    assert [(b.year, b.amount) for b in application.budget_lines.all()] == [
        (2025, Decimal("70000.50")),
        (2026, Decimal("29999.50")),
    ]
    assert [p.name for p in application.partners.all()] == ["Kuulas Oy"]
    [attachment] = application.attachments.all()
    assert (attachment.filename, attachment.question) == ("Hankesuunnitelma.pdf", None)
    page = client.get(url(application)).content.decode()
    assert "100\xa0000,00\xa0€" in page
    assert "45,68\xa0%" in page


def test_add_rows_saves_and_shows_more_rows(client):
    application = ApplicationFactory()
    contact = applicant(application.call, organisation=application.organisation)
    client.force_login(contact.user)
    response = client.post(url(application), form_data(application, "partners", action="add_partners"))
    assert response.status_code == 302
    assert response["Location"] == f"{url(application)}?section=partners&partners=3#partners"
    html = client.get(response["Location"]).content.decode()
    assert 'name="partners-TOTAL_FORMS" value="3"' in html


def test_a_stale_save_shows_what_changed_and_keeps_the_users_text(client):
    application = ApplicationFactory(risks="Alkuperäinen")
    first = applicant(application.call, organisation=application.organisation)
    second = applicant(application.call, organisation=application.organisation)
    stale = form_data(application, risks="Toisen teksti", action="save")
    client.force_login(first.user)
    assert (
        client.post(url(application), form_data(application, risks="Ensimmäisen teksti")).status_code == 302
    )
    client.force_login(second.user)
    with translation.override("en"):
        response = client.post(url(application).replace("/fi/", "/en/"), stale)
    html = response.content.decode()
    assert response.status_code == 409
    assert "the parts you both changed are shown below with both values" in html
    assert "<strong>Saved:</strong> Ensimmäisen teksti</p>" in html
    assert "Toisen teksti</textarea>" in html
    assert 'name="version" value="2"' in html
    application.refresh_from_db()
    assert (answer(application, "risks"), application.version) == ("Ensimmäisen teksti", 2)
    # Saving again, knowingly, replaces the saved version.
    assert client.post(url(application), {**stale, "version": 2}).status_code == 302
    assert answer(application, "risks") == "Toisen teksti"


def test_invalid_input_is_shown_not_a_server_error(client):
    application = ApplicationFactory()
    contact = applicant(application.call, organisation=application.organisation)
    client.force_login(contact.user)
    cases = [
        {"version": "abc"},
        {"requested_amount": "paljon"},
        {"budget-0-year": "2024"},
        {"budget-0-amount": "-5"},
        {"budget-TOTAL_FORMS": "100000"},
        {"partners-TOTAL_FORMS": "x"},
        {"use_case": "not-a-use-case"},
        {"new_attachment": upload("virus.pdf", b"MZ\x90\x00")},
    ]
    for overrides in cases:
        response = client.post(url(application), form_data(application, **overrides))
        assert response.status_code == 400, overrides
    assert client.get(url(application) + "?partners=abc&budget=-4").status_code == 200
    application.refresh_from_db()
    assert application.version == 1


def test_submitting_an_incomplete_application_lists_every_missing_item(client):
    application = ApplicationFactory(summary="", risks="", commitment_evaluation=False)
    contact = applicant(application.call, organisation=application.organisation)
    client.force_login(contact.user)
    with translation.override("en"):
        response = client.post(
            url(application).replace("/fi/", "/en/"), form_data(application, action="submit")
        )
    html = response.content.decode()
    assert response.status_code == 400
    problems = re.search(r'<ul class="problems">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", problems) == [
        "Summary is missing.",
        "Risks is missing.",
        "Confirm the commitment: The project assesses its impacts and effectiveness following THL&#x27;s "
        "evaluation guidance.",
    ]
    application.refresh_from_db()
    assert (application.status, application.version) == ("draft", 2)


def test_submitting_after_the_deadline_keeps_the_draft(client):
    application = ApplicationFactory(call__closes_at=timezone.now() - timedelta(seconds=1))
    contact = applicant(application.call, organisation=application.organisation)
    client.force_login(contact.user)
    with translation.override("en"):
        response = client.post(
            url(application).replace("/fi/", "/en/"), form_data(application, action="submit", risks="Uusi")
        )
    assert response.status_code == 400
    assert "Your draft is saved, but it can no longer be submitted." in response.content.decode()
    application.refresh_from_db()
    assert (application.status, answer(application, "risks")) == ("draft", "Uusi")


def test_submitting_and_the_read_only_page(client, django_capture_on_commit_callbacks):
    application = ApplicationFactory(project_name="Oirearvio")
    contact = applicant(application.call, organisation=application.organisation)
    client.force_login(contact.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(application), form_data(application, action="submit"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"
    assert OutgoingMail.objects.filter(template="funding_receipt", to=contact.email).count() == 1
    html = client.get(url(application)).content.decode()
    assert "<textarea" not in html
    assert "100\xa0000,00\xa0€" in html
    # Posting the form again changes nothing.
    client.post(url(application), form_data(application, risks="Muutos"))
    application.refresh_from_db()
    assert answer(application, "risks") == "Kuvaus osiosta."
    pdf = client.get(url(application, "pdf/"))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    # Withdrawing, then reopening.
    assert client.get(url(application, "withdraw/")).status_code == 200
    assert client.post(url(application, "withdraw/")).status_code == 302
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert client.post(url(application, "reopen/")).status_code == 302
    application.refresh_from_db()
    assert application.status == "draft"


# --- Who may see what -------------------------------------------------------------------------------


def test_organisation_a_cannot_see_change_or_submit_bs_application(client):
    call = FundingCallFactory()
    a = applicant(call)
    b_application = ApplicationFactory(call=call, project_name="B:n salainen hanke")
    b = applicant(call, organisation=b_application.organisation)
    services.application_save(
        application=b_application,
        version=1,
        draft=services.Draft(
            values={n: getattr(b_application, n) for n in services.EDITABLE_FIELDS},
            budget_lines=[services.BudgetLineData("other", 2025, Decimal("100000.00"))],
        ),
        actor=b.user,
        add_files=[upload("b.docx", office_bytes("docx"))],
    )
    b_application.refresh_from_db()
    attachment = Attachment.objects.get()
    client.force_login(a.user)
    for path in (
        url(b_application),
        url(b_application, "pdf/"),
        url(b_application, "withdraw/"),
        url(b_application, f"attachments/{attachment.pk}/"),
    ):
        assert client.get(path).status_code == 404, path
    for path in (url(b_application), url(b_application, "withdraw/"), url(b_application, "reopen/")):
        assert client.post(path, form_data(b_application, action="submit")).status_code == 404, path
    assert "B:n salainen hanke" not in client.get("/fi/funding/applications/").content.decode()
    b_application.refresh_from_db()
    assert (b_application.status, b_application.version) == ("draft", 2)
    # An attachment id of B's under A's own application is not found either.
    own = ApplicationFactory(call=call, organisation=a.organisation)
    assert client.get(url(own, f"attachments/{attachment.pk}/")).status_code == 404
    # B's contact person gets the file, with its sanitised name, as a download.
    client.force_login(b.user)
    response = client.get(url(b_application, f"attachments/{attachment.pk}/"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="b.docx"'
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_my_applications_lists_the_organisations_applications_in_constant_queries(client):
    call = FundingCallFactory()
    contact = applicant(call)
    ApplicationFactory(call=call, project_name="Toisen organisaation hanke")
    client.force_login(contact.user)

    def grow(n):
        for _ in range(n):
            ApplicationFactory(call=call, organisation=contact.organisation, budget=[], partners=None)

    grow(10)
    with CaptureQueriesContext(connection) as few:
        response = client.get("/fi/funding/applications/")
    assert response.content.decode().count('class="application-status"') == 10
    grow(290)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/fi/funding/applications/")
    assert response.content.decode().count('class="application-status"') == 300
    assert len(many) == len(few)
    assert "Toisen organisaation hanke" not in response.content.decode()


def test_call_documents_are_served(client):
    from django.core.files.base import ContentFile

    from funding.models import CallDocument

    call = FundingCallFactory()
    document = CallDocument(call=call, title_fi="Tarkistuslista", title="Tarkistuslista")
    document.file.save("tarkistuslista.pdf", ContentFile(pdf_bytes()), save=False)
    document.save()
    html = client.get(f"/fi/funding/calls/{call.slug}/").content.decode()
    assert f"/fi/funding/calls/{call.slug}/documents/{document.pk}/" in html
    response = client.get(f"/fi/funding/calls/{call.slug}/documents/{document.pk}/")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert client.get(f"/fi/funding/calls/{call.slug}/documents/999999/").status_code == 404


def test_attachments_are_stored_outside_the_public_media_root(settings):
    from pathlib import Path

    from funding.models import private_storage

    location = Path(private_storage.location)
    assert location == Path(settings.PRIVATE_MEDIA_ROOT) / "funding"
    assert Path(settings.MEDIA_ROOT) not in location.parents


def test_the_applicants_page_keeps_a_constant_number_of_queries(client):
    """Every section of the page, at 1 and at 30 partners, budget lines, attachments and questions alike."""
    from core.questionnaires.kinds import FormKind
    from funding.models import Answer, BudgetLine, FormChoice, FormSection, Partner

    call = FundingCallFactory()
    contact = applicant(call)
    application = ApplicationFactory(call=call, organisation=contact.organisation, budget=[], partners=None)
    extra = FormSection.objects.create(call=call, order=99, title="Lisäkysymykset", title_fi="Lisäkysymykset")
    client.force_login(contact.user)
    url = f"/fi/funding/applications/{application.pk}/"
    kinds = [kind for kind in FormKind.values if kind != FormKind.FILE]
    values = {
        "long_text": "Pitkä vastaus",
        "short_text": "Lyhyt",
        "number": "12.5",
        "money": "1000.00",
        "date": "2026-05-01",
        "choice": "a",
        "multiple_choice": ["a", "b"],
        "yes_no": {"answer": True, "explanation": "Siksi"},
        "confirm": True,
    }

    def grow(to: int) -> None:
        have = application.partners.count()
        Partner.objects.bulk_create(
            Partner(application=application, name=f"Kumppani {n}", type="company", order=n)
            for n in range(have, to)
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(
                application=application,
                category="own_personnel",
                year=2026,
                amount=Decimal("100.00"),
                order=n,
            )
            for n in range(have, to)
        )
        Attachment.objects.bulk_create(
            Attachment(
                application=application, file=f"a/{n}.pdf", filename=f"liite-{n}.pdf", kind="pdf", size=10
            )
            for n in range(have, to)
        )
        for n in range(have, to):
            kind = kinds[n % len(kinds)]
            question = FormQuestion.objects.create(
                section=extra,
                key=f"lisa-{n}",
                order=n,
                kind=kind,
                label=f"Kysymys {n}",
                label_fi=f"Kysymys {n}",
            )
            FormChoice.objects.bulk_create(
                FormChoice(question=question, value=v, label=v.upper(), label_fi=v.upper(), order=i)
                for i, v in enumerate("abc")
            )
            Answer.objects.create(application=application, question=question, value=values[kind])

    sections = ["project", "partners", "budget", "attachments", f"s{extra.pk}"]
    counts: dict[str, list[int]] = {}
    for size in (1, 30):
        grow(size)
        for section in sections:
            client.get(f"{url}?section={section}")  # warm the caches
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"{url}?section={section}")
            assert response.status_code == 200
            counts.setdefault(section, []).append(len(queries))
            html = response.content.decode()
            if section == "partners":
                assert html.count('class="row partner-row"') == size + 1
            elif section == "budget":
                assert html.count('class="row budget-row"') == size + 1
            elif section == "attachments":
                assert html.count(f"/fi/funding/applications/{application.pk}/attachments/") == size
            elif section == f"s{extra.pk}":
                assert html.count("Kysymys ") == size
    assert {s: c[0] for s, c in counts.items()} == {s: c[1] for s, c in counts.items()}
