"""The applicants' attachments opened by staff: checked against the person's role, each opening audited."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from core.audit import audit_log
from funding.enums import AuditAction
from funding.models import Attachment, InformationFile
from funding.selectors.review import may_open_attachments
from funding.services import FundingError


def attachment_open(*, attachment: Attachment, actor):
    """The attachment's file, opened for reading, for a coordinator or an assigned, non-conflicted
    reviewer; the opening is written in the audit trail. The caller closes the file (a FileResponse does).

    Raises ``FundingError`` (code "forbidden") for anyone else, and (code "missing") when the file is gone.
    """
    if actor is None or not actor.is_active or not may_open_attachments(actor, attachment.application):
        raise FundingError(gettext("You do not have the right to open this attachment."), code="forbidden")
    try:
        handle = attachment.file.open("rb")
    except OSError:
        raise FundingError(gettext("The file of this attachment is missing."), code="missing") from None
    with transaction.atomic():
        audit_log(
            action=AuditAction.ATTACHMENT_OPENED,
            actor=actor,
            obj=attachment,
            new={"application": attachment.application_id, "filename": attachment.filename},
        )
    return handle


def information_file_open(*, stored: InformationFile, actor):
    """A file of the applicant's answer, opened for reading under the same rule as the attachments;
    the opening is audited."""
    application = stored.request.application
    if actor is None or not actor.is_active or not may_open_attachments(actor, application):
        raise FundingError(gettext("You do not have the right to open this attachment."), code="forbidden")
    try:
        handle = stored.file.open("rb")
    except OSError:
        raise FundingError(gettext("The file of this attachment is missing."), code="missing") from None
    with transaction.atomic():
        audit_log(
            action=AuditAction.INFORMATION_FILE_OPENED,
            actor=actor,
            obj=stored,
            new={"application": application.pk, "filename": stored.filename},
        )
    return handle
