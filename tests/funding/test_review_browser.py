"""The whole review as people do it, in Debian's Chromium: assign, review, rank, decide, release, letters."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from funding.enums import ApplicationStatus, DecisionStatus
from funding.models import Application, Decision, Review, ReviewAssignment
from funding.services import review as services
from tests.funding.factories import ApplicationFactory, FundingCallFactory, applicant
from tests.funding.review_factories import (
    CriterionFactory,
    coordinator,
    decision_maker,
    reviewer,
    submitted_application,
)
from tests.support.mfa import browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"
S = ApplicationStatus


@pytest.fixture
def people_pages(browser, live_server):
    """One browser session per person, signed in once (a TOTP code cannot be used twice)."""
    pages = {}

    def page_for(user):
        if user.pk not in pages:
            context = browser.new_context(base_url=live_server.url, locale="fi-FI")
            new = context.new_page()
            new.set_default_timeout(15_000)
            browser_sign_in(new, live_server.url, user.email, PASSWORD, next_path="/fi/admin/")
            pages[user.pk] = new
        return pages[user.pk]

    yield page_for
    for opened in pages.values():
        opened.context.close()


def admin(live_server, path: str) -> str:
    return f"{live_server.url}/fi/admin/funding/{path}"


def review(page, live_server, application, score: int, recommendation: str) -> None:
    page.goto(admin(live_server, f"application/{application.pk}/review/"))
    for radio in page.locator(f"input[type=radio][name^=score_][value='{score}']").all():
        radio.check()
    page.locator(f"input[name=recommendation][value={recommendation}]").check()
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url(re.compile(r"/admin/funding/application/$"))


def record_decision(page, live_server, application, outcome: str, amount: str = "") -> None:
    page.goto(admin(live_server, f"application/{application.pk}/decision/"))
    page.locator(f"input[name=outcome][value={outcome}]").check()
    if amount:
        page.locator("input[name=granted_amount]").fill(amount)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(rf"/application/{application.pk}/change/$"))


def confirm_all_pending(page, live_server) -> None:
    page.goto(admin(live_server, "decision/?status__exact=pending"))
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("confirm")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()


def test_assign_review_rank_decide_release_and_send_the_letters(
    people_pages, live_server, smtp, settings, assert_accessible
):
    settings.SITE_URL = live_server.url
    call = FundingCallFactory(budget_min=Decimal("100000"), budget_max=Decimal("150000"))
    CriterionFactory(call=call, weight=Decimal("2"))
    CriterionFactory(call=call)
    lead = coordinator()
    first, second = reviewer(first_name="Riikka"), reviewer(first_name="Risto")
    maker = decision_maker()
    apps = {}
    for name, requested, language in (
        ("Alfa", "100000", "fi"),
        ("Beta", "60000", "sv"),
        ("Gamma", "40000", "en"),
    ):
        contact = applicant(call, language=language)
        application = submitted_application(
            call,
            organisation=contact.organisation,
            project_name=name,
            requested_amount=Decimal(requested),
            language=language,
        )
        services.application_check_eligibility(application=application, actor=lead, eligible=True)
        apps[name] = application

    # The coordinator assigns both reviewers to all three in one go.
    page = people_pages(lead)
    page.goto(admin(live_server, "application/"))
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("assign_reviewers")
    page.locator("button[name=index]").click()
    page.wait_for_url(re.compile(r"/application/assign/"))
    page.get_by_label(re.compile("Riikka")).check()
    page.get_by_label(re.compile("Risto")).check()
    page.locator("input[name=assign]").click()
    page.wait_for_url(re.compile(r"/admin/funding/application/$"))
    assert {a.status for a in Application.objects.all()} == {S.UNDER_REVIEW}

    # Both review: Alfa 3 + 3, Beta 5 + 4, Gamma 4 + 4.
    page = people_pages(first)
    review(page, live_server, apps["Alfa"], 3, "do_not_fund")
    review(page, live_server, apps["Beta"], 5, "fund")
    review(page, live_server, apps["Gamma"], 4, "fund")
    page = people_pages(second)
    review(page, live_server, apps["Alfa"], 3, "maybe")
    review(page, live_server, apps["Beta"], 4, "fund")
    review(page, live_server, apps["Gamma"], 4, "fund")

    # The ranking: Beta 4.50 (60 000), Gamma 4.00 (100 000 in all), Alfa 3.00 (200 000): the 150 000
    # budget runs out after Gamma.
    page = people_pages(lead)
    page.goto(admin(live_server, f"application/ranking/?call={call.pk}"))
    # The export buttons sit above the table, clear of its caption (they used to overlap it).
    caption = page.locator("#ranking caption").bounding_box()
    for link in page.locator(".ranking-exports a").all():
        box = link.bounding_box()
        assert box["y"] + box["height"] <= caption["y"]
    rows = page.locator("#ranking tbody tr").all_inner_texts()
    assert [row.split("\t")[1] for row in rows if "\t" in row] == ["Beta", "Gamma", "Alfa"]
    assert [row.split("\t")[4] for row in rows if "\t" in row] == ["4,50", "4,00", "3,00"]
    line = next(i for i, row in enumerate(rows) if "loppuu" in row or "runs out" in row)
    assert line == 2

    # Pending decisions recorded for the steering group, released by the decision-maker.
    record_decision(page, live_server, apps["Beta"], "chosen")
    record_decision(page, live_server, apps["Gamma"], "chosen")
    record_decision(page, live_server, apps["Alfa"], "not_chosen")
    assert Application.objects.get(pk=apps["Alfa"].pk).status == S.UNDER_REVIEW
    # The decision-maker reads the summary of the call and confirms all three from it.
    page = people_pages(maker)
    page.goto(admin(live_server, f"decision/summary/?call={call.pk}"))
    rows = page.locator("#decision-summary tbody tr").all_inner_texts()
    assert [row.split("\t")[2].split("\n")[0] for row in rows] == ["Beta", "Gamma", "Alfa"]
    assert_accessible(page)
    page.get_by_role("button", name="Vahvista kaikki").click()
    page.wait_for_load_state()
    assert set(Decision.objects.values_list("status", flat=True)) == {DecisionStatus.CONFIRMED}
    assert Application.objects.get(pk=apps["Alfa"].pk).status == S.NOT_CHOSEN

    page = people_pages(lead)
    for name in ("Beta", "Gamma"):
        page.goto(admin(live_server, f"application/{apps[name].pk}/move/"))
        page.locator("input[name=new_status][value=further_planning]").check()
        page.locator("input[type=submit]").click()
        page.wait_for_url(re.compile(rf"/application/{apps[name].pk}/change/$"))
    # The call funds at most 50 % of Beta's 100 000 € of costs.
    record_decision(page, live_server, apps["Beta"], "funded", "50 000")
    record_decision(page, live_server, apps["Gamma"], "not_funded")
    page = people_pages(maker)
    confirm_all_pending(page, live_server)
    beta = Application.objects.get(pk=apps["Beta"].pk)
    assert (beta.status, beta.granted_amount) == (S.FUNDED, Decimal("50000.00"))

    # The letters, one per decided application, through the outbox to the SMTP sink with their PDFs.
    page = people_pages(lead)
    page.goto(admin(live_server, "application/"))
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("send_decision_letters")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()
    received = smtp.wait_for(3)
    contacts = {a.organisation.contact_persons.get().email for a in apps.values()}
    assert sorted(r for mail in received for r in mail.rcpt_tos) == sorted(contacts)
    for mail in received:
        [pdf] = [part for part in mail.attachments() if part.get_content_type() == "application/pdf"]
        assert pdf.get_payload(decode=True).startswith(b"%PDF")
    assert set(
        Decision.objects.filter(letter_sent_at__isnull=False).values_list(
            "application__project_name", flat=True
        )
    ) == {
        "Alfa",
        "Beta",
        "Gamma",
    }


def test_a_reviewer_reviews_three_in_a_row_one_page_load_each_one_click_per_criterion(
    people_pages, live_server, assert_accessible
):
    """The pretalx measure: three reviews in a row from the queue, counting page loads and clicks."""
    call = FundingCallFactory(review_deadline=timezone.now() + timedelta(days=5))
    criteria = [
        CriterionFactory(call=call, name_fi=name, description_fi=f"Mitä {name.lower()} tarkoittaa.")
        for name in (
            "Vaikuttavuus",
            "Skaalautuvuus",
            "Toteutettavuus",
            "Yhteistyö",
            "Vastuullisuus",
            "Kustannukset",
        )
    ]
    person = reviewer(first_name="Riikka")
    for name in ("Alfa", "Beta", "Gamma"):
        application = ApplicationFactory(call=call, status=S.UNDER_REVIEW, project_name=name)
        ReviewAssignment.objects.create(application=application, reviewer=person)
    page = people_pages(person)
    page.goto(admin(live_server, "application/"))
    assert "0/3 valmiina" in page.locator(".queue-progress").inner_text()
    page.get_by_role("link", name=re.compile(r"Arviointi\W*Alfa")).click()
    page.wait_for_url(re.compile(r"/review/$"))
    assert_accessible(page)

    loads: list[str] = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and loads.append(frame.url))
    clicks = 0
    for expected, score in (("Alfa", "4 – hyvä"), ("Beta", "5 – erinomainen"), ("Gamma", "2 – välttävä")):
        assert page.locator("h1").inner_text().endswith(expected)
        for criterion in criteria:
            page.get_by_role("group", name=re.compile(criterion.name_fi)).get_by_text(score).click()
            clicks += 1
        page.get_by_role("group", name="Kokonaissuositus").get_by_text("Rahoitetaan").click()
        clicks += 1
        page.get_by_role("button", name="Lähetä ja avaa seuraava").or_(
            page.get_by_role("button", name="Lähetä arviointi")
        ).first.click()
        clicks += 1
        page.wait_for_load_state()
    page.wait_for_url(re.compile(r"/admin/funding/application/$"))
    assert len(loads) == 3  # one page load per review: the next review (and the queue after the last)
    assert clicks == 3 * (len(criteria) + 2)  # a click per criterion, the recommendation, the button
    assert "3/3 valmiina" in page.locator(".queue-progress").inner_text()
    assert sorted(
        Review.objects.filter(reviewer=person, status="submitted").values_list(
            "application__project_name", flat=True
        )
    ) == ["Alfa", "Beta", "Gamma"]
