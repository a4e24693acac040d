from datetime import timedelta

import factory
from django.utils import timezone

from surveys.enums import QuestionKind, RoundState
from surveys.models import Answer, Invitation, Question, Response, SurveyRound
from tests.factories import ContactPersonFactory, OrganisationFactory


class SurveyRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyRound

    title_fi = factory.Sequence(lambda n: f"Jäsenkysely {n}")
    title_sv = factory.Sequence(lambda n: f"Medlemsenkät {n}")
    title_en = factory.Sequence(lambda n: f"Member survey {n}")
    title = factory.SelfAttribute("title_fi")
    introduction_fi = "Kerro, miten verkosto on palvellut organisaatiotanne."
    state = RoundState.DRAFT
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    round = factory.SubFactory(SurveyRoundFactory)
    text_fi = factory.Sequence(lambda n: f"Kuinka tyytyväinen olette asiaan {n}?")
    text_sv = factory.Sequence(lambda n: f"Hur nöjda är ni med sak {n}?")
    text_en = factory.Sequence(lambda n: f"How satisfied are you with item {n}?")
    text = factory.SelfAttribute("text_fi")
    kind = QuestionKind.SCALE
    order = factory.Sequence(lambda n: n)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    round = factory.SubFactory(SurveyRoundFactory, state=RoundState.OPEN)
    contact = factory.SubFactory(ContactPersonFactory)
    organisation = factory.SelfAttribute("contact.organisation")
    language = "fi"


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    round = factory.SubFactory(SurveyRoundFactory, state=RoundState.OPEN)
    organisation = factory.SubFactory(OrganisationFactory)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
    score = 4


def answered(survey_round, scores: dict, organisation=None) -> Response:
    """A response of ``organisation`` to ``survey_round`` with ``{question: score or text or None}``."""
    response = ResponseFactory(round=survey_round, organisation=organisation or OrganisationFactory())
    for question, value in scores.items():
        if value is None:
            continue
        if isinstance(value, str):
            AnswerFactory(response=response, question=question, score=None, text=value)
        else:
            AnswerFactory(response=response, question=question, score=value)
    return response
