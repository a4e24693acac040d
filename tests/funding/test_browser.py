"""Applying as a person does it, in Debian's Chromium, and every applicant page through axe-core."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from funding import services
from funding.demo import COMMITMENT_KEYS
from funding.models import Application
from tests.factories import ContactPersonFactory, OrganisationFactory
from tests.funding.factories import ApplicationFactory, CallQuestionFactory, FundingCallFactory, applicant
from tests.funding.helpers import pdf_bytes, pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"
PROJECT = "Hoitajakuiskaaja Pirkanmaalle"


def sign_in(page, live_server, email: str, next_path: str) -> None:
    page.goto(f"{live_server.url}/fi/accounts/login/?next={next_path}")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))


def next_section(page) -> None:
    """Save this section and go on to the next one."""
    button = page.locator("button[name=action][value^='go:']")
    target = button.get_attribute("value")[3:]
    button.click()
    page.wait_for_url(re.compile(rf"\?section={target}$"))


def test_fill_save_and_submit_an_application_in_finnish(page, live_server, smtp, settings):
    settings.SITE_URL = live_server.url
    call = FundingCallFactory(slug="tekoalyhankkeet")
    contact = applicant(call, language="fi")

    sign_in(page, live_server, contact.email, "/fi/funding/")
    page.locator('a[href="/fi/funding/calls/tekoalyhankkeet/apply/"]').first.click()
    page.wait_for_url(f"{live_server.url}/fi/funding/calls/tekoalyhankkeet/apply/")
    page.locator("[name=project_name]").fill(PROJECT)
    page.locator("form.start-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/fi/funding/applications/\d+/$"))
    application = Application.objects.get()
    assert application.project_name == PROJECT

    # One section at a time, each saved on the way to the next ("Save and continue").
    page.locator("[name=use_case]").select_option("nurse_whisperer")
    page.locator("[name=summary]").fill("Tiivistelmä: hoitajien kirjaamisen tueksi.")
    next_section(page)
    for section in call.form_sections.all()[: call.form_sections.count() - 1]:
        for question in section.questions.all():
            page.locator(f"[name=q_{question.key}]").fill(
                f"Osio {question.key}: hoitajien kirjaamisen tueksi."
            )
        next_section(page)
    next_section(page)  # the commitments come last, below
    page.locator("[name=partners-0-name]").fill("Kuulas Terveysdata Oy")
    page.locator("[name=partners-0-type]").select_option("company")
    page.locator("[name=partners-0-role]").fill("Puheentunnistuksen toimittaja")
    page.locator("[name=partners-1-name]").fill("Tampereen yliopisto")
    page.locator("[name=partners-1-type]").select_option("research")
    next_section(page)
    for i, (category, year, amount) in enumerate(
        [
            ("external_technology", "2025", "80 000"),
            ("external_services", "2025", "30 000,50"),
            ("own_personnel", "2026", "13 456,28"),
        ]
    ):
        page.locator(f"[name=budget-{i}-category]").select_option(category)
        page.locator(f"[name=budget-{i}-year]").fill(year)
        page.locator(f"[name=budget-{i}-amount]").fill(amount)
    page.locator("[name=requested_amount]").fill("49 382,71")
    next_section(page)
    page.locator("[name=new_attachment]").set_input_files(
        {
            "name": "Hankesuunnitelma.pdf",
            "mimeType": "application/pdf",
            "buffer": pdf_bytes("Hankesuunnitelma"),
        }
    )
    # Saved as a draft before the commitments are confirmed: incomplete drafts are fine.
    page.locator("button[name=action][value=save]").first.click()
    page.wait_for_url(re.compile(rf"/fi/funding/applications/{application.pk}/\?section=attachments$"))
    application.refresh_from_db()
    assert application.status == "draft"
    assert [p.name for p in application.partners.all()] == ["Kuulas Terveysdata Oy", "Tampereen yliopisto"]
    assert [b.amount for b in application.budget_lines.all()] == [
        Decimal("80000.00"),
        Decimal("30000.50"),
        Decimal("13456.28"),
    ]
    assert [a.filename for a in application.attachments.all()] == ["Hankesuunnitelma.pdf"]
    assert page.locator(".total-cost").inner_text() == "123\xa0456,78\xa0€"
    assert page.locator(".share").inner_text() == "40,00\xa0%"
    assert page.locator("details.missing li").count() == 4  # the four commitments

    page.locator("nav.section-nav a", has_text="Sitoumukset").click()
    for key in COMMITMENT_KEYS:
        page.locator(f"[name=q_{key}]").check()
    page.locator("[name=q_research_willing]").check()
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url(re.compile(rf"/fi/funding/applications/{application.pk}/$"))
    application.refresh_from_db()
    assert application.status == "submitted"
    assert page.locator("textarea").count() == 0
    assert page.locator(".application-status").inner_text() == application.get_status_display()

    [receipt] = smtp.wait_for(1)
    assert receipt.rcpt_tos == [contact.email]
    assert PROJECT in receipt.subject
    [attachment] = receipt.attachments()
    assert attachment.get_content_type() == "application/pdf"
    text = " ".join(pdf_text(attachment.get_content()).split())  # table cells wrap their lines
    assert PROJECT in text
    assert "123 456,78 €" in text
    assert "49 382,71 €" in text
    assert "40,00 %" in text
    assert "Kuulas Terveysdata Oy" in text


def test_applicant_pages_have_no_accessibility_violations(page, live_server, assert_accessible):
    call = FundingCallFactory(slug="haku")
    CallQuestionFactory(call=call)
    contact = applicant(call)
    draft = ApplicationFactory(call=call, organisation=contact.organisation, partners=["Kuulas Oy"])
    submitted = ApplicationFactory(call=call, organisation=contact.organisation)
    services.application_submit(application=submitted, actor=contact.user)
    outsider = ContactPersonFactory(organisation=OrganisationFactory())

    def check_all(paths, languages=("fi", "sv", "en")):
        for language in languages:
            for path in paths:
                page.goto(f"{live_server.url}/{language}{path}")
                assert page.locator("html").get_attribute("lang") == language
                assert page.locator("h1").count() == 1, path
                assert_accessible(page)

    check_all(["/funding/"])  # signed out
    sign_in(page, live_server, outsider.email, "/fi/funding/")
    check_all(["/funding/calls/haku/apply/"])  # an organisation that cannot apply
    page.goto(f"{live_server.url}/fi/")
    page.locator(".account-nav button[type=submit]").click()
    page.wait_for_load_state()
    sign_in(page, live_server, contact.email, "/fi/funding/")
    check_all(
        [
            "/funding/",
            "/funding/calls/haku/apply/",
            "/funding/applications/",
            f"/funding/applications/{draft.pk}/",
            f"/funding/applications/{draft.pk}/?section=partners",
            f"/funding/applications/{submitted.pk}/",
            f"/funding/applications/{submitted.pk}/withdraw/",
        ]
    )
    # Every section is the same template with the call's own questions: each is checked once, in
    # Finnish (the languages' words are checked above and with the error messages below).
    check_all(
        [
            f"/funding/applications/{draft.pk}/?section={section}"
            for section in ["budget", "attachments"] + [f"s{s.pk}" for s in call.form_sections.all()]
        ],
        languages=("fi",),
    )
    for language in ("fi", "sv", "en"):
        # The form with its error messages, and with the list of missing items.
        page.goto(f"{live_server.url}/{language}/funding/applications/{draft.pk}/?section=budget")
        page.locator("[name=requested_amount]").fill("paljon")
        page.locator("[name=budget-0-year]").fill("2024")
        page.locator("button[name=action][value=save]").first.click()
        page.wait_for_load_state()
        assert page.locator(".error-summary").count() == 1
        assert_accessible(page)
        page.goto(f"{live_server.url}/{language}/funding/applications/{draft.pk}/")
        page.locator("[name=summary]").fill("")
        page.locator("button[name=action][value=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".error-summary .problems li").count() == 1
        assert_accessible(page)
