"""Writes of the member satisfaction survey: open and close a round, answer it, remind those who have not.

Each service runs in one transaction and writes the audit trail; mail goes through the outbox in the
recipient's language and leaves after the transaction commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.audit import audit_log
from core.locks import lock_row
from core.questionnaires import AnswerError, clean_answers
from core.states import transition_apply
from members.selectors import member_contact_persons
from outbox.services import mail_queue
from surveys.enums import ALLOWED_TRANSITIONS, AuditAction, RoundState
from surveys.models import Answer, Invitation, Question, Response, SurveyRound

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


class SurveyError(Exception):
    """A refused operation; ``message`` is translated and can be shown to the person."""

    def __init__(self, message: str, code: str = ""):
        self.message = message
        self.code = code
        super().__init__(message)


def _language(language: str | None) -> str:
    language = (language or "")[:2].lower()
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def answer_url(invitation: Invitation) -> str:
    with translation.override(_language(invitation.language)):
        return settings.SITE_URL + reverse("surveys:answer", kwargs={"token": invitation.token})


def _invitation_mail(*, invitation: Invitation, contact: Model, template: str, actor) -> None:
    mail_queue(
        to=contact.email,
        template=template,
        context={
            "name": contact.first_name,
            "organisation": invitation.organisation,
            "survey": invitation.round,
            "closes_at": invitation.round.closes_at,
            "answer_url": answer_url(invitation),
        },
        language=invitation.language,
        actor=actor,
        headers={"Auto-Submitted": "auto-generated"},
    )


def _round_refused(old: str, new: str) -> SurveyError:
    return SurveyError(
        gettext("A survey round cannot move from “%(old)s” to “%(new)s”.")
        % {"old": RoundState(old).label, "new": RoundState(new).label},
        code="transition",
    )


def _transition(survey_round: SurveyRound, new_state: str) -> str:
    return transition_apply(
        survey_round, new_state, transitions=ALLOWED_TRANSITIONS, refuse=_round_refused, field="state"
    )


def survey_round_open(*, survey_round: SurveyRound, actor, now: datetime | None = None) -> int:
    """Open a draft round: each contact person of every member organisation gets a private link.

    Returns the number of invitations sent."""
    now = now or timezone.now()
    with transaction.atomic():
        survey_round = lock_row(survey_round)
        if survey_round.state == RoundState.OPEN:
            return 0
        if not survey_round.questions.exists():
            raise SurveyError(
                gettext("Add at least one question before opening the survey."), code="questions"
            )
        if survey_round.closes_at <= now:
            raise SurveyError(gettext("The closing time must be in the future."), code="closes_at")
        old = _transition(survey_round, RoundState.OPEN)
        survey_round.opened_at = now
        survey_round.save(update_fields=["state", "opened_at"])
        contacts = member_contact_persons()
        sent = 0
        for contact in contacts:
            invitation, created = Invitation.objects.get_or_create(
                round=survey_round,
                contact=contact,
                defaults={
                    "organisation": contact.organisation,
                    "language": _language(contact.language),
                    "sent_at": now,
                },
            )
            if not created:
                continue
            invitation.round = survey_round
            _invitation_mail(
                invitation=invitation, contact=contact, template="surveys_invitation", actor=actor
            )
            sent += 1
        audit_log(
            action=AuditAction.ROUND_OPENED,
            actor=actor,
            obj=survey_round,
            old={"state": old},
            new={"state": survey_round.state, "invitations": sent},
        )
    return sent


def survey_round_close(*, survey_round: SurveyRound, actor, now: datetime | None = None) -> SurveyRound:
    with transaction.atomic():
        survey_round = lock_row(survey_round)
        if survey_round.state == RoundState.CLOSED:
            return survey_round
        old = _transition(survey_round, RoundState.CLOSED)
        survey_round.closed_at = now or timezone.now()
        survey_round.save(update_fields=["state", "closed_at"])
        audit_log(
            action=AuditAction.ROUND_CLOSED,
            actor=actor,
            obj=survey_round,
            old={"state": old},
            new={"state": survey_round.state},
        )
    return survey_round


def _clean_answers(questions: list[Question], answers: dict[int, Any]) -> list[Answer]:
    try:
        cleaned = clean_answers(questions, answers)
    except AnswerError as exc:
        raise SurveyError(exc.message, code=exc.code) from None
    return [Answer(question=a.question, score=a.score, text=a.text) for a in cleaned]


def survey_response_submit(*, invitation: Invitation, answers: dict[int, Any], actor=None) -> Response:
    """Store the organisation's answer (one per organisation and round); unanswered optional
    questions are left out, so they do not count in any average."""
    with transaction.atomic():
        survey_round = SurveyRound.objects.select_for_update().get(pk=invitation.round_id)
        if survey_round.state != RoundState.OPEN or timezone.now() >= survey_round.closes_at:
            raise SurveyError(gettext("This survey is closed."), code="closed")
        if Response.objects.filter(round=survey_round, organisation_id=invitation.organisation_id).exists():
            raise SurveyError(gettext("Your organisation has already answered this survey."), code="answered")
        rows = _clean_answers(list(survey_round.questions.order_by("order", "id")), answers)
        user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    round=survey_round,
                    organisation_id=invitation.organisation_id,
                    invitation=invitation,
                    submitted_by=user,
                )
        except IntegrityError as exc:
            raise SurveyError(
                gettext("Your organisation has already answered this survey."), code="answered"
            ) from exc
        for row in rows:
            row.response = response
        Answer.objects.bulk_create(rows)
        audit_log(
            action=AuditAction.RESPONSE_SUBMITTED,
            actor=user,
            obj=response,
            new={
                "round": survey_round.pk,
                "organisation": invitation.organisation_id,
                "invitation": invitation.pk,
                "answers": len(rows),
            },
        )
    return response


def reminder_due(survey_round: SurveyRound, now: datetime) -> bool:
    return (
        survey_round.state == RoundState.OPEN
        and survey_round.reminders_sent_at is None
        and survey_round.closes_at - timedelta(days=survey_round.reminder_days_before)
        <= now
        < survey_round.closes_at
    )


def survey_round_remind(*, survey_round: SurveyRound, actor=None, now: datetime | None = None) -> int:
    """Remind, once, the contact persons of invited organisations that have not answered.

    Nothing happens before the reminder day or after the reminders went out; returns the
    number of reminders queued."""
    now = now or timezone.now()
    with transaction.atomic():
        survey_round = lock_row(survey_round)
        if not reminder_due(survey_round, now):
            return 0
        answered = Response.objects.filter(round=survey_round).values("organisation_id")
        invitations = (
            Invitation.objects.select_related("contact", "organisation")
            .filter(round=survey_round, reminded_at__isnull=True, contact__isnull=False)
            .exclude(organisation_id__in=answered)
            .exclude(contact__email="")
            .order_by("id")
        )
        reminded = []
        for invitation in invitations:
            invitation.round = survey_round
            _invitation_mail(
                invitation=invitation, contact=invitation.contact, template="surveys_reminder", actor=actor
            )
            reminded.append(invitation.pk)
        Invitation.objects.filter(pk__in=reminded).update(reminded_at=now)
        survey_round.reminders_sent_at = now
        survey_round.save(update_fields=["reminders_sent_at"])
        audit_log(
            action=AuditAction.ROUND_REMINDED,
            actor=actor,
            obj=survey_round,
            old={"reminders_sent_at": None},
            new={"reminders_sent_at": now, "reminders": len(reminded)},
        )
    return len(reminded)
