"""More information from the applicant: a coordinator asks, the applicant answers with a new version."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.locks import lock_row
from funding.models import Application, InformationRequest
from funding.services import FundingError, _require_contact
from funding.services.moves import S, _move, _require
from funding.services.versions import application_version_save
from members.selectors import contact_persons_of
from outbox.services import mail_queue


def _contacts(application: Application) -> list:
    return list(contact_persons_of(organisation=application.organisation).order_by("-is_primary", "id"))


def information_request_create(*, application: Application, actor, message: str) -> InformationRequest:
    """A coordinator asks the applicant for more information; the applicant is told by email."""
    _require(actor, "funding.change_application")
    message = (message or "").strip()
    if not message:
        raise FundingError(gettext("Write what you want to ask the applicant."), code="invalid")
    with transaction.atomic(durable=True):
        locked = lock_row(application, related=("call", "organisation"))
        request = InformationRequest.objects.create(application=locked, message=message, requested_by=actor)
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
                },
                language=contact.language,
                actor=actor,
            )
    return request


def information_request_answer(*, application: Application, actor, response: str) -> InformationRequest:
    """The applicant answers: the answer is part of a new version, and the application returns to review."""
    response = (response or "").strip()
    if not response:
        raise FundingError(gettext("Write your answer."), code="invalid")
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
