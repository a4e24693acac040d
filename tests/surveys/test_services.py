"""Opening, answering, reminding and closing a survey round: audit entries and queued mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from core.groups import COORDINATORS
from core.models import AuditEntry
from members.enums import MembershipStatus
from outbox.models import OutgoingMail
from surveys import services, tasks
from surveys.enums import QuestionKind, RoundState
from surveys.models import Answer, Invitation, Response, SurveyRound
from tests.factories import ContactPersonFactory, OrganisationFactory, UserFactory
from tests.surveys.factories import InvitationFactory, QuestionFactory, SurveyRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return user


@pytest.fixture
def survey():
    survey_round = SurveyRoundFactory(
        title_fi="Jäsenkysely 2026", title_sv="Medlemsenkät 2026", title_en="Member survey 2026"
    )
    QuestionFactory(round=survey_round, required=True)
    QuestionFactory(round=survey_round)
    QuestionFactory(round=survey_round, kind=QuestionKind.TEXT)
    return survey_round


def _survey_mail():
    return OutgoingMail.objects.filter(template__startswith="surveys_").order_by("id")


def test_opening_invites_every_contact_person_of_member_organisations_in_their_language(
    survey, coordinator, settings
):
    settings.SITE_URL = "https://ekosysteemi.example.fi"
    finnish = ContactPersonFactory(language="fi")
    swedish = ContactPersonFactory(organisation=finnish.organisation, language="sv", is_primary=False)
    english = ContactPersonFactory(language="en")
    ContactPersonFactory(organisation=OrganisationFactory(status=MembershipStatus.PENDING))
    ContactPersonFactory(organisation=OrganisationFactory(status=MembershipStatus.RESIGNED))

    sent = services.survey_round_open(survey_round=survey, actor=coordinator)

    survey.refresh_from_db()
    assert (sent, survey.state) == (3, RoundState.OPEN)
    assert survey.opened_at is not None
    invitations = {i.contact_id: i for i in Invitation.objects.filter(round=survey)}
    assert sorted(invitations) == sorted([finnish.pk, swedish.pk, english.pk])
    mails = list(_survey_mail())
    assert [(m.to, m.language, m.template) for m in mails] == [
        (finnish.email, "fi", "surveys_invitation"),
        (swedish.email, "sv", "surveys_invitation"),
        (english.email, "en", "surveys_invitation"),
    ]
    assert "Jäsenkysely 2026" in mails[0].subject
    assert "Medlemsenkät 2026" in mails[1].subject
    assert mails[2].subject == "Member survey: Member survey 2026"
    token = invitations[swedish.pk].token
    assert f"https://ekosysteemi.example.fi/sv/surveys/answer/{token}/" in mails[1].body_text
    entry = AuditEntry.objects.get(action="surveys.round.opened")
    assert (entry.actor, entry.object_id, entry.old, entry.new) == (
        coordinator,
        str(survey.pk),
        {"state": "draft"},
        {"state": "open", "invitations": 3},
    )


def test_opening_twice_sends_nothing_more_and_closed_rounds_do_not_reopen(survey, coordinator):
    ContactPersonFactory()
    assert services.survey_round_open(survey_round=survey, actor=coordinator) == 1
    assert services.survey_round_open(survey_round=survey, actor=coordinator) == 0
    assert _survey_mail().count() == 1
    services.survey_round_close(survey_round=survey, actor=coordinator)
    survey.refresh_from_db()
    assert survey.state == RoundState.CLOSED
    entry = AuditEntry.objects.get(action="surveys.round.closed")
    assert (entry.old, entry.new) == ({"state": "open"}, {"state": "closed"})
    with pytest.raises(services.SurveyError) as refused:
        services.survey_round_open(survey_round=survey, actor=coordinator)
    assert refused.value.code == "transition"
    assert AuditEntry.objects.filter(action="surveys.round.opened").count() == 1


def test_a_round_without_questions_or_already_closed_time_cannot_open(coordinator):
    empty = SurveyRoundFactory()
    with pytest.raises(services.SurveyError) as refused:
        services.survey_round_open(survey_round=empty, actor=coordinator)
    assert refused.value.code == "questions"
    late = QuestionFactory(round=SurveyRoundFactory(closes_at=timezone.now() - timedelta(minutes=1))).round
    with pytest.raises(services.SurveyError) as refused:
        services.survey_round_open(survey_round=late, actor=coordinator)
    assert refused.value.code == "closes_at"
    late.refresh_from_db()
    assert late.state == RoundState.DRAFT
    assert not AuditEntry.objects.filter(action="surveys.round.opened").exists()
    assert _survey_mail().count() == 0


def test_answer_is_stored_once_per_organisation(survey):
    survey.state = RoundState.OPEN
    survey.save()
    q1, q2, q3 = survey.questions.order_by("order")
    first = InvitationFactory(round=survey)
    second = InvitationFactory(
        round=survey,
        contact=ContactPersonFactory(organisation=first.organisation, is_primary=False),
    )

    response = services.survey_response_submit(
        invitation=first, answers={q1.pk: 4, q2.pk: None, q3.pk: "  Hyvää työtä.  "}, actor=first.contact.user
    )

    assert [(a.question_id, a.score, a.text) for a in Answer.objects.filter(response=response)] == [
        (q1.pk, 4, ""),
        (q3.pk, None, "Hyvää työtä."),
    ]
    assert (response.organisation_id, response.submitted_by, response.invitation) == (
        first.organisation_id,
        first.contact.user,
        first,
    )
    entry = AuditEntry.objects.get(action="surveys.response.submitted")
    assert (entry.actor, entry.object_id, entry.new) == (
        first.contact.user,
        str(response.pk),
        {"round": survey.pk, "organisation": first.organisation_id, "invitation": first.pk, "answers": 2},
    )
    with pytest.raises(services.SurveyError) as refused:
        services.survey_response_submit(invitation=second, answers={q1.pk: 1}, actor=None)
    assert refused.value.code == "answered"
    assert Response.objects.filter(round=survey).count() == 1


def test_required_questions_and_closed_rounds_refuse_answers(survey):
    survey.state = RoundState.OPEN
    survey.save()
    q1, q2, _q3 = survey.questions.order_by("order")
    invitation = InvitationFactory(round=survey)
    with pytest.raises(services.SurveyError) as refused:
        services.survey_response_submit(invitation=invitation, answers={q2.pk: 5}, actor=None)
    assert refused.value.code == "required"
    with pytest.raises(services.SurveyError) as refused:
        services.survey_response_submit(invitation=invitation, answers={q1.pk: 6}, actor=None)
    assert refused.value.code == "score"
    survey.closes_at = timezone.now() - timedelta(seconds=1)
    survey.save()
    with pytest.raises(services.SurveyError) as refused:
        services.survey_response_submit(invitation=invitation, answers={q1.pk: 5}, actor=None)
    assert refused.value.code == "closed"
    assert not Response.objects.exists()
    assert not AuditEntry.objects.filter(action="surveys.response.submitted").exists()


def test_reminder_goes_once_to_organisations_that_have_not_answered(survey, coordinator):
    answering = ContactPersonFactory(language="fi")
    silent = ContactPersonFactory(language="sv")
    silent_second = ContactPersonFactory(organisation=silent.organisation, language="en", is_primary=False)
    services.survey_round_open(survey_round=survey, actor=coordinator)
    q1 = survey.questions.order_by("order").first()
    services.survey_response_submit(
        invitation=Invitation.objects.get(contact=answering), answers={q1.pk: 5}, actor=None
    )
    OutgoingMail.objects.all().delete()

    # Not yet: the reminder day (7 days before closing) has not come.
    assert tasks.send_reminders() == 0
    SurveyRound.objects.filter(pk=survey.pk).update(
        closes_at=timezone.now() + timedelta(days=survey.reminder_days_before - 1)
    )

    assert tasks.send_reminders() == 2
    assert tasks.send_reminders() == 0  # idempotent: the second run sends nothing

    mails = list(_survey_mail())
    assert [(m.to, m.language, m.template) for m in mails] == [
        (silent.email, "sv", "surveys_reminder"),
        (silent_second.email, "en", "surveys_reminder"),
    ]
    survey.refresh_from_db()
    assert survey.reminders_sent_at is not None
    assert Invitation.objects.filter(round=survey, reminded_at__isnull=False).count() == 2
    entries = AuditEntry.objects.filter(action="surveys.round.reminded")
    assert [(e.actor, e.object_id, e.new["reminders"]) for e in entries] == [(None, str(survey.pk), 2)]


def test_reminder_days_are_configurable_per_round(survey, coordinator):
    ContactPersonFactory()
    survey.reminder_days_before = 2
    survey.closes_at = timezone.now() + timedelta(days=3)
    survey.save()
    services.survey_round_open(survey_round=survey, actor=coordinator)
    assert tasks.send_reminders() == 0
    SurveyRound.objects.filter(pk=survey.pk).update(closes_at=timezone.now() + timedelta(days=1, hours=23))
    assert tasks.send_reminders() == 1
