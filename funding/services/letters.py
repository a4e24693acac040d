"""Decision letters: the ministry's released decision on an application as a PDF, sent once to the applicant.

A letter states what a decision on a discretionary government transfer states (Act 688/2001): for a
funded project the purpose, the amount, the largest share of the total costs, the eligible costs and
the period they may arise in, the conditions and the reporting obligations; for a project not funded
or not chosen the decision and its grounds; and for every decision how to request its rectification.

Only a confirmed (released) decision produces a letter; a pending or cancelled one never does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from core.audit import audit_log
from core.questionnaires.kinds import FormKind
from funding.enums import ApplicationStatus, DecisionStatus
from funding.formatting import format_money, format_percent, share_percent
from funding.models import Application, BudgetLine, Decision
from funding.selectors import application_totals
from funding.selectors.answers import call_form_sections
from funding.validators import sanitise_filename
from members.selectors import contact_persons_of

if TYPE_CHECKING:
    from members.selectors import ContactPerson
from funding.enums import AuditAction
from outbox.pdf import render_pdf
from outbox.services import Attachment, mail_queue

#: The decisions that end an application's road and are told to the applicant in a letter.
LETTER_OUTCOMES = frozenset(
    {ApplicationStatus.FUNDED, ApplicationStatus.NOT_FUNDED, ApplicationStatus.NOT_CHOSEN}
)

#: Where a request for rectification is sent (the ministry's registry), unless the settings say otherwise.
DEFAULT_RECTIFICATION_ADDRESS = "kirjaamo.stm@gov.fi"


def _language(language: str | None) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    language = (language or "")[:2].lower()
    return language if language in codes else settings.LANGUAGE_CODE


def _latest_decisions():
    """Each application's latest decision (by when it was recorded), whatever its status."""
    latest = Decision.objects.filter(application=OuterRef("application")).order_by("-proposed_at", "-id")
    return Decision.objects.filter(pk=Subquery(latest.values("pk")[:1]))


def decision_for_letter(application: Application, *, include_pending: bool = False) -> Decision | None:
    """The decision a letter of ``application`` states: its latest decision when that is released (or,
    for a preview, still pending) and ends the application's road; else None."""
    decision = (
        Decision.objects.filter(application=application)
        .select_related("confirmed_by")
        .order_by("-proposed_at", "-id")
        .first()
    )
    statuses = (
        {DecisionStatus.CONFIRMED, DecisionStatus.PENDING} if include_pending else {DecisionStatus.CONFIRMED}
    )
    if decision is None or decision.status not in statuses or decision.outcome not in LETTER_OUTCOMES:
        return None
    return decision


def announced_decision(application: Application, *, now=None) -> Decision | None:
    """The released decision the applicant sees on the application's page: only once the call's
    decisions have been announced."""
    announced = application.call.decisions_announced_at
    if announced is None or announced > (now or timezone.now()):
        return None
    return decision_for_letter(application)


def letter_recipient(application: Application) -> ContactPerson | None:
    """Who the letter goes to: the contact person who submitted the application (who got its receipt),
    else the organisation's primary contact person, else its first one."""
    contacts = list(contact_persons_of(organisation=application.organisation))
    submitter = next((c for c in contacts if c.user_id and c.user_id == application.submitted_by_id), None)
    return submitter or (contacts[0] if contacts else None)  # ordered: primary first


# --- The letter ------------------------------------------------------------------------------------


def _date(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value).date() if value.tzinfo else value.date()
    return formats.date_format(value, "DATE_FORMAT")


def call_commitments(call, *, language: str) -> list[str]:
    """The commitments the call's form asked the applicant to confirm (its required boxes to tick), in
    ``language``: a grant's conditions quote them as the call put them."""
    return [
        item.label
        for section in call_form_sections(call, language=language)
        for item in section.items
        if item.kind == FormKind.CONFIRM and item.required
    ]


def letter_context(
    application: Application, decision: Decision, *, language: str, lines=None
) -> dict[str, Any]:
    """What the letter shows, with money, shares and dates in ``language``'s format."""
    call = application.call
    lines = (
        list(BudgetLine.objects.filter(application=application).order_by("order", "id"))
        if lines is None
        else lines
    )
    with translation.override(language):
        totals = application_totals(application, lines)
        funded = decision.outcome == ApplicationStatus.FUNDED
        granted = decision.granted_amount if funded else None
        decided_at = decision.confirmed_at or decision.proposed_at
        decided_by = decision.confirmed_by
        return {
            "application": application,
            "call": call,
            "organisation": application.organisation,
            "decision": decision,
            "draft": decision.status != DecisionStatus.CONFIRMED,
            "funded": funded,
            "outcome": decision.outcome,
            "decided_on": _date(decided_at),
            # The official named in the call makes the decisions; else the person who confirmed it.
            "decided_by": call.decider_name
            or ((decided_by.get_full_name() or decided_by.email) if decided_by else ""),
            "decider_title": call.decider_title if call.decider_name or decided_by else "",
            "reference": application.reference,
            "report_dates": [
                (label, _date(value))
                for label, value in (
                    (gettext("Interim report"), call.report_interim_due),
                    (gettext("Final report"), call.report_final_due),
                )
                if value is not None
            ],
            "payment_terms": call.payment_terms,
            "use_case": application.get_use_case_display() if application.use_case else "",
            "granted": format_money(granted, language),
            "total_cost": format_money(totals.total_cost, language),
            "requested": format_money(totals.requested, language),
            "max_share": format_percent(call.max_share, language),
            "granted_share": format_percent(share_percent(granted, totals.total_cost), language),
            "costs_from": _date(call.earliest_cost_date),
            "costs_until": _date(call.latest_cost_date),
            "by_category": [
                (label, format_money(amount, language)) for _code, label, amount in totals.by_category
            ],
            "conditions": call.decision_conditions,
            "reporting": call.decision_reporting,
            "commitments": call_commitments(call, language=language),
            # Grounds written in the applicant's language; a decision from before they were asked for
            # separately has only its note.
            "grounds": decision.grounds if decision.grounds_language else decision.note,
            "rectification_address": getattr(
                settings, "FUNDING_RECTIFICATION_ADDRESS", DEFAULT_RECTIFICATION_ADDRESS
            ),
        }


def decision_letter_pdf(
    application: Application, decision: Decision, *, language: str | None = None
) -> bytes:
    """The decision letter as a PDF, in the application's language unless another is given.

    Raises :class:`FundingError` for a grant that breaks the call's rules: no letter states one.
    """
    from funding.services.decisions import grant_check

    if decision.outcome == ApplicationStatus.FUNDED:
        grant_check(application, decision.granted_amount)
    language = _language(language or application.language)
    context = letter_context(application, decision, language=language)
    return render_pdf(template="pdf/funding_decision.html", context=context, language=language)


def letter_filename(application: Application, *, language: str) -> str:
    with translation.override(language):
        name = gettext("decision")
    return sanitise_filename(f"{name}-{application.pk}.pdf", "pdf")


# --- Sending ---------------------------------------------------------------------------------------


def decision_letters_send(*, applications: Iterable[Application], actor) -> int:
    """Send the decision letter of each application whose latest decision is released and has no letter
    yet: one message with the PDF to the contact person, in the application's language. Returns how
    many were sent; the others are skipped (pending, cancelled or no decision, a letter already sent,
    or nobody to send it to).

    The decisions are locked, so two coordinators sending at once send each letter once. Only a person
    with the permission ``funding.send_decision_letters`` may send them (else :class:`FundingError`).
    """
    from funding.services import FundingError

    if actor is None or not actor.is_active or not actor.has_perm("funding.send_decision_letters"):
        raise FundingError(gettext("You do not have permission to send decision letters."), code="forbidden")
    ids = [a.pk if isinstance(a, Application) else a for a in applications]
    if not ids:
        return 0
    sent = 0
    with transaction.atomic(durable=True):
        decisions = list(
            _latest_decisions()
            .filter(
                application_id__in=ids,
                status=DecisionStatus.CONFIRMED,
                outcome__in=LETTER_OUTCOMES,
                letter_sent_at__isnull=True,
            )
            # A released decision has moved the application to its outcome.
            .filter(application__status=F("outcome"))
            .select_related("application__call", "application__organisation", "confirmed_by")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        for decision in decisions:
            application = decision.application
            contact = letter_recipient(application)
            if contact is None:
                continue
            language = _language(application.language)
            try:
                pdf = decision_letter_pdf(application, decision, language=language)
            except FundingError:
                continue  # a grant that breaks the call's rules is never stated in a letter

            with translation.override(language):
                context = {
                    "application": application,
                    "call": application.call,
                    "organisation": application.organisation,
                    "name": contact.first_name,
                    "outcome": decision.outcome,
                    "funded": decision.outcome == ApplicationStatus.FUNDED,
                    "granted": format_money(decision.granted_amount, language),
                    "decided_on": _date(decision.confirmed_at),
                }
            mail = mail_queue(
                to=contact.email,
                template="funding_decision",
                context=context,
                language=language,
                actor=actor,
                attachments=[
                    Attachment(
                        filename=letter_filename(application, language=language),
                        content=pdf,
                        mimetype="application/pdf",
                    )
                ],
                headers={"Auto-Submitted": "auto-generated"},
            )
            decision.letter_sent_at = timezone.now()
            decision.save(update_fields=["letter_sent_at"])
            audit_log(
                action=AuditAction.DECISION_LETTER_SENT,
                actor=actor,
                obj=decision,
                old={"letter_sent_at": None},
                new={
                    "letter_sent_at": decision.letter_sent_at,
                    "application": application.pk,
                    "outcome": decision.outcome,
                    "language": language,
                    "mail": mail.pk,
                },
            )
            sent += 1
    return sent
