"""Writes of the events app: registration, cancellation and the waiting list, reminders, feedback,
attendance and coordinators' messages. Each service runs in one transaction and writes the audit trail;
mail goes through the outbox and leaves after the transaction commits."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from core import ratelimit
from core import search as site_search
from core.audit import audit_log, changed_values
from core.questionnaires import AnswerError, clean_answers
from core.states import transition_apply, transition_check
from events.enums import ALLOWED_TRANSITIONS, AuditAction, RegistrationStatus
from events.ics import CANCEL, PUBLISH, registration_calendar
from events.models import Event, FeedbackAnswer, FeedbackQuestion, FeedbackResponse, Registration
from outbox.enums import MailKind
from outbox.services import Attachment, BulkRecipient, RenderedMail, mail_queue, mail_queue_bulk, mail_render

NAME_MAX = 200
ORGANISATION_MAX = 200


class EventError(Exception):
    """A refused operation; ``message`` is translated and can be shown to the person."""

    def __init__(self, message: str, code: str = ""):
        self.message = message
        self.code = code
        super().__init__(message)


# --- Mail ------------------------------------------------------------------------------------


def registration_url(registration: Registration, *, language: str | None = None, suffix: str = "") -> str:
    """The absolute private link of a registration, in the person's language."""
    with translation.override(language or registration.language):
        return f"{settings.SITE_URL}{registration.get_absolute_url()}{suffix}"


def _mail_context(registration: Registration, event: Event) -> dict:
    return {
        "event": event,
        "registration": registration,
        "name": registration.name,
        "private_url": registration_url(registration),
        "cancel_url": registration_url(registration, suffix="cancel/"),
        "feedback_url": registration_url(registration, suffix="feedback/"),
        "event_url": _event_url(event, registration.language),
    }


def _event_url(event: Event, language: str) -> str:
    with translation.override(language):
        return f"{settings.SITE_URL}{event.get_absolute_url()}"


def _ics_attachment(registration: Registration, method: str = PUBLISH) -> Attachment:
    return Attachment(
        filename="event.ics",
        content=registration_calendar(registration, method=method),
        mimetype=f"text/calendar; charset=utf-8; method={method}",
    )


def _mail_registration(
    registration: Registration, event: Event, *, template: str, actor=None, ics: bool, method: str = PUBLISH
) -> None:
    registration.event = event
    mail_queue(
        to=registration.email,
        template=template,
        context=_mail_context(registration, event),
        language=registration.language,
        actor=actor,
        attachments=[_ics_attachment(registration, method)] if ics else (),
    )


def _registration_mail(
    registration: Registration, event: Event, status: str
) -> tuple[str, RenderedMail, list[Attachment]]:
    """The confirmation (with its calendar file) or the waiting-list notice, rendered."""
    registration.event = event
    registered = status == RegistrationStatus.REGISTERED
    template = "events_confirmation" if registered else "events_waitlisted"
    rendered = mail_render(
        template=template, context=_mail_context(registration, event), language=registration.language
    )
    return template, rendered, [_ics_attachment(registration)] if registered else []


# --- Registration ----------------------------------------------------------------------------


def registration_client_allowed(*, client: str) -> bool:
    """Registration attempts per client (IP address) within the window: registering mails any address
    typed in, so one client may not make the portal mail many."""
    digest = hashlib.sha256(client.encode()).hexdigest()[:32]
    return ratelimit.hit(
        key=f"events:rl:client:{digest}",
        limit=settings.EVENTS_RATE_LIMIT_PER_CLIENT,
        window=settings.EVENTS_RATE_LIMIT_WINDOW,
    )


def registration_address_allowed(*, email: str) -> bool:
    """Registrations per email address within the window, whoever makes them."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return ratelimit.hit(
        key=f"events:rl:email:{digest}",
        limit=settings.EVENTS_RATE_LIMIT_PER_EMAIL,
        window=settings.EVENTS_RATE_LIMIT_WINDOW,
    )


def _clean_registration_input(*, name: str, email: str, organisation: str, language: str, consent: bool):
    name = " ".join((name or "").split())
    email = (email or "").strip()
    organisation = " ".join((organisation or "").split())
    if not consent:
        raise EventError(
            gettext("Registration needs your consent to the processing of your personal data."),
            code="consent",
        )
    if not name or len(name) > NAME_MAX:
        raise EventError(gettext("Enter your name (at most 200 characters)."), code="name")
    if len(organisation) > ORGANISATION_MAX:
        raise EventError(gettext("The organisation may be at most 200 characters."), code="organisation")
    try:
        validate_email(email)
    except ValidationError:
        raise EventError(gettext("Enter a valid email address."), code="email") from None
    if language not in {code for code, _name in settings.LANGUAGES}:
        language = settings.LANGUAGE_CODE
    return name, email, organisation, language


def _already_registered() -> EventError:
    return EventError(gettext("This email address is already registered for the event."), code="duplicate")


def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    organisation: str = "",
    language: str,
    consent: bool,
    actor=None,
    now: datetime | None = None,
) -> Registration:
    """Register a person, or put them on the waiting list when the event is full.

    The event's row is locked for the count and the insert, so simultaneous registrations are
    serialised and the capacity is never exceeded; the waiting list keeps the order of arrival.
    The confirmation (templates and the .ics: most of the work) is rendered after the commit, by a
    task (``events.services.confirmations``): neither the lock nor the person's request waits for it."""
    name, email, organisation, language = _clean_registration_input(
        name=name, email=email, organisation=organisation, language=language, consent=consent
    )
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        # The time is taken under the lock, so the waiting list's order is the order of the locks.
        now = now or timezone.now()
        if not locked.registration_is_open(now):
            if locked.registration_opens_at and now < locked.registration_opens_at:
                raise EventError(gettext("Registration for this event has not opened yet."), code="not_open")
            raise EventError(gettext("Registration for this event is closed."), code="closed")
        status = RegistrationStatus.REGISTERED
        if locked.capacity is not None:
            taken = Registration.objects.filter(event=locked, status=RegistrationStatus.REGISTERED).count()
            if taken >= locked.capacity:
                status = RegistrationStatus.WAITING
        # A second active registration of the address is refused by the unique constraint rather than
        # asked for first, and without a savepoint: the refusal rolls the whole transaction back anyway.
        # Three statements fewer under the lock.
        try:
            registration = Registration.objects.create(
                event=locked,
                name=name,
                email=email,
                organisation=organisation,
                language=language,
                consented_at=now,
                status=status,
                created_at=now,
            )
        except IntegrityError:
            raise _already_registered() from None
        audit_log(
            action=AuditAction.REGISTRATION_CREATED,
            actor=actor,
            obj=registration,
            new={"event": locked.pk, "email": email, "status": status, "language": language},
        )
        transaction.on_commit(partial(confirmation_dispatch, registration.pk))
    registration.event = locked
    return registration


def _fill_from_waiting_list(event: Event, *, actor=None, now: datetime) -> list[Registration]:
    """Move people up from the waiting list, first come first served. The caller holds the event's lock."""
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
        "created_at", "id"
    )
    if event.capacity is not None:
        taken = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()
        free = max(event.capacity - taken, 0)
        waiting = waiting[:free]
    promoted = list(waiting.select_for_update())
    for registration in promoted:
        transition_apply(registration, RegistrationStatus.REGISTERED, transitions=ALLOWED_TRANSITIONS)
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        audit_log(
            action=AuditAction.REGISTRATION_PROMOTED,
            actor=actor,
            obj=registration,
            old={"status": RegistrationStatus.WAITING},
            new={"status": RegistrationStatus.REGISTERED},
        )
        _mail_registration(registration, event, template="events_promoted", actor=actor, ics=True)
    return promoted


def _already_cancelled(old: str, new: str) -> EventError:
    # Only a cancelled registration cannot be cancelled (the map lets both other statuses end).
    return EventError(gettext("This registration has already been cancelled."), code="cancelled")


def registration_cancel(
    *, registration: Registration, actor=None, now: datetime | None = None, notify: bool = True
) -> tuple[Registration, list[Registration]]:
    """Cancel a registration; a freed place goes to the first person on the waiting list, who is told.
    The person is told too, unless ``notify`` is off (an erasure must not mail the address it erases)."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        transition_check(
            ALLOWED_TRANSITIONS, locked.status, RegistrationStatus.CANCELLED, refuse=_already_cancelled
        )
        if event.starts_at <= now:
            raise EventError(
                gettext("The event has already started; the registration can no longer be cancelled."),
                code="started",
            )
        old_status = locked.status
        locked.status = RegistrationStatus.CANCELLED
        locked.cancelled_at = now
        locked.save(update_fields=["status", "cancelled_at"])
        audit_log(
            action=AuditAction.REGISTRATION_CANCELLED,
            actor=actor,
            obj=locked,
            old={"status": old_status},
            new={"status": locked.status},
        )
        # The person is told, and a confirmed place's calendar entry is removed (METHOD:CANCEL).
        if notify:
            _mail_registration(
                locked,
                event,
                template="events_cancelled",
                actor=actor,
                ics=True,  # a calendar ignores the removal of an entry it does not have (the waiting list)
                method=CANCEL,
            )
        promoted = (
            _fill_from_waiting_list(event, actor=actor, now=now)
            if old_status == RegistrationStatus.REGISTERED
            else []
        )
    locked.event = event
    return locked, promoted


def event_fill_waiting_list(*, event: Event, actor=None, now: datetime | None = None) -> list[Registration]:
    """After the capacity was raised (or removed): give the new places to the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        return _refill_waiting_list(locked, actor=actor, now=now)


def _refill_waiting_list(event: Event, *, actor, now: datetime) -> list[Registration]:
    """The caller holds the event's lock; an event that has started keeps its waiting list."""
    if event.starts_at <= now:
        return []
    promoted = _fill_from_waiting_list(event, actor=actor, now=now)
    if promoted:
        audit_log(
            action=AuditAction.EVENT_WAITING_LIST_FILLED,
            actor=actor,
            obj=event,
            new={"promoted": [r.pk for r in promoted], "capacity": event.capacity},
        )
    return promoted


# --- Coordinators' changes to an event -------------------------------------------------------


def _event_snapshot(event: Event) -> dict:
    return {
        "title": event.title_fi,
        "slug": event.slug,
        "type": event.type,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "capacity": event.capacity,
        "published": event.published,
    }


def event_save(*, event: Event, actor, now: datetime | None = None) -> tuple[Event, list[Registration]]:
    """Save a new event, or the changes a coordinator made to ``event`` (the admin's form sets them on
    the instance). A capacity that changed gives any new places to the waiting list at once; the
    people moved up are returned."""
    now = now or timezone.now()
    with transaction.atomic():
        if event.pk is None:
            event.save()
            audit_log(action=AuditAction.EVENT_CREATED, actor=actor, obj=event, new=_event_snapshot(event))
            site_search.changed(kind="event", ids=[event.pk])
            return event, []
        stored = Event.objects.select_for_update().get(pk=event.pk)
        old, new = changed_values(stored, event)
        if not old:
            return event, []
        notify = tells_participants(new) and stored.published and stored.ends_at > now
        if notify:
            event.ics_sequence = stored.ics_sequence + 1
        event.save()
        audit_log(action=AuditAction.EVENT_UPDATED, actor=actor, obj=event, old=old, new=new)
        site_search.changed(kind="event", ids=[event.pk])
        promoted = _refill_waiting_list(event, actor=actor, now=now) if "capacity" in new else []
        if notify:
            notify_change(event, promoted=promoted, actor=actor, changed=sorted(new))
    return event, promoted


def event_delete(*, event: Event, actor, now: datetime | None = None) -> None:
    """Delete an event with its programme, registrations and feedback, as a coordinator decided. People
    registered for an event still to come are told it is cancelled (their calendar entry is removed)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.ends_at > now and locked.published:
            notify_event_cancelled(locked, actor=actor)
        audit_log(
            action=AuditAction.EVENT_DELETED,
            actor=actor,
            obj=locked,
            old={**_event_snapshot(locked), "registrations": locked.registrations.count()},
        )
        site_search.changed(kind="event", ids=[locked.pk])
        locked.delete()


# --- Feedback --------------------------------------------------------------------------------


def feedback_questions_for(event: Event) -> list[FeedbackQuestion]:
    """The event's own questions, or the default set when it has none."""
    own = list(FeedbackQuestion.objects.filter(event=event).order_by("order", "id"))
    return own or list(FeedbackQuestion.objects.filter(event__isnull=True).order_by("order", "id"))


def feedback_submit(
    *, registration: Registration, answers: Mapping[int, object], now: datetime | None = None
) -> FeedbackResponse:
    """Store one person's answers (question id → score 1–5 or text); one response per registration."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
        event = locked.event
        if locked.status != RegistrationStatus.REGISTERED:
            raise EventError(
                gettext("Only registered participants can answer the survey."), code="not_registered"
            )
        if event.ends_at > now:
            raise EventError(gettext("The feedback survey opens when the event is over."), code="not_over")
        if FeedbackResponse.objects.filter(registration=locked).exists():
            raise EventError(
                gettext("You have already answered the feedback survey. Thank you!"), code="answered"
            )
        try:
            cleaned = clean_answers(feedback_questions_for(event), answers)
        except AnswerError as exc:
            raise _answer_error(exc) from None
        rows = [FeedbackAnswer(question=a.question, score=a.score, text=a.text) for a in cleaned]
        try:
            with transaction.atomic():
                response = FeedbackResponse.objects.create(registration=locked, event=event, submitted_at=now)
        except IntegrityError:
            raise EventError(
                gettext("You have already answered the feedback survey. Thank you!"), code="answered"
            ) from None
        for row in rows:
            row.response = response
        FeedbackAnswer.objects.bulk_create(rows)
        audit_log(
            action=AuditAction.FEEDBACK_SUBMITTED,
            actor=None,
            obj=response,
            new={"event": event.pk, "registration": locked.pk, "answers": len(rows)},
        )
    return response


def _answer_error(exc: AnswerError) -> EventError:
    """The feedback survey's own wording and codes for the questionnaire engine's refusals."""
    if exc.code == AnswerError.REQUIRED:
        return EventError(gettext("Answer the required questions."), code="required")
    return EventError(exc.message, code="scale")


# --- Coordinators' messages ------------------------------------------------------------------


def event_message_send(*, event: Event, subject: str, body: str, actor, include_waiting: bool = False) -> int:
    """Email everyone registered for an event (and optionally the waiting list) through the outbox."""
    subject = " ".join((subject or "").split())
    body = (body or "").strip()
    if not subject or not body:
        raise EventError(gettext("Write a subject and a message."), code="empty")
    statuses = [RegistrationStatus.REGISTERED]
    if include_waiting:
        statuses.append(RegistrationStatus.WAITING)
    with transaction.atomic():
        recipients = list(
            Registration.objects.filter(event=event, status__in=statuses).order_by("created_at", "id")
        )
        if not recipients:
            raise EventError(gettext("The event has nobody to write to."), code="no_recipients")
        bulk_id = mail_queue_bulk(
            recipients=(
                BulkRecipient(
                    to=r.email,
                    language=r.language,
                    context={"name": r.name, "private_url": registration_url(r)},
                )
                for r in recipients
            ),
            template="events_message",
            context={"event": event, "subject": subject, "message": body},
            actor=actor,
            kind=MailKind.TRANSACTIONAL,
        )
        audit_log(
            action=AuditAction.MESSAGE_SENT,
            actor=actor,
            obj=event,
            new={"subject": subject, "recipients": len(recipients), "bulk_id": str(bulk_id)},
        )
    return len(recipients)


# Attendance lives in its own module; the package re-exports it (`services.attendance_import(...)`).
from events.services.attendance import ATTENDANCE_FILE_MAX as ATTENDANCE_FILE_MAX  # noqa: E402
from events.services.attendance import EMAIL_IN_TEXT as EMAIL_IN_TEXT  # noqa: E402
from events.services.attendance import AttendanceImportResult as AttendanceImportResult  # noqa: E402
from events.services.attendance import attendance_import as attendance_import  # noqa: E402
from events.services.attendance import attendance_mark as attendance_mark  # noqa: E402

# The confirmation, rendered and queued after the registration committed.
from events.services.confirmations import confirmation_dispatch as confirmation_dispatch  # noqa: E402
from events.services.confirmations import (  # noqa: E402
    registration_confirmation_send as registration_confirmation_send,
)

# Telling registered people of a change or a cancellation of the event lives in its own module.
from events.services.notices import notify_change as notify_change  # noqa: E402
from events.services.notices import notify_event_cancelled as notify_event_cancelled  # noqa: E402
from events.services.notices import tells_participants as tells_participants  # noqa: E402
