"""Answering the survey through the private link, and the results in the admin, in Chromium with axe-core."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from core.groups import COORDINATORS
from surveys.enums import QuestionKind, RoundState
from surveys.models import Response
from tests.factories import UserFactory
from tests.support.mfa import browser_sign_in
from tests.surveys.factories import InvitationFactory, QuestionFactory, SurveyRoundFactory, answered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def _survey():
    survey = SurveyRoundFactory(
        state=RoundState.OPEN, title_sv="Medlemsenkät 2026", title_fi="Jäsenkysely 2026"
    )
    QuestionFactory(round=survey, required=True, text_sv="Hur nöjda är ni med nätverket?")
    QuestionFactory(round=survey, text_sv="Hur nyttiga är AI-morgnarna?")
    QuestionFactory(round=survey, kind=QuestionKind.TEXT, text_sv="Vad borde vi göra annorlunda?")
    return survey


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_answer_page_with_errors_and_after_answering(page, live_server, assert_accessible, lang):
    survey = _survey()
    invitation = InvitationFactory(round=survey, language=lang)
    page.goto(f"{live_server.url}/{lang}/surveys/answer/{invitation.token}/")
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page)

    # Sent without the required answer: the errors are shown, the page stays accessible.
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".survey-question--error").count() == 1
    assert_accessible(page)

    first, _second, text = survey.questions.order_by("order")
    page.locator(f"label[for=id_q{first.pk}_3]").click()
    page.locator(f"#id_q{text.pk}").fill("Enemmän alueellisia tapaamisia.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    response = Response.objects.get(round=survey)
    assert [(a.question_id, a.score, a.text) for a in response.answers.order_by("question__order")] == [
        (first.pk, 4, ""),
        (text.pk, None, "Enemmän alueellisia tapaamisia."),
    ]
    assert page.locator("main form").count() == 0
    assert_accessible(page)


def test_results_page_has_no_accessibility_violations(page, live_server, assert_accessible):
    survey = _survey()
    questions = list(survey.questions.order_by("order"))
    answered(survey, {questions[0]: 5, questions[1]: 4, questions[2]: "Hyvä."})
    answered(survey, {questions[0]: 3})
    coordinator = UserFactory(email="koordinaattori@example.fi", is_staff=True)
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    EmailAddress.objects.create(user=coordinator, email=coordinator.email, verified=True, primary=True)
    browser_sign_in(page, live_server.url, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/fi/admin/surveys/surveyround/{survey.pk}/results/")
    assert page.locator("table.survey-distribution").count() == 2
    assert_accessible(page)
