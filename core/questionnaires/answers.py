"""Checking submitted answers: question id → score (scale) or text (free text)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from core.questionnaires.enums import SCALE_MAX, SCALE_MIN, TEXT_MAX, QuestionKind


class AnswerError(Exception):
    """An answer that cannot be stored; ``code`` is ``required`` or ``score``, ``message`` translated."""

    REQUIRED = "required"
    SCORE = "score"

    def __init__(self, code: str, question: Any = None):
        self.code = code
        self.question = question
        super().__init__(code)

    @property
    def message(self) -> str:
        if self.code == self.SCORE:
            return gettext("Choose a value from 1 to 5.")
        return gettext("Answer every required question.")


@dataclass(frozen=True)
class CleanAnswer:
    """One answer to store: a score for a scale question, a text for a free-text question."""

    question: Any
    score: int | None = None
    text: str = ""


def clean_score(value: Any, question: Any = None) -> int | None:
    """The score a value stands for (None: not answered); AnswerError ``score`` outside the scale."""
    if value is None or value == "":
        return None
    try:
        score = int(value)
    except (TypeError, ValueError):
        raise AnswerError(AnswerError.SCORE, question) from None
    if not SCALE_MIN <= score <= SCALE_MAX:
        raise AnswerError(AnswerError.SCORE, question)
    return score


def clean_answers(questions: Iterable[Any], answers: Mapping[Any, Any]) -> list[CleanAnswer]:
    """The answers to store, in the order of the questions: unanswered optional questions are left out
    (so they count in no average), texts are stripped and cut to 4,000 characters. Raises AnswerError
    ``required`` for an unanswered required question and ``score`` for a value outside the scale."""
    rows = []
    for question in questions:
        value = answers.get(question.pk)
        if question.kind == QuestionKind.SCALE:
            score = clean_score(value, question)
            if score is not None:
                rows.append(CleanAnswer(question=question, score=score))
                continue
        else:
            text = str(value or "").strip()[:TEXT_MAX]
            if text:
                rows.append(CleanAnswer(question=question, text=text))
                continue
        if question.required:
            raise AnswerError(AnswerError.REQUIRED, question)
    return rows
