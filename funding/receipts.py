"""The submitted application as a PDF, and the receipt that carries it to the applicant."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.text import capfirst

from funding.enums import COMMITMENTS
from funding.formatting import format_money, format_percent
from funding.models import Application
from funding.rules import TEXT_FIELDS
from funding.selectors import application_totals
from funding.validators import sanitise_filename
from outbox.pdf import render_pdf
from outbox.services import Attachment as MailAttachment
from outbox.services import mail_queue

if TYPE_CHECKING:
    from members.selectors import ContactPerson


def application_pdf(application: Application, *, language: str, lines=None, partners=None) -> bytes:
    lines = list(application.budget_lines.order_by("order", "id")) if lines is None else lines
    partners = list(application.partners.order_by("order", "id")) if partners is None else partners
    with translation.override(language):
        context = pdf_context(application, lines=lines, partners=partners)
    return render_pdf(template="pdf/funding_application.html", context=context, language=language)


def pdf_context(application: Application, *, lines, partners) -> dict[str, Any]:
    sections = []
    for name in TEXT_FIELDS[2:]:
        field_ = Application._meta.get_field(name)
        sections.append((capfirst(field_.verbose_name), getattr(application, name)))
    return {
        "application": application,
        "call": application.call,
        "organisation": application.organisation,
        "sections": sections,
        "partners": partners,
        "lines": lines,
        "totals": application_totals(application, lines),
        "commitments": [(text, getattr(application, name)) for name, text in COMMITMENTS],
        "attachments": list(application.attachments.all()),
    }


def send_receipt(application: Application, *, contact: ContactPerson, lines, partners, actor) -> None:
    """Expects to run inside the submitting transaction, so the receipt leaves only if it commits."""
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
