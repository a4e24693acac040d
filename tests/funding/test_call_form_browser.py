"""End to end: a call with a section of its own and a question of every kind, in three languages; an
applicant fills it in the browser (no JavaScript needed) and submits; the answers are stored typed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from funding.models import Answer, Application, FormChoice, FormQuestion, FormSection
from funding.services.forms import call_form_copy, call_form_problems
from tests.funding.factories import ApplicationFactory, FundingCallFactory, applicant
from tests.funding.helpers import pdf_bytes, pdf_text
from tests.funding.test_browser import PASSWORD, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: (key, kind, Finnish, Swedish, English label)
QUESTIONS = [
    ("pilot_plan", "long_text", "Pilotin suunnitelma", "Pilotens plan", "The pilot's plan"),
    ("pilot_name", "short_text", "Pilotin nimi", "Pilotens namn", "The pilot's name"),
    ("pilot_count", "number", "Pilottien määrä", "Antal piloter", "Number of pilots"),
    ("pilot_budget", "money", "Pilotin budjetti", "Pilotens budget", "The pilot's budget"),
    ("pilot_start", "date", "Pilotin alku", "Pilotens start", "The pilot starts"),
    ("pilot_area", "choice", "Pilotin alue", "Pilotens område", "The pilot's area"),
    ("pilot_groups", "multiple_choice", "Kohderyhmät", "Målgrupper", "Target groups"),
    ("pilot_ethics", "yes_no", "Eettinen ennakkoarvio", "Etisk förhandsprövning", "Ethics pre-review"),
    (
        "pilot_consent",
        "confirm",
        "Sitoudumme pilotin raportointiin",
        "Vi rapporterar",
        "We report on the pilot",
    ),
    ("pilot_file", "file", "Pilotin aikataulu", "Pilotens tidtabell", "The pilot's timetable"),
]
CHOICES = [("north", "Pohjoinen", "Norr", "North"), ("south", "Etelä", "Söder", "South")]


def make_call():
    now = timezone.now()
    call = FundingCallFactory(
        slug="haku-2027", form=False, opens_at=now + timedelta(days=5), closes_at=now + timedelta(days=40)
    )
    call_form_copy(call=call, source=None, actor=None)
    section = FormSection.objects.create(
        call=call,
        order=6,
        title="Pilotti",
        title_fi="Pilotti",
        title_sv="Piloten",
        title_en="The pilot",
        intro_fi="Kerro pilotista.",
        intro_sv="Berätta om piloten.",
        intro_en="Tell us about the pilot.",
    )
    for order, (key, kind, fi, sv, en) in enumerate(QUESTIONS):
        question = FormQuestion.objects.create(
            section=section,
            key=key,
            order=order,
            kind=kind,
            label=fi,
            label_fi=fi,
            label_sv=sv,
            label_en=en,
            max_chars=500 if kind == "long_text" else None,
            required=kind != "file",
        )
        if kind in ("choice", "multiple_choice"):
            FormChoice.objects.bulk_create(
                FormChoice(question=question, value=v, order=i, label=f, label_fi=f, label_sv=s, label_en=e)
                for i, (v, f, s, e) in enumerate(CHOICES)
            )
    assert call_form_problems(call) == []
    # The call opens: the form is frozen from now on.
    call.opens_at = now - timedelta(minutes=1)
    call.save()
    return call, section


def test_a_call_of_its_own_is_filled_and_submitted_in_the_browser(page, live_server, smtp, settings):
    settings.SITE_URL = live_server.url
    call, section = make_call()
    contact = applicant(call, language="en")
    contact.user.set_password(PASSWORD)
    contact.user.save()
    application = ApplicationFactory(call=call, organisation=contact.organisation)
    sign_in(page, live_server, contact.email, f"/en/funding/applications/{application.pk}/")
    page.goto(f"{live_server.url}/en/funding/applications/{application.pk}/")
    page.locator("nav.section-nav a", has_text="The pilot").click()
    page.wait_for_url(re.compile(rf"\?section=s{section.pk}$"))
    assert page.locator("legend").filter(has_text=re.compile(r"^The pilot$")).count() == 1
    assert page.get_by_text("Tell us about the pilot.").count() == 1
    page.get_by_label("The pilot's plan").fill("Kaksi yksikköä, kuusi kuukautta.")
    page.get_by_label("The pilot's name").fill("Kotihoidon kuiskaaja")
    page.get_by_label("Number of pilots").fill("2")
    page.get_by_label("The pilot's budget").fill("12,345.60")
    page.get_by_label("The pilot starts").fill("2027-03-01")
    page.locator("[name=q_pilot_area][value=south]").check()
    page.locator("[name=q_pilot_groups][value=north]").check()
    page.locator("[name=q_pilot_groups][value=south]").check()
    page.locator("[name=q_pilot_ethics_0][value=yes]").check()
    page.locator("[name=q_pilot_ethics_1]").fill("Lausunto saatu 1.2.2027.")
    page.get_by_label("We report on the pilot").check()
    page.locator("[name=q_pilot_file]").set_input_files(
        {"name": "Aikataulu.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Aikataulu")}
    )
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url(re.compile(rf"/en/funding/applications/{application.pk}/$"))
    application = Application.objects.get(pk=application.pk)
    assert application.status == "submitted"
    stored = dict(
        Answer.objects.filter(application=application, question__section=section).values_list(
            "question__key", "value"
        )
    )
    assert stored == {
        "pilot_plan": "Kaksi yksikköä, kuusi kuukautta.",
        "pilot_name": "Kotihoidon kuiskaaja",
        "pilot_count": "2",
        "pilot_budget": "12345.60",
        "pilot_start": "2027-03-01",
        "pilot_area": "south",
        "pilot_groups": ["north", "south"],
        "pilot_ethics": {"answer": True, "explanation": "Lausunto saatu 1.2.2027."},
        "pilot_consent": True,
    }
    [attachment] = application.attachments.filter(question__key="pilot_file")
    assert attachment.filename == "Aikataulu.pdf"
    # The applicant's own read-only page shows the answers in the applicant's language.
    text = page.locator("main").inner_text()
    for shown in (
        "€12,345.60",
        "03/01/2027",
        "South",
        "North, South",
        "Yes: Lausunto saatu 1.2.2027.",
        "Aikataulu.pdf",
    ):
        assert shown in text, shown
    [receipt] = smtp.wait_for(1)
    [pdf] = receipt.attachments()
    receipt_text = " ".join(pdf_text(pdf.get_content()).split())
    assert "Kotihoidon kuiskaaja" in receipt_text
    assert "€12,345.60" in receipt_text
