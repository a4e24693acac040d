"""Reads of the survey: the private link, the results of a round and the averages the dashboard shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from surveys.enums import SCALE_MAX, SCALE_MIN, QuestionKind, RoundState
from surveys.models import Answer, Invitation, Question, Response, SurveyRound

TWO = Decimal("0.01")


def _two(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(TWO, rounding=ROUND_HALF_UP)


def invitation_get(*, token: str) -> Invitation | None:
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.select_related("round", "organisation", "contact")
        .filter(token=token)
        .exclude(round__state=RoundState.DRAFT)
        .first()
    )


def questions_of(survey_round: SurveyRound) -> list[Question]:
    return list(survey_round.questions.order_by("order", "id"))


def response_of(*, survey_round: SurveyRound, organisation_id: int) -> Response | None:
    return Response.objects.filter(round=survey_round, organisation_id=organisation_id).first()


@dataclass
class QuestionResult:
    question: Question
    count: int = 0
    average: Decimal | None = None
    distribution: list[tuple[int, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass
class RoundResults:
    survey_round: SurveyRound
    invited: int
    responses: int
    average: Decimal | None
    questions: list[QuestionResult]

    @property
    def response_rate(self) -> Decimal | None:
        """Share of the invited organisations that answered, per cent."""
        if not self.invited:
            return None
        return _two(Decimal(100 * self.responses) / Decimal(self.invited))


def round_results(survey_round: SurveyRound) -> RoundResults:
    """Averages per question (unanswered questions ignored), distributions 1–5, free texts and the
    response rate (organisations that answered / organisations invited); a fixed number of queries."""
    questions = questions_of(survey_round)
    by_question = {q.pk: QuestionResult(question=q) for q in questions}
    scores = (
        Answer.objects.filter(response__round=survey_round, score__isnull=False)
        .order_by()
        .values("question_id", "score")
        .annotate(n=Count("id"))
    )
    counts: dict[int, dict[int, int]] = {}
    for row in scores:
        counts.setdefault(row["question_id"], {})[row["score"]] = row["n"]
    texts = (
        Answer.objects.filter(response__round=survey_round, question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .order_by("question_id", "response__submitted_at", "id")
        .values_list("question_id", "text")
    )
    for question_id, text in texts:
        if question_id in by_question:
            by_question[question_id].texts.append(text)
    total = weighted = 0
    for question in questions:
        result = by_question[question.pk]
        if question.kind != QuestionKind.SCALE:
            result.count = len(result.texts)
            continue
        given = counts.get(question.pk, {})
        result.distribution = [(score, given.get(score, 0)) for score in range(SCALE_MIN, SCALE_MAX + 1)]
        result.count = sum(given.values())
        result_sum = sum(score * n for score, n in given.items())
        result.average = _two(Decimal(result_sum) / result.count) if result.count else None
        total += result.count
        weighted += result_sum
    figures = survey_round.invitations.aggregate(invited=Count("organisation", distinct=True))
    responses = survey_round.responses.count()
    return RoundResults(
        survey_round=survey_round,
        invited=figures["invited"],
        responses=responses,
        average=_two(Decimal(weighted) / total) if total else None,
        questions=[by_question[q.pk] for q in questions],
    )


@dataclass(frozen=True)
class RoundAverage:
    round_id: int
    title: str
    day: date
    average: Decimal
    responses: int


def satisfaction_by_round() -> list[RoundAverage]:
    """Per round (open or closed), the average of every score given to its scale questions
    (questions left unanswered do not count), dated by the round's closing day (today for a round
    still open); one query."""
    now = timezone.now()
    rows = (
        SurveyRound.objects.exclude(state=RoundState.DRAFT)
        .annotate(
            average=Avg(
                "responses__answers__score",
                filter=Q(responses__answers__question__kind=QuestionKind.SCALE)
                & Q(responses__answers__score__isnull=False),
            ),
            responses_count=Count("responses", distinct=True),
        )
        .filter(average__isnull=False)
        .order_by("closes_at", "id")
    )
    return [
        RoundAverage(
            round_id=r.pk,
            title=r.title,
            day=timezone.localdate(min(r.closes_at, now)),
            average=_two(r.average),
            responses=r.responses_count,
        )
        for r in rows
    ]


def round_list_for_reminders(*, now) -> QuerySet[SurveyRound]:
    """Open rounds whose reminder is due (their reminder day has come) and not yet sent."""
    return SurveyRound.objects.filter(
        state=RoundState.OPEN, reminders_sent_at__isnull=True, closes_at__gt=now
    ).order_by("id")
