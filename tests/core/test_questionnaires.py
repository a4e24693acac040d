"""The questionnaire engine shared by the event feedback and the member surveys."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django import forms
from django.utils import translation

from core.questionnaires import (
    SCALE_MAX,
    SCALE_MIN,
    SCALE_VALUES,
    AnswerError,
    CleanAnswer,
    QuestionKind,
    QuestionnaireForm,
    average,
    clean_answers,
    clean_score,
    results_of,
    round_two,
    summarise,
)


def question(pk, kind=QuestionKind.SCALE, *, required=False, text="Kysymys?"):
    return SimpleNamespace(pk=pk, kind=kind, required=required, text=text)


# --- Enums -----------------------------------------------------------------------------------


def test_both_apps_use_the_engines_kinds_and_scale():
    from events import enums as event_enums
    from surveys import enums as survey_enums

    assert event_enums.QuestionKind is QuestionKind
    assert survey_enums.QuestionKind is QuestionKind
    assert (event_enums.SCALE_MIN, event_enums.SCALE_MAX) == (SCALE_MIN, SCALE_MAX) == (1, 5)
    assert (survey_enums.SCALE_MIN, survey_enums.SCALE_MAX) == (1, 5)
    assert SCALE_VALUES == (1, 2, 3, 4, 5)
    assert QuestionKind.values == ["scale", "text"]


# --- Rounding --------------------------------------------------------------------------------


def test_one_rounding_rule_two_places_halves_up():
    assert round_two(None) is None
    assert round_two(Decimal("2.675")) == Decimal("2.68")
    assert round_two(Decimal("2.665")) == Decimal("2.67")  # not to the even neighbour
    assert round_two(Decimal("3.125")) == Decimal("3.13")
    assert round_two(4) == Decimal("4.00")
    assert str(round_two(3.5)) == "3.50"
    assert average(7, 3) == Decimal("2.33")
    assert average(5, 3) == Decimal("1.67")
    assert average(1, 8) == Decimal("0.13")  # 0.125 rounds up
    assert average(0, 0) is None
    assert average(10, 0) is None


# --- Checking answers ------------------------------------------------------------------------


def test_clean_score_accepts_the_scale_and_strings_of_it():
    assert clean_score(None) is None
    assert clean_score("") is None
    assert [clean_score(v) for v in (1, "3", 5)] == [1, 3, 5]
    for wrong in (0, 6, "9", "x", 2.5j, [1]):
        with pytest.raises(AnswerError) as refused:
            clean_score(wrong)
        assert refused.value.code == AnswerError.SCORE


def test_clean_answers_keeps_given_answers_in_question_order():
    scale, text, skipped_scale, skipped_text = (
        question(1),
        question(2, QuestionKind.TEXT),
        question(3),
        question(4, QuestionKind.TEXT),
    )
    cleaned = clean_answers(
        [scale, text, skipped_scale, skipped_text],
        {2: "  Hyvää työtä.  ", 1: "4", 3: None, 4: "   ", 99: 5},
    )
    assert cleaned == [
        CleanAnswer(question=scale, score=4, text=""),
        CleanAnswer(question=text, score=None, text="Hyvää työtä."),
    ]


def test_clean_answers_cuts_long_texts():
    text = question(1, QuestionKind.TEXT)
    [answer] = clean_answers([text], {1: "a" * 5000})
    assert answer.text == "a" * 4000


def test_clean_answers_refuses_missing_required_answers_and_scores_off_the_scale():
    required_scale = question(1, required=True)
    required_text = question(2, QuestionKind.TEXT, required=True)
    with pytest.raises(AnswerError) as refused:
        clean_answers([required_scale, required_text], {2: "Teksti"})
    assert (refused.value.code, refused.value.question) == ("required", required_scale)
    with pytest.raises(AnswerError) as refused:
        clean_answers([required_scale, required_text], {1: 3, 2: " "})
    assert (refused.value.code, refused.value.question) == ("required", required_text)
    with pytest.raises(AnswerError) as refused:
        clean_answers([required_scale], {1: 6})
    assert (refused.value.code, refused.value.question) == ("score", required_scale)


def test_answer_errors_are_translated():
    with translation.override("en"):
        assert AnswerError(AnswerError.SCORE).message == "Choose a value from 1 to 5."
        assert AnswerError(AnswerError.REQUIRED).message == "Answer every required question."
    with translation.override("fi"):
        assert AnswerError(AnswerError.SCORE).message != "Choose a value from 1 to 5."


# --- The form --------------------------------------------------------------------------------


class _Form(QuestionnaireForm):
    scale_help_text = "1 = huono, 5 = erinomainen"
    scale_error_messages = {"invalid_choice": "Valitse 1–5."}


def test_form_has_a_field_per_question():
    questions = [question(7, required=True, text="Kuinka hyödyllinen?"), question(8, QuestionKind.TEXT)]
    form = _Form(questions=questions)
    assert list(form.fields) == ["q7", "q8"]
    scale, text = form.fields["q7"], form.fields["q8"]
    assert isinstance(scale, forms.TypedChoiceField)
    assert isinstance(scale.widget, forms.RadioSelect)
    assert scale.choices == [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]
    assert (scale.label, scale.required) == ("Kuinka hyödyllinen?", True)
    assert scale.help_text == "1 = huono, 5 = erinomainen"
    assert isinstance(text, forms.CharField)
    assert isinstance(text.widget, forms.Textarea)
    assert (text.required, text.max_length, text.help_text) == (False, 4000, "")


def test_form_cleans_to_answers_for_clean_answers():
    questions = [question(7), question(8, QuestionKind.TEXT), question(9)]
    form = _Form({"q7": "5", "q8": "Kiitos"}, questions=questions)
    assert form.is_valid(), form.errors
    assert form.answers() == {7: 5, 8: "Kiitos", 9: None}
    assert [(a.question.pk, a.score, a.text) for a in clean_answers(questions, form.answers())] == [
        (7, 5, ""),
        (8, None, "Kiitos"),
    ]


def test_form_refuses_values_off_the_scale_with_the_subclass_message():
    form = _Form({"q7": "9"}, questions=[question(7)])
    assert not form.is_valid()
    assert form.errors == {"q7": ["Valitse 1–5."]}


def test_form_subclasses_of_both_apps():
    from events.forms import FeedbackForm
    from surveys.forms import AnswerForm

    questions = [question(1, required=True), question(2, QuestionKind.TEXT, required=True)]
    with translation.override("en"):
        feedback = FeedbackForm({}, questions=questions)
        survey = AnswerForm({}, questions=questions)
        assert feedback.fields["q1"].help_text == "1 = poor, 5 = excellent"
        assert survey.fields["q1"].help_text == "1 = very dissatisfied, 5 = very satisfied"
        assert not feedback.is_valid()
        assert not survey.is_valid()
        assert feedback.errors == {"q1": ["This field is required."], "q2": ["This field is required."]}
        assert survey.errors == {"q1": ["Choose a value from 1 to 5."], "q2": ["Answer this question."]}


# --- Results ---------------------------------------------------------------------------------


def test_summarise_counts_averages_and_distributions():
    q1, q2, q3, q4 = question(1), question(2), question(3, QuestionKind.TEXT), question(4)
    results = summarise(
        [q1, q2, q3, q4],
        {1: {5: 2, 2: 1}, 2: {4: 1}, 99: {1: 10}},
        [(3, "Hyvä."), (99, "Muu"), (3, "Lisää näitä")],
    )
    one, two, three, four = results.questions
    assert (one.question, one.count, one.average, one.texts) == (q1, 3, Decimal("4.00"), [])
    assert one.distribution == [(1, 0), (2, 1), (3, 0), (4, 0), (5, 2)]
    assert (two.count, two.average) == (1, Decimal("4.00"))
    assert two.distribution == [(1, 0), (2, 0), (3, 0), (4, 1), (5, 0)]
    assert (three.count, three.average, three.distribution) == (2, None, [])
    assert three.texts == ["Hyvä.", "Lisää näitä"]
    assert (four.count, four.average) == (0, None)
    assert four.distribution == [(1, 0), (2, 0), (3, 0), (4, 0), (5, 0)]
    # Every score given counts once: (5 + 5 + 2 + 4) / 4, not the average of the averages.
    assert (results.count, results.average) == (4, Decimal("4.00"))


def test_summarise_rounds_halves_up():
    results = summarise([question(1), question(2)], {1: {1: 7, 2: 1}, 2: {3: 2, 4: 1}})
    # 9 / 8 = 1.125 and 10 / 3 = 3.333…; all: 19 / 11 = 1.727…
    assert [r.average for r in results.questions] == [Decimal("1.13"), Decimal("3.33")]
    assert results.average == Decimal("1.73")


def test_summarise_without_answers():
    results = summarise([question(1), question(2, QuestionKind.TEXT)], {})
    assert [(r.count, r.average, r.texts) for r in results.questions] == [(0, None, []), (0, None, [])]
    assert (results.count, results.average) == (0, None)
    assert summarise([], {}).questions == []


@pytest.mark.django_db
def test_results_of_counts_a_queryset_of_answers_in_two_queries(django_assert_num_queries):
    from surveys.models import Answer
    from tests.surveys.factories import QuestionFactory, SurveyRoundFactory, answered

    survey_round = SurveyRoundFactory()
    scale = QuestionFactory(round=survey_round, kind=QuestionKind.SCALE, order=1)
    text = QuestionFactory(round=survey_round, kind=QuestionKind.TEXT, order=2)
    for score, comment in [(5, "Hyvä"), (4, ""), (2, "Lisää näitä")]:
        answered(survey_round, {scale: score, text: comment})
    other = QuestionFactory(kind=QuestionKind.SCALE)
    answered(other.round, {other: 1})

    with django_assert_num_queries(2):
        results = results_of([scale, text], Answer.objects.filter(response__round=survey_round))
    scale_result, text_result = results.questions
    assert (scale_result.count, scale_result.average) == (3, Decimal("3.67"))
    assert scale_result.distribution == [(1, 0), (2, 1), (3, 0), (4, 1), (5, 1)]
    assert (text_result.count, text_result.texts) == (2, ["Hyvä", "Lisää näitä"])
    assert (results.count, results.average) == (3, Decimal("3.67"))


# --- The apps' models on the engine's abstract base -------------------------------------------


def test_both_apps_models_have_the_engines_fields():
    from core.questionnaires.models import AnswerBase, QuestionBase
    from events.models import FeedbackAnswer, FeedbackQuestion
    from surveys.models import Answer, Question

    for model in (FeedbackQuestion, Question):
        assert issubclass(model, QuestionBase)
        assert model._meta.ordering == ["order", "id"]
        kind = model._meta.get_field("kind")
        assert (kind.choices, kind.default) == (QuestionKind.choices, QuestionKind.SCALE)
    for model in (FeedbackAnswer, Answer):
        assert issubclass(model, AnswerBase)
        score = model._meta.get_field("score")
        assert [v.limit_value for v in score.validators if hasattr(v, "limit_value")] == [1, 5]


@pytest.mark.django_db
def test_feedback_question_admin_form_keeps_the_event_first(admin_client):
    page = admin_client.get("/fi/admin/events/feedbackquestion/add/")
    assert page.status_code == 200
    fields = list(page.context["adminform"].form.fields)
    assert fields == ["event", "text_fi", "text_sv", "text_en", "kind", "required", "order"]
