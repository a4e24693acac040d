"""A report's round trip in Debian's Chromium, and the project pages through axe-core."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from projects import services
from projects.enums import ReportStatus
from projects.models import Report
from tests.projects.factories import coordinator, funded_project
from tests.support.mfa import browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"
NEED = "Toisiolain tulkinta kehittämiskäytössä"


def test_a_report_is_submitted_returned_fixed_accepted_and_its_need_reaches_the_ministry(
    page, browser, live_server, smtp, settings
):
    settings.SITE_URL = live_server.url
    project, contact = funded_project(region_code="pirkanmaa")
    report = project.reports.get()
    staff = coordinator()

    # The project contact fills and submits the interim report.
    browser_sign_in(page, live_server.url, contact.email, PASSWORD, next_path="/fi/projects/my/")
    page.locator(f'a[href="/fi/projects/my/reports/{report.pk}/"]').first.click()
    page.wait_for_url(f"{live_server.url}/fi/projects/my/reports/{report.pk}/")
    for i in range(project.milestones.count()):
        page.locator(f"[name=progress-{i}-status]").select_option("in_progress")
        page.locator(f"[name=progress-{i}-text]").fill("Etenee suunnitellusti.")
    page.locator("[name=costs-0-amount]").fill("12 000,00")
    page.locator("[name=costs-1-amount]").fill("8 000,00")
    page.locator("[name=funding_used]").fill("10 000,01")  # a cent over the 50 % share
    page.locator("[name=needs-0-title]").fill(NEED)
    page.locator("[name=needs-0-law]").fill("Toisiolaki 552/2019")
    page.locator("[name=needs-0-description]").fill("Kehittämiskäytön edellytykset ovat epäselvät.")
    page.locator("[name=impact_evaluation]").fill("Kirjaamisen aika mitattiin ennen ja jälkeen.")
    page.locator("[name=network_sharing]").fill("Esitelty tekoälyaamussa.")
    page.locator("[name=wider_use]").select_option("partly")
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    assert Report.objects.get().status == ReportStatus.DRAFT
    page.locator("[name=funding_used]").fill("10 000,00")
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url(f"{live_server.url}/fi/projects/my/reports/{report.pk}/")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    with translation.override("fi"):
        assert page.locator(".report-status").inner_text() == report.get_status_display()

    # The coordinator returns it with a comment (the admin asks for the authenticator code).
    staff_context = browser.new_context(base_url=live_server.url, locale="fi-FI")
    admin = staff_context.new_page()
    admin.set_default_timeout(15_000)
    browser_sign_in(admin, live_server.url, staff.email, PASSWORD, next_path="/fi/admin/")
    admin.goto(f"{live_server.url}/fi/admin/projects/report/{report.pk}/review/")
    assert NEED in admin.locator("#content").inner_text()
    admin.locator("[name=comment]").fill("Kuvatkaa vaikuttavuuden arvioinnin mittarit.")
    admin.locator("button[name=action][value=return]").click()
    admin.wait_for_url(re.compile(r"/fi/admin/projects/report/$"))
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    [returned] = smtp.wait_for(1)
    assert returned.rcpt_tos == [contact.email]
    assert "Kuvatkaa vaikuttavuuden arvioinnin mittarit." in returned.text()

    # The contact sees the comment, fixes the report and submits it again.
    page.goto(f"{live_server.url}/fi/projects/my/reports/{report.pk}/")
    assert "Kuvatkaa vaikuttavuuden arvioinnin mittarit." in page.locator(".review-comment").inner_text()
    assert page.locator("[name=needs-0-title]").input_value() == NEED
    page.locator("[name=effectiveness]").fill(
        "Kirjaamiseen kuluva aika lyheni 20 prosenttia (THL:n mittaristo)."
    )
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url(f"{live_server.url}/fi/projects/my/reports/{report.pk}/")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    # The coordinator accepts it.
    admin.goto(f"{live_server.url}/fi/admin/projects/report/{report.pk}/review/")
    admin.locator("button[name=action][value=accept]").click()
    admin.wait_for_url(re.compile(r"/fi/admin/projects/report/$"))
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    mails = smtp.wait_for(2)
    assert [m.rcpt_tos for m in mails] == [[contact.email], [contact.email]]

    # The need is in the ministry's view and its CSV.
    admin.goto(f"{live_server.url}/fi/admin/projects/project/ministry/needs/")
    assert admin.locator("table.legislative-needs tbody tr").count() == 1
    assert NEED in admin.locator("table.legislative-needs").inner_text()
    csv_response = admin.request.get(f"{live_server.url}/fi/admin/projects/project/ministry/needs.csv")
    assert csv_response.status == 200
    text = csv_response.body().decode("utf-8-sig")
    assert NEED in text
    assert "Toisiolaki 552/2019" in text
    staff_context.close()


def test_project_pages_have_no_accessibility_violations(page, live_server, assert_accessible):
    project, contact = funded_project(region_code="pirkanmaa", partners=["Kuulas Oy"])
    staff = coordinator()
    services.project_update(
        project=project,
        actor=staff,
        fields={
            "public_title_sv": "Sjuksköterskeviskaren",
            "public_title_en": "Nurse whisperer",
            "public_results_fi": "- Kirjaaminen nopeutui\n- Hoitajat olivat tyytyväisiä",
            "public_lessons_fi": "Aloittakaa datan laadusta.",
        },
    )
    services.project_publish(project=project, actor=staff)
    report = project.reports.get()

    def check_all(paths):
        for language in ("fi", "sv", "en"):
            for path in paths:
                page.goto(f"{live_server.url}/{language}{path}")
                assert page.locator("html").get_attribute("lang") == language
                assert page.locator("h1").count() == 1, path
                assert_accessible(page)

    check_all(["/projects/", f"/projects/{project.slug}/"])
    browser_sign_in(page, live_server.url, contact.email, PASSWORD, next_path="/fi/projects/my/")
    check_all(["/projects/my/", f"/projects/my/{project.pk}/", f"/projects/my/reports/{report.pk}/"])
    # The report with its error messages, and read-only after submission.
    page.goto(f"{live_server.url}/en/projects/my/reports/{report.pk}/")
    page.locator("[name=funding_used]").fill("lots")
    page.locator("[name=needs-0-law]").fill("Toisiolaki")
    page.locator("button[name=action][value=save]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page)
