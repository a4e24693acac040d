"""The submitted application as a PDF, and the receipt that carries it to the applicant.

The receipt is made after the submission commits, never inside it: rendering the PDF takes a
noticeable fraction of a second, and in the last minutes before the close that time must not be
spent holding a lock or a request worker. ``receipt_dispatch`` hands the work to Celery on commit;
``application_receipt_send`` renders it into the outbox once per submission (the ``receipt_queued_at``
mark, set in the same transaction as the outbox row, makes it idempotent); ``receipts_send_missing``
catches every hand-over the broker did not get.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.text import capfirst

from core.questionnaires.kinds import FormKind
from funding.enums import ApplicationStatus
from funding.formatting import format_money, format_percent
from funding.models import Application
from funding.selectors import application_totals
from funding.selectors.answers import application_answer_sections
from funding.validators import sanitise_filename
from members.selectors import contact_person_get
from outbox.pdf import render_pdf
from outbox.services import Attachment as MailAttachment
from outbox.services import mail_queue

logger = logging.getLogger(__name__)

#: A submission whose receipt is not in the outbox after this long is handed over again.
RECEIPT_GRACE = timedelta(minutes=2)

if TYPE_CHECKING:
    from members.selectors import ContactPerson


def application_pdf(application: Application, *, language: str, lines=None, partners=None) -> bytes:
    lines = list(application.budget_lines.order_by("order", "id")) if lines is None else lines
    partners = list(application.partners.order_by("order", "id")) if partners is None else partners
    with translation.override(language):
        context = pdf_context(application, lines=lines, partners=partners, language=language)
    return render_pdf(template="pdf/funding_application.html", context=context, language=language)


def pdf_context(application: Application, *, lines, partners, language: str | None = None) -> dict[str, Any]:
    """What the receipt, the applicant's page, the review page and the meeting bundle show: the
    structured parts and the call's own form with this application's answers, in ``language``
    (default: the active one). Nothing here names a question: the call's form decides."""
    return {
        "application": application,
        "call": application.call,
        "organisation": application.organisation,
        "summary_label": capfirst(Application._meta.get_field("summary").verbose_name),
        "sections": answer_blocks(application_answer_sections(application, language=language)),
        "partners": partners,
        "lines": lines,
        "totals": application_totals(application, lines),
        "attachments": list(application.attachments.all()),
    }


def answer_blocks(sections) -> list[dict[str, Any]]:
    """Each section with its answers as blocks: a question with its answer, or a run of confirmations
    (boxes to tick, e.g. the call's commitments) shown as one list of what was and was not confirmed."""
    shown = []
    for section in sections:
        blocks: list[dict[str, Any]] = []
        for item in section.items:
            if item.kind == FormKind.CONFIRM:
                if not blocks or "confirmations" not in blocks[-1]:
                    blocks.append({"confirmations": []})
                blocks[-1]["confirmations"].append(item)
            else:
                blocks.append({"item": item})
        shown.append(
            {"title": section.title, "intro": section.intro, "items": section.items, "blocks": blocks}
        )
    return shown


def send_receipt(application: Application, *, contact: ContactPerson, lines, partners, actor) -> None:
    """Expects to run inside the transaction that marks the receipt queued."""
    language = application.language
    pdf = application_pdf(application, language=language, lines=lines, partners=partners)
    with translation.override(language):
        url = settings.SITE_URL + application.get_absolute_url()
        totals = application_totals(application, lines)
        context = {
            "application": application,
            "call": application.call,
            "organisation": application.organisation,
            "name": contact.first_name,
            "application_url": url,
            "total_cost": format_money(totals.total_cost, language),
            "requested": format_money(totals.requested, language),
            "share": format_percent(totals.share, language),
            "submitted_at": formats.date_format(
                timezone.localtime(application.submitted_at), "DATETIME_FORMAT"
            ),
        }
    mail_queue(
        to=contact.email,
        template="funding_receipt",
        context=context,
        language=language,
        actor=actor,
        attachments=[
            MailAttachment(
                filename=f"{pdf_filename(application)}",
                content=pdf,
                mimetype="application/pdf",
            )
        ],
        headers={"Auto-Submitted": "auto-generated"},
    )


def pdf_filename(application: Application) -> str:
    return sanitise_filename(f"application-{application.pk}.pdf", "pdf")


def receipt_dispatch(application_id: int) -> None:
    """Hand the receipt to Celery (on commit of the submission). Never raises: whatever the broker
    did not get, ``receipts_send_missing`` sends later."""
    from funding.tasks import application_receipt_send as task

    try:
        if task.app.conf.task_always_eager:
            task.apply_async((application_id,))
        else:
            with task.app.producer_or_acquire() as producer:
                producer.connection.ensure_connection(max_retries=0)
                task.apply_async((application_id,), retry=False, producer=producer)
    except Exception:
        logger.warning(
            "Could not hand the receipt of application %s to the task queue.", application_id, exc_info=True
        )


def application_receipt_send(*, application_id: int) -> bool:
    """Render the receipt of the current submission into the outbox, once; False if nothing was due."""
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call", "organisation", "submitted_by")
            .filter(pk=application_id)
            .first()
        )
        if (
            application is None
            or application.status != ApplicationStatus.SUBMITTED
            or application.receipt_queued_at is not None
        ):
            return False
        contact = contact_person_get(user=application.submitted_by, organisation=application.organisation)
        if contact is not None:
            send_receipt(
                application,
                contact=contact,
                lines=list(application.budget_lines.order_by("order", "id")),
                partners=list(application.partners.order_by("order", "id")),
                actor=application.submitted_by,
            )
        application.receipt_queued_at = timezone.now()
        application.save(update_fields=["receipt_queued_at"])
    return contact is not None


def receipts_send_missing() -> int:
    """Hand over again the receipts of submissions older than ``RECEIPT_GRACE`` not yet in the outbox."""
    ids = list(
        Application.objects.filter(
            status=ApplicationStatus.SUBMITTED,
            receipt_queued_at__isnull=True,
            submitted_at__lt=timezone.now() - RECEIPT_GRACE,
        ).values_list("pk", flat=True)[:500]
    )
    for application_id in ids:
        receipt_dispatch(application_id)
    return len(ids)
