"""One questionnaire engine for every app that asks questions (event feedback, member surveys).

It owns the question kinds and the 1–5 scale, the form built from a list of questions, the checking of
submitted answers and the results with one rounding rule (Decimal, two places, ROUND_HALF_UP). The apps
keep their own models, which only need the fields the engine reads: a question has ``pk``, ``text``,
``kind`` and ``required``; an answer has ``question``, ``score``, ``text`` and ``response__submitted_at``.
"""

from core.questionnaires.answers import AnswerError, CleanAnswer, clean_answers, clean_score
from core.questionnaires.enums import SCALE_MAX, SCALE_MIN, SCALE_VALUES, TEXT_MAX, QuestionKind
from core.questionnaires.forms import QuestionnaireForm, question_field
from core.questionnaires.results import (
    QuestionResult,
    Results,
    average,
    results_of,
    round_two,
    summarise,
)

__all__ = [
    "SCALE_MAX",
    "SCALE_MIN",
    "SCALE_VALUES",
    "TEXT_MAX",
    "AnswerError",
    "CleanAnswer",
    "QuestionKind",
    "QuestionResult",
    "QuestionnaireForm",
    "Results",
    "average",
    "clean_answers",
    "clean_score",
    "question_field",
    "results_of",
    "round_two",
    "summarise",
]
