"""Reviews and their scores, and the reminders of reviews still open before the review deadline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.audit import audit_log
from core.locks import lock_row
from core.states import transition_apply
from funding.enums import REVIEW_TRANSITIONS, REVIEWING_STATES, AuditAction, Recommendation, ReviewStatus
from funding.models import (
    Application,
    ConflictOfInterest,
    Criterion,
    FundingCall,
    Review,
    ReviewAssignment,
    Score,
)
from funding.services import FundingError
from funding.services.moves import S, _require
from outbox.services import mail_queue


@dataclass(frozen=True)
class ScoreData:
    value: int | None = None
    not_applicable: bool = False
    comment: str = ""


def _can_review(application: Application, reviewer) -> None:
    if ConflictOfInterest.objects.filter(application=application, reviewer=reviewer).exists():
        raise FundingError(
            gettext("You have a conflict of interest with this application and cannot review it."),
            code="conflict",
        )
    if not ReviewAssignment.objects.filter(application=application, reviewer=reviewer).exists():
        raise FundingError(gettext("This application has not been assigned to you."), code="not_assigned")


def _check_scores(
    criteria: Sequence[Criterion], scores: Mapping[int, ScoreData], *, complete: bool
) -> list[str]:
    problems = []
    for criterion in criteria:
        data = scores.get(criterion.pk, ScoreData())
        if data.not_applicable and not criterion.allow_not_applicable:
            problems.append(
                gettext("“%(criterion)s” cannot be marked not applicable.") % {"criterion": criterion.name}
            )
        elif data.value is not None and not criterion.scale_min <= data.value <= criterion.scale_max:
            problems.append(
                gettext("The score of “%(criterion)s” must be between %(low)s and %(high)s.")
                % {"criterion": criterion.name, "low": criterion.scale_min, "high": criterion.scale_max}
            )
        elif data.value is not None and data.not_applicable:
            problems.append(
                gettext("“%(criterion)s” has a score and is marked not applicable: choose one.")
                % {"criterion": criterion.name}
            )
        elif complete and criterion.required and data.value is None and not data.not_applicable:
            problems.append(gettext("Score “%(criterion)s”.") % {"criterion": criterion.name})
    return problems


def review_save(
    *,
    application: Application,
    actor,
    scores: Mapping[int, ScoreData],
    recommendation: str = "",
    comment: str = "",
    submit: bool = False,
) -> Review:
    """A reviewer saves their review as a draft, or submits it (then it is final)."""
    _require(actor, "funding.review_application")
    if recommendation and recommendation not in Recommendation.values:
        raise FundingError(gettext("Choose a recommendation from the list."), code="invalid")
    with transaction.atomic():
        locked = lock_row(application, related=("call", "organisation"))
        _can_review(locked, actor)
        if locked.status not in REVIEWING_STATES:
            raise FundingError(gettext("The application is not in review."), code="state")
        criteria = list(Criterion.objects.filter(call_id=locked.call_id))
        if not criteria:
            raise FundingError(gettext("The call has no evaluation criteria yet."), code="no_criteria")
        problems = _check_scores(criteria, scores, complete=submit)
        if submit and not recommendation:
            problems.append(gettext("Choose an overall recommendation."))
        if problems:
            raise FundingError(problems[0], code="invalid", problems=problems)
        review, created = Review.objects.select_for_update().get_or_create(
            application=locked, reviewer=actor, defaults={"application_version": locked.version}
        )
        if review.is_submitted:
            raise FundingError(gettext("You have already submitted your review."), code="state")
        now = timezone.now()
        review.recommendation = recommendation
        review.comment = (comment or "").strip()
        review.application_version = locked.version
        review.updated_at = now
        old_status = review.status
        if submit:
            transition_apply(review, ReviewStatus.SUBMITTED, transitions=REVIEW_TRANSITIONS)
            review.submitted_at = now
        review.save()
        Score.objects.filter(review=review).delete()
        Score.objects.bulk_create(
            Score(
                review=review,
                criterion=criterion,
                value=None if data.not_applicable else data.value,
                not_applicable=data.not_applicable,
                comment=(data.comment or "").strip(),
            )
            for criterion in criteria
            if (data := scores.get(criterion.pk)) is not None
        )
        audit_log(
            action=AuditAction.REVIEW_SUBMITTED if submit else AuditAction.REVIEW_SAVED,
            actor=actor,
            obj=review,
            old={"status": "" if created else old_status},
            new={
                "status": review.status,
                "application": locked.pk,
                "application_version": review.application_version,
                "recommendation": review.recommendation,
            },
        )
    return review


# --- Reminders --------------------------------------------------------------------------------------


def review_reminders_send(*, now=None) -> int:
    """Remind reviewers of reviews still open a call's configured number of days before its deadline.

    Each assignment is reminded once (``reminded_at``); run as often as you like.
    """
    now = now or timezone.now()
    sent = 0
    calls = FundingCall.objects.filter(review_deadline__isnull=False, review_deadline__gt=now)
    for call in calls:
        if now < call.review_deadline - timezone.timedelta(days=call.review_reminder_days):
            continue
        with transaction.atomic(durable=True):
            pending = (
                ReviewAssignment.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(application__call=call, reminded_at__isnull=True)
                .filter(application__status__in=[S.UNDER_REVIEW, S.INFO_REQUESTED])
                .select_related("application", "reviewer")
            )
            for assignment in pending:
                reviewer = assignment.reviewer
                if Review.objects.filter(
                    application_id=assignment.application_id, reviewer=reviewer, status=ReviewStatus.SUBMITTED
                ).exists():
                    continue
                language = getattr(reviewer, "language", "") or settings.LANGUAGE_CODE
                with translation.override(language):
                    url = (
                        settings.SITE_URL
                        + f"/{language}/admin/funding/application/{assignment.application_id}/review/"
                    )
                mail_queue(
                    to=reviewer.email,
                    template="funding_review_reminder",
                    context={
                        "application": str(assignment.application),
                        "call": call.title,
                        "deadline": call.review_deadline,
                        "review_url": url,
                    },
                    language=language,
                )
                assignment.reminded_at = now
                assignment.save(update_fields=["reminded_at"])
                audit_log(
                    action=AuditAction.REVIEW_REMINDED,
                    actor=None,
                    obj=assignment,
                    new={"application": assignment.application_id, "reviewer": reviewer.pk},
                )
                sent += 1
    return sent
