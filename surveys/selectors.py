"""Reads of the survey: the private link, the results of a round and the averages the dashboard shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from core.questionnaires import QuestionKind, QuestionResult, average, results_of, round_two
from surveys.enums import RoundState
from surveys.models import Answer, Invitation, Question, Response, SurveyRound


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
        return average(100 * self.responses, self.invited)


def round_results(survey_round: SurveyRound) -> RoundResults:
    """Averages per question (unanswered questions ignored), distributions 1–5, free texts and the
    response rate (organisations that answered / organisations invited); a fixed number of queries."""
    results = results_of(questions_of(survey_round), Answer.objects.filter(response__round=survey_round))
    figures = survey_round.invitations.aggregate(invited=Count("organisation", distinct=True))
    responses = survey_round.responses.count()
    return RoundResults(
        survey_round=survey_round,
        invited=figures["invited"],
        responses=responses,
        average=results.average,
        questions=results.questions,
    )


@dataclass(frozen=True)
class RoundAverage:
    round_id: int
    title: str
    day: date
    average: Decimal
    responses: int


def satisfaction_by_round() -> list[RoundAverage]:
    """Per closed round, the average of every score given to its scale questions (questions left
    unanswered do not count), dated by the round's closing day; one query.

    A round still open is left out: its first answers are not the members' view (one answer would
    replace the last closed round's figure), and the figure must not move while the round runs."""
    now = timezone.now()
    rows = (
        SurveyRound.objects.filter(state=RoundState.CLOSED)
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
            average=round_two(r.average),
            responses=r.responses_count,
        )
        for r in rows
    ]


def round_list_for_reminders(*, now) -> QuerySet[SurveyRound]:
    """Open rounds whose reminder is due (their reminder day has come) and not yet sent."""
    return SurveyRound.objects.filter(
        state=RoundState.OPEN, reminders_sent_at__isnull=True, closes_at__gt=now
    ).order_by("id")
