"""More information from the applicant: a coordinator asks (with an answer deadline), the applicant answers
with a new version and, if needed, files (checked like the application's attachments); a reminder goes out
before the deadline (``information_reminders_send``, run by Celery beat)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.audit import audit_log
from core.locks import lock_row
from funding.enums import AuditAction
from funding.models import Application, InformationFile, InformationRequest
from funding.services import FundingError, _require_contact
from funding.services.moves import S, _move, _require
from funding.services.versions import application_version_save
from funding.validators import sanitise_filename, validate_attachment
from members.selectors import contact_persons_of
from outbox.services import mail_queue

#: The most files one answer may carry.
FILES_PER_ANSWER = 5


def _contacts(application: Application) -> list:
    return list(contact_persons_of(organisation=application.organisation).order_by("-is_primary", "id"))


def information_request_create(
    *, application: Application, actor, message: str, answer_due: datetime | None = None
) -> InformationRequest:
    """A coordinator asks the applicant for more information, by a deadline if given; the applicant is
    told by email."""
    _require(actor, "funding.change_application")
    message = (message or "").strip()
    if not message:
        raise FundingError(gettext("Write what you want to ask the applicant."), code="invalid")
    if answer_due is not None and answer_due <= timezone.now():
        raise FundingError(gettext("The answer deadline must be in the future."), code="answer_due")
    with transaction.atomic(durable=True):
        locked = lock_row(application, related=("call", "organisation"))
        request = InformationRequest.objects.create(
            application=locked, message=message, requested_by=actor, answer_due=answer_due
        )
        _move(locked, S.INFO_REQUESTED, actor=actor, note=message)
        for contact in _contacts(locked):
            with translation.override(contact.language):
                url = settings.SITE_URL + locked.get_absolute_url()
            mail_queue(
                to=contact.email,
                template="funding_information_request",
                context={
                    "name": contact.first_name,
                    "application": str(locked),
                    "call": locked.call.title,
                    "message": message,
                    "application_url": url,
                    "answer_due": _due_text(answer_due, contact.language),
                },
                language=contact.language,
                actor=actor,
            )
    return request


def _due_text(answer_due: datetime | None, language: str) -> str:
    if answer_due is None:
        return ""
    from django.utils import formats

    with translation.override(language):
        return formats.date_format(timezone.localtime(answer_due), "DATETIME_FORMAT")


def _checked_files(files: Sequence) -> list[str]:
    if len(files) > FILES_PER_ANSWER:
        raise FundingError(
            gettext("An answer can have at most %(count)s files.") % {"count": FILES_PER_ANSWER}, code="files"
        )
    kinds = []
    for upload in files:
        try:
            kinds.append(validate_attachment(upload))
        except ValidationError as exc:
            raise FundingError(exc.messages[0], code="attachment", problems=exc.messages) from None
    return kinds


def information_request_answer(
    *, application: Application, actor, response: str, files: Sequence = ()
) -> InformationRequest:
    """The applicant answers, with files if needed: the answer is part of a new version, and the
    application returns to review. A file that fails the attachments' checks refuses the whole answer."""
    response = (response or "").strip()
    if not response:
        raise FundingError(gettext("Write your answer."), code="invalid")
    files = list(files)
    kinds = _checked_files(files)
    written: list[str] = []
    try:
        return _answer(application, actor, response, files, kinds, written)
    except BaseException:
        # Nothing of a refused or failed answer stays on disk.
        from funding.models import private_storage

        for name in written:
            private_storage.delete(name)
        raise


def _answer(application, actor, response, files, kinds, written) -> InformationRequest:
    with transaction.atomic(durable=True):
        locked = lock_row(application, related=("call", "organisation"))
        _require_contact(actor, locked.organisation)
        request = (
            InformationRequest.objects.select_for_update()
            .filter(application=locked, responded_at__isnull=True)
            .first()
        )
        if request is None or locked.status != S.INFO_REQUESTED:
            raise FundingError(gettext("No question is waiting for an answer."), code="state")
        request.response = response
        request.responded_by = actor
        request.responded_at = timezone.now()
        request.save(update_fields=["response", "responded_by", "responded_at"])
        for upload, kind in zip(files, kinds, strict=True):
            name = sanitise_filename(getattr(upload, "name", ""), kind)
            stored = InformationFile(
                request=request, filename=name, kind=kind, size=upload.size, uploaded_by=actor
            )
            upload.seek(0)
            stored.file.save(name, upload, save=False)
            written.append(stored.file.name)
            stored.save()
        _move(locked, S.UNDER_REVIEW, actor=actor, extra={"version": locked.version + 1})
        application_version_save(locked)
        if request.requested_by is not None and request.requested_by.email:
            mail_queue(
                to=request.requested_by.email,
                template="funding_information_answered",
                context={"application": str(locked), "response": response},
                language=getattr(request.requested_by, "language", "") or settings.LANGUAGE_CODE,
                actor=actor,
            )
    return request


def information_reminders_send(*, now=None) -> int:
    """Remind the applicant's contact persons of an unanswered request whose deadline is near (within
    ``FUNDING_INFORMATION_REMINDER_DAYS``, default 2 days). Each request is reminded once
    (``reminded_at``); run as often as you like (Celery beat runs it hourly)."""
    now = now or timezone.now()
    days = int(getattr(settings, "FUNDING_INFORMATION_REMINDER_DAYS", 2))
    sent = 0
    with transaction.atomic(durable=True):
        pending = (
            InformationRequest.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                responded_at__isnull=True,
                reminded_at__isnull=True,
                answer_due__gt=now,
                answer_due__lte=now + timedelta(days=days),
                application__status=S.INFO_REQUESTED,
            )
            .select_related("application", "application__call", "application__organisation")
        )
        for request in pending:
            application = request.application
            for contact in _contacts(application):
                with translation.override(contact.language):
                    url = settings.SITE_URL + application.get_absolute_url()
                mail_queue(
                    to=contact.email,
                    template="funding_information_reminder",
                    context={
                        "name": contact.first_name,
                        "application": str(application),
                        "reference": application.reference,
                        "message": request.message,
                        "answer_due": _due_text(request.answer_due, contact.language),
                        "application_url": url,
                    },
                    language=contact.language,
                )
            request.reminded_at = now
            request.save(update_fields=["reminded_at"])
            audit_log(
                action=AuditAction.INFORMATION_REMINDED,
                actor=None,
                obj=request,
                new={"application": application.pk, "answer_due": request.answer_due},
            )
            sent += 1
    return sent
