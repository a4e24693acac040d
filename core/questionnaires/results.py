"""Results of a questionnaire: per question the number of answers, the average and distribution over
the scale, the free texts; and the average of every score given. One rounding rule: Decimal, two
places, ROUND_HALF_UP."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, QuerySet

from core.questionnaires.enums import SCALE_VALUES, QuestionKind

TWO_PLACES = Decimal("0.01")


def round_two(value: Any) -> Decimal | None:
    """A number as a Decimal with two places, halves rounded up (None stays None)."""
    if value is None:
        return None
    if not isinstance(value, Decimal):
        value = Decimal(value)
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def average(total: int | Decimal, count: int) -> Decimal | None:
    """``total / count`` with two places (None when nothing was counted)."""
    if not count:
        return None
    return round_two(Decimal(total) / Decimal(count))


@dataclass
class QuestionResult:
    question: Any
    count: int = 0
    average: Decimal | None = None
    distribution: list[tuple[int, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass
class Results:
    questions: list[QuestionResult]
    #: Scores given to the scale questions, all together.
    count: int = 0
    #: The average of every score given (not the average of the questions' averages).
    average: Decimal | None = None


def summarise(
    questions: Iterable[Any],
    scores: Mapping[Any, Mapping[int, int]],
    texts: Iterable[tuple[Any, str]] = (),
) -> Results:
    """The results from the counted scores (question id → score → answers) and the free texts
    (question id, text) in the order they are shown; answers to other questions are ignored."""
    questions = list(questions)
    by_question = {q.pk: QuestionResult(question=q) for q in questions}
    for question_id, text in texts:
        result = by_question.get(question_id)
        if result is not None and result.question.kind != QuestionKind.SCALE:
            result.texts.append(text)
    total = weighted = 0
    for question in questions:
        result = by_question[question.pk]
        if question.kind != QuestionKind.SCALE:
            result.count = len(result.texts)
            continue
        given = scores.get(question.pk, {})
        result.distribution = [(score, given.get(score, 0)) for score in SCALE_VALUES]
        result.count = sum(given.values())
        question_sum = sum(score * n for score, n in given.items())
        result.average = average(question_sum, result.count)
        total += result.count
        weighted += question_sum
    return Results(
        questions=[by_question[q.pk] for q in questions], count=total, average=average(weighted, total)
    )


def results_of(questions: Iterable[Any], answers: QuerySet) -> Results:
    """``summarise`` over a queryset of the answers to count (two queries): the answers' model needs
    ``question``, ``score``, ``text`` and a ``response`` with ``submitted_at``; texts come oldest first."""
    counted = (
        answers.filter(score__isnull=False).order_by().values("question_id", "score").annotate(n=Count("pk"))
    )
    scores: dict[Any, dict[int, int]] = {}
    for row in counted:
        scores.setdefault(row["question_id"], {})[row["score"]] = row["n"]
    texts = (
        answers.filter(question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .order_by("question_id", "response__submitted_at", "pk")
        .values_list("question_id", "text")
    )
    return summarise(questions, scores, texts)
