"""The answer page (private link, no JavaScript), the admin's results and actions, personal data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from core.groups import COORDINATORS, STEERING_GROUP
from outbox.models import OutgoingMail
from surveys import personal_data
from surveys.enums import QuestionKind, RoundState
from surveys.models import Answer, Invitation, Response
from surveys.selectors import round_results
from tests.factories import ContactPersonFactory, OrganisationFactory, UserFactory
from tests.surveys.factories import InvitationFactory, QuestionFactory, SurveyRoundFactory, answered

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    survey_round = SurveyRoundFactory(state=RoundState.OPEN)
    QuestionFactory(round=survey_round, required=True, text_en="How useful is the network?")
    QuestionFactory(round=survey_round)
    QuestionFactory(round=survey_round, kind=QuestionKind.TEXT)
    return survey_round


def _url(invitation, language="fi") -> str:
    return f"/{language}/surveys/answer/{invitation.token}/"


def test_answer_page_shows_the_questions_as_a_plain_form(client, survey):
    invitation = InvitationFactory(round=survey)
    response = client.get(_url(invitation))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    html = response.content.decode()
    q1, q2, q3 = survey.questions.order_by("order")
    assert html.count('type="radio"') == 10
    assert f'name="q{q3.pk}"' in html
    assert "<script" not in html.split("<main", 1)[1]
    assert invitation.organisation.name in html


def test_answering_stores_the_organisations_answer_and_shows_thanks(client, survey):
    invitation = InvitationFactory(round=survey)
    q1, q2, q3 = survey.questions.order_by("order")
    response = client.post(_url(invitation), {f"q{q1.pk}": "5", f"q{q3.pk}": "Hyödyllinen."})
    assert response.status_code == 302
    assert response["Location"] == _url(invitation)
    stored = Response.objects.get(round=survey)
    assert [(a.question_id, a.score, a.text) for a in stored.answers.all()] == [
        (q1.pk, 5, ""),
        (q3.pk, None, "Hyödyllinen."),
    ]
    page = client.get(_url(invitation)).content.decode()
    assert 'type="radio"' not in page


def test_second_contact_of_the_same_organisation_sees_it_is_answered(client, survey):
    first = InvitationFactory(round=survey)
    second = InvitationFactory(
        round=survey, contact=ContactPersonFactory(organisation=first.organisation, is_primary=False)
    )
    q1 = survey.questions.order_by("order").first()
    client.post(_url(first, "en"), {f"q{q1.pk}": "3"})
    response = client.get(_url(second, "en"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your organisation has already answered this survey. Thank you!" in html
    assert 'type="radio"' not in html
    again = client.post(_url(second, "en"), {f"q{q1.pk}": "1"})
    assert again.status_code == 200
    assert Response.objects.filter(round=survey).count() == 1
    assert Answer.objects.get(response__round=survey).score == 3


def test_errors_are_shown_in_the_language_of_the_page(client, survey):
    invitation = InvitationFactory(round=survey)
    response = client.post(_url(invitation, "en"), {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a value from 1 to 5." in html
    assert "Please correct the answers marked below." in html
    assert not Response.objects.exists()


def test_wrong_token_draft_and_closed_rounds(client):
    assert client.get("/fi/surveys/answer/wrong/").status_code == 404
    draft = InvitationFactory(round=SurveyRoundFactory(state=RoundState.DRAFT))
    assert client.get(_url(draft)).status_code == 404
    closed = InvitationFactory(
        round=SurveyRoundFactory(state=RoundState.OPEN, closes_at=timezone.now() - timedelta(hours=1))
    )
    QuestionFactory(round=closed.round)
    html = client.get(_url(closed, "en")).content.decode()
    assert "This survey is closed." in html
    assert client.post(_url(closed, "en"), {}).status_code == 200
    assert not Response.objects.exists()


def test_answer_page_queries_do_not_grow_with_questions(client, django_assert_num_queries, survey):
    invitation = InvitationFactory(round=survey)
    client.get(_url(invitation))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(_url(invitation))
    QuestionFactory.create_batch(20, round=survey)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(_url(invitation))


# --- Admin ---------------------------------------------------------------------------------


@pytest.fixture
def coordinator():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return user


def _results_url(survey_round) -> str:
    return f"/fi/admin/surveys/surveyround/{survey_round.pk}/results/"


def test_results_show_averages_distributions_and_response_rate(client, coordinator, survey):
    q1, q2, q3 = survey.questions.order_by("order")
    organisations = OrganisationFactory.create_batch(4)
    for organisation in organisations:
        InvitationFactory(round=survey, contact=ContactPersonFactory(organisation=organisation))
    answered(survey, {q1: 5, q2: 4, q3: "Hyvä."}, organisation=organisations[0])
    answered(survey, {q1: 2, q2: None}, organisation=organisations[1])
    answered(survey, {q1: 5}, organisation=organisations[2])

    results = round_results(survey)
    assert (results.invited, results.responses, str(results.response_rate)) == (4, 3, "75.00")
    assert str(results.average) == "4.00"  # (5 + 4 + 2 + 5) / 4
    assert [(str(r.average), r.count, r.distribution) for r in results.questions[:2]] == [
        ("4.00", 3, [(1, 0), (2, 1), (3, 0), (4, 0), (5, 2)]),
        ("4.00", 1, [(1, 0), (2, 0), (3, 0), (4, 1), (5, 0)]),
    ]
    assert results.questions[2].texts == ["Hyvä."]

    client.force_login(coordinator)
    response = client.get(_results_url(survey))
    assert response.status_code == 200
    assert response.context["results"].responses == 3


def test_results_queries_stay_constant(client, coordinator, survey, django_assert_num_queries):
    client.force_login(coordinator)
    questions = list(survey.questions.all())

    def grow(n):
        for _ in range(n):
            answered(survey, {q: (3 if q.kind == QuestionKind.SCALE else "Teksti") for q in questions})

    grow(2)
    client.get(_results_url(survey))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(_results_url(survey))
    grow(15)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(_results_url(survey)).status_code == 200


def test_results_are_refused_to_staff_without_survey_permissions(client, survey):
    steering = UserFactory(is_staff=True)
    steering.groups.add(Group.objects.get(name=STEERING_GROUP))
    client.force_login(steering)
    assert client.get(_results_url(survey)).status_code == 403


def test_open_action_in_the_admin(client, coordinator):
    draft = SurveyRoundFactory()
    QuestionFactory(round=draft)
    contact = ContactPersonFactory()
    client.force_login(coordinator)
    response = client.post(
        "/fi/admin/surveys/surveyround/",
        {"action": "open_rounds", "_selected_action": [str(draft.pk)]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == RoundState.OPEN
    assert list(OutgoingMail.objects.values_list("to", "template")) == [(contact.email, "surveys_invitation")]


# --- Personal data -------------------------------------------------------------------------


def test_export_and_erase_keep_the_answers_counted(client, survey):
    contact = ContactPersonFactory(email="liisa.virtanen@example.fi")
    invitation = InvitationFactory(round=survey, contact=contact)
    q1, q2, q3 = survey.questions.order_by("order")
    response = answered(
        survey,
        {q1: 4, q3: "Ottakaa yhteyttä: liisa.virtanen@example.fi"},
        organisation=invitation.organisation,
    )
    Response.objects.filter(pk=response.pk).update(invitation=invitation, submitted_by=contact.user)
    before = round_results(survey)

    exported = personal_data.export(email=contact.email, user=contact.user)
    assert [i["organisation"] for i in exported["survey_invitations"]] == [invitation.organisation.name]
    assert [a["score"] for a in exported["survey_answers_submitted"][0]["answers"]] == [4, None]

    changed = personal_data.erase(email=contact.email, user=contact.user, actor=None)

    assert changed == 3  # the response, the invitation, the free-text answer
    response.refresh_from_db()
    assert (response.invitation, response.submitted_by) == (None, None)
    erased = Invitation.objects.get(pk=invitation.pk)
    assert erased.contact is None
    assert erased.token != invitation.token
    assert client.get(_url(invitation)).status_code == 404  # the old private link no longer opens
    assert Answer.objects.get(response=response, question=q3).text == "Ottakaa yhteyttä: [erased]"
    after = round_results(survey)
    assert (after.responses, after.average) == (before.responses, before.average)
    assert personal_data.export(email=contact.email, user=contact.user) == {
        "survey_invitations": [],
        "survey_answers_submitted": [],
    }


def test_change_pages_of_draft_and_open_rounds(client, coordinator):
    draft = SurveyRoundFactory()
    QuestionFactory(round=draft)
    opened = SurveyRoundFactory(state=RoundState.OPEN)
    QuestionFactory(round=opened)
    client.force_login(coordinator)
    draft_page = client.get(f"/fi/admin/surveys/surveyround/{draft.pk}/change/").content.decode()
    assert 'name="title_fi"' in draft_page
    assert 'name="questions-0-text_fi"' in draft_page
    open_page = client.get(f"/fi/admin/surveys/surveyround/{opened.pk}/change/")
    assert open_page.status_code == 200
    html = open_page.content.decode()
    assert 'name="title_fi"' not in html  # the questions and title are fixed once the survey is open
    assert 'name="questions-0-text_fi"' not in html
    assert f"/fi/admin/surveys/surveyround/{opened.pk}/results/" in html
