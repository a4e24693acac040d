"""Every reader of an application reads the call's own form: a call with a new section and a question
of every kind, in three languages, shows its answers formatted in the reader's language in the receipt
PDF, on the review page and in the XLSX export; the review page and the export keep a constant number
of queries as questions and applications grow."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from funding.form_template import default_form_data
from funding.models import Attachment, FormQuestion, ReviewAssignment
from funding.receipts import application_pdf
from funding.services import review as services
from funding.services.forms import form_create
from tests.funding.factories import FundingCallFactory
from tests.funding.helpers import html_text, layout_free, pdf_text
from tests.funding.review_factories import coordinator, reviewer, submitted_application

pytestmark = pytest.mark.django_db


def _t(fi: str, sv: str, en: str) -> dict[str, str]:
    return {"fi": fi, "sv": sv, "en": en}


def _q(key, kind, label, *, choices=(), required=True, max_chars=None):
    return {
        "key": key,
        "kind": kind,
        "label": label,
        "help_text": {},
        "required": required,
        "max_chars": max_chars,
        "choices": [{"value": value, "label": text} for value, text in choices],
    }


NEW_SECTION = {
    "title": _t("Hankinnat", "Upphandlingar", "Procurement"),
    "intro": _t("Hankintojen suunnitelma.", "Planen för upphandlingar.", "The procurement plan."),
    "questions": [
        _q(
            "plan",
            "long_text",
            _t("Hankintasuunnitelma", "Upphandlingsplan", "Procurement plan"),
            max_chars=2000,
        ),
        _q("supplier", "short_text", _t("Toimittaja", "Leverantör", "Supplier")),
        _q("licences", "number", _t("Lisenssien määrä", "Antal licenser", "Number of licences")),
        _q("contract", "money", _t("Sopimuksen arvo", "Avtalets värde", "Value of the contract")),
        _q(
            "tender_date",
            "date",
            _t("Tarjouspyynnön päivä", "Datum för anbudsförfrågan", "Date of the tender"),
        ),
        _q(
            "procedure",
            "choice",
            _t("Menettely", "Förfarande", "Procedure"),
            choices=[
                ("open", _t("Avoin menettely", "Öppet förfarande", "Open procedure")),
                ("negotiated", _t("Neuvottelumenettely", "Förhandlat förfarande", "Negotiated procedure")),
            ],
        ),
        _q(
            "channels",
            "multiple_choice",
            _t("Ilmoituskanavat", "Annonskanaler", "Notice channels"),
            choices=[
                ("hilma", _t("Hilma", "Hilma", "Hilma")),
                ("ted", _t("EU:n TED", "EU:s TED", "The EU's TED")),
                ("own", _t("Oma verkkosivu", "Egen webbplats", "Own website")),
            ],
        ),
        _q("framework", "yes_no", _t("Puitejärjestely?", "Ramavtal?", "A framework agreement?")),
        _q("ethics", "confirm", _t("Eettiset periaatteet", "Etiska principer", "Ethical principles")),
        _q("tender", "file", _t("Tarjouspyyntö", "Anbudsförfrågan", "The call for tenders")),
    ],
}

ANSWERS = {
    "plan": "Kilpailutamme puheentunnistuksen.",
    "supplier": "Puhe Oy",
    "licences": Decimal("1250.5"),
    "contract": Decimal("125000"),
    "tender_date": date(2025, 3, 14),
    "procedure": "negotiated",
    "channels": ["hilma", "ted"],
    "framework": {"answer": True, "explanation": "Hansel"},
    "ethics": True,
}

#: How each answer reads in each language (the file question: the name of the file).
SHOWN = {
    "fi": [
        "Kilpailutamme puheentunnistuksen.",
        "Puhe Oy",
        "1 250,5",
        "125 000,00 €",
        "14.3.2025",
        "Neuvottelumenettely",
        "Hilma, EU:n TED",
        "Kyllä: Hansel",
        "tarjouspyynto.pdf",
    ],
    "sv": [
        "Kilpailutamme puheentunnistuksen.",
        "Puhe Oy",
        "1 250,5",
        "125 000,00 €",
        "2025-03-14",
        "Förhandlat förfarande",
        "Hilma, EU:s TED",
        "Ja: Hansel",
        "tarjouspyynto.pdf",
    ],
    "en": [
        "Kilpailutamme puheentunnistuksen.",
        "Puhe Oy",
        "1,250.5",
        "€125,000.00",
        "03/14/2025",
        "Negotiated procedure",
        "Hilma, The EU's TED",
        "Yes: Hansel",
        "tarjouspyynto.pdf",
    ],
}


def new_call():
    call = FundingCallFactory(form=False)
    form_create(call, [*default_form_data(), NEW_SECTION])
    return call


def answered(call, **kwargs):
    application = submitted_application(call, answers=ANSWERS, **kwargs)
    Attachment.objects.create(
        application=application,
        question=FormQuestion.objects.get(call=call, key="tender"),
        file=ContentFile(b"%PDF-1.7\n%%EOF\n", name="x.pdf"),
        filename="tarjouspyynto.pdf",
        kind="pdf",
        size=15,
    )
    return application


def words(text: str) -> str:
    return " ".join(text.split())


CONFIRMED = {"fi": ("Vahvistettu:", "Kyllä"), "sv": ("Bekräftat:", "Ja"), "en": ("Confirmed:", "Yes")}


def as_read(language: str) -> str:
    """The new section as the receipt and the review page read: its title, each question with its
    answer, the confirmation as confirmed."""
    parts = [NEW_SECTION["title"][language]]
    shown = iter(SHOWN[language])
    for question in NEW_SECTION["questions"]:
        label = question["label"][language]
        if question["kind"] == "confirm":
            parts.append(f"{CONFIRMED[language][0]} {label}")
        else:
            parts.append(f"{label} {next(shown)}")
    return " ".join(parts)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_receipt_review_page_and_xlsx_show_a_new_sections_answers_in_the_language(language):
    from django.utils import translation
    from openpyxl import load_workbook

    from funding import exports

    call = new_call()
    application = answered(call)
    actor, person = coordinator(), reviewer()
    services.application_check_eligibility(application=application, actor=actor, eligible=True)
    ReviewAssignment.objects.create(application=application, reviewer=person)
    partners = {"fi": "Kumppanit", "sv": "Partner", "en": "Partners"}[language]
    expected = f"{as_read(language)} {partners}"

    receipt = layout_free(pdf_text(application_pdf(application, language=language)))
    assert expected in receipt

    client = Client()
    client.force_login(person)
    page = html_text(
        client.get(f"/{language}/admin/funding/application/{application.pk}/review/").content.decode()
    )
    assert expected in page

    with translation.override(language):
        xlsx = exports.ranking_xlsx(call=call, viewer=actor)
    sheet = load_workbook(io.BytesIO(xlsx)).active
    header = [cell.value for cell in sheet[1]]
    row = [words(cell.value) if isinstance(cell.value, str) else cell.value for cell in sheet[2]]
    assert header[-10:] == [q["label"][language] for q in NEW_SECTION["questions"]]
    shown = SHOWN[language]
    assert row[-10:] == [*shown[:8], CONFIRMED[language][1], shown[8]]
    assert row[2] == application.project_name


def _grow(call, *, questions: int, start: int = 0) -> None:
    """More questions of every kind in a section of their own."""
    from funding.models import FormChoice, FormSection

    section = FormSection.objects.create(call=call, order=50 + start, title="Lisää", title_fi="Lisää")
    kinds = [q["kind"] for q in NEW_SECTION["questions"] if q["kind"] != "file"]
    for n in range(start, start + questions):
        question = FormQuestion.objects.create(
            section=section,
            key=f"extra-{n}",
            order=n,
            kind=kinds[n % len(kinds)],
            label=f"Q{n}",
            label_fi=f"Q{n}",
        )
        FormChoice.objects.bulk_create(
            FormChoice(question=question, value=v, label=v, label_fi=v, order=i) for i, v in enumerate("ab")
        )


def _count(function) -> int:
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


def test_the_review_page_keeps_a_constant_number_of_queries_as_the_form_grows():
    call = new_call()
    application = answered(call)
    person = reviewer()
    ReviewAssignment.objects.create(application=application, reviewer=person)
    client = Client()
    client.force_login(person)
    url = f"/fi/admin/funding/application/{application.pk}/review/"
    assert client.get(url).status_code == 200
    small = _count(lambda: client.get(url))
    _grow(call, questions=40)
    large = _count(lambda: client.get(url))
    assert (small, large) == (small, small)
    assert "Q39" in client.get(url).content.decode()


def test_the_export_keeps_a_constant_number_of_queries_as_applications_and_questions_grow():
    from funding import exports

    call = new_call()
    actor = coordinator()
    services.application_check_eligibility(application=answered(call), actor=actor, eligible=True)
    exports.ranking_table(call=call, viewer=actor)
    small = _count(lambda: exports.ranking_table(call=call, viewer=actor))
    for _n in range(5):
        services.application_check_eligibility(application=answered(call), actor=actor, eligible=True)
    _grow(call, questions=30)
    large = _count(lambda: exports.ranking_table(call=call, viewer=actor))
    header, rows = exports.ranking_table(call=call, viewer=actor)
    assert (len(rows), header[-1]) == (6, "Q29")
    assert (small, large) == (small, small)


def test_what_changed_since_a_review_is_named_by_the_calls_question_labels(client):
    from funding.models import ApplicationVersion, Criterion
    from funding.services.review import ScoreData

    call = new_call()
    actor, person = coordinator(), reviewer()
    application = answered(call)
    criterion = Criterion.objects.create(call=call, name="Vaikuttavuus", name_fi="Vaikuttavuus")
    services.application_check_eligibility(application=application, actor=actor, eligible=True)
    services.reviewer_assign(applications=[application], reviewers=[person], actor=actor)
    services.application_version_save(application)
    services.review_save(
        application=application,
        actor=person,
        scores={criterion.pk: ScoreData(4)},
        recommendation="fund",
        submit=True,
    )
    content = ApplicationVersion.objects.get(application=application, number=2).content
    ApplicationVersion.objects.create(
        application=application, number=3, content={**content, "supplier": "Ääni Oy", "summary": "Uusi"}
    )
    client.force_login(person)
    page = html_text(client.get(f"/sv/admin/funding/application/{application.pk}/change/").content.decode())
    assert "Sammanfattning Kuvaus osiosta. Uusi" in page
    assert "Leverantör Puhe Oy Ääni Oy" in page
    assert "supplier" not in page


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_applicants_page_and_the_meeting_bundle_read_the_new_section(client, language):
    from django.utils import translation
    from django.utils.text import capfirst

    from funding import exports
    from funding.models import Application
    from tests.funding.factories import applicant

    call = new_call()
    contact = applicant(call, language=language)
    application = answered(call, organisation=contact.organisation)
    actor = coordinator()
    services.application_check_eligibility(application=application, actor=actor, eligible=True)
    partners = {"fi": "Kumppanit", "sv": "Partner", "en": "Partners"}[language]
    expected = f"{as_read(language)} {partners}"

    client.force_login(contact.user)
    with translation.override(language):
        url = application.get_absolute_url()
    page = html_text(client.get(url).content.decode())
    assert expected in page

    with translation.override(language):
        bundle = exports.ranking_bundle_pdf(call=call, viewer=actor, language=language)
        summary = str(capfirst(Application._meta.get_field("summary").verbose_name))
    text = layout_free(pdf_text(bundle))
    assert f"{summary} {application.summary}" in text
    assert expected in text


def test_a_grant_letter_quotes_the_commitments_of_the_calls_own_form():
    from funding.services import letters
    from tests.funding.test_letters import decided, letter_call

    call = letter_call(form=False)
    form_create(
        call,
        [
            {
                "title": _t("Sitoumukset", "Åtaganden", "Commitments"),
                "intro": {},
                "questions": [
                    _q("open_code", "confirm", _t("Koodi avataan.", "Koden öppnas.", "The code is opened.")),
                    _q(
                        "optional", "confirm", _t("Vapaaehtoinen.", "Frivillig.", "Optional."), required=False
                    ),
                ],
            }
        ],
    )
    application = decided(call=call, language="sv")
    assert letters.call_commitments(call, language="sv") == ["Koden öppnas."]
    decision = letters.decision_for_letter(application, include_pending=True)
    text = " ".join(pdf_text(letters.decision_letter_pdf(application, decision)).split())
    assert "Koden öppnas." in text
    assert "Frivillig." not in text


def test_the_personal_data_export_carries_the_answers_in_the_language_they_were_written_in():
    from funding import personal_data
    from tests.funding.factories import applicant

    call = new_call()
    contact = applicant(call, language="en")
    application = answered(call, organisation=contact.organisation, created_by=contact.user, language="en")
    exported = personal_data.export(email=contact.email, user=contact.user)
    [entry] = exported["applications"]
    procurement = [a for a in entry["answers"] if a["section"] == "Procurement"]
    assert procurement == [
        {"section": "Procurement", "question": q["label"]["en"], "answer": shown}
        for q, shown in zip(NEW_SECTION["questions"], [*SHOWN["en"][:8], "Yes", SHOWN["en"][8]], strict=True)
    ]
    assert entry["summary"] == application.summary
