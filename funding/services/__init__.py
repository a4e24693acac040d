"""Writes of the funding app: starting, saving, submitting, withdrawing and reopening applications.

Every service is keyword-only, takes the acting person, runs in one transaction, writes one audit
entry and raises :class:`FundingError` (with a translated message) when it refuses. The receipt is
rendered and queued in the outbox by a task after the submission commits (``funding.receipts``).

Transactions: the applicant's steps here (``application_create``, ``application_save``,
``application_submit``, ``application_withdraw``, ``application_reopen``) own their transaction
(``durable=True``: only views call them, so a caller's transaction can never hold their locks or commit
half of them). The helpers (``_application_move``, ``_require_contact``, the attachment helpers,
``application_version_save``) expect to run inside one. The review's services are
described in :mod:`funding.services.review`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext

from core.audit import audit_log
from core.locks import lock_row
from core.states import transition_apply
from funding.enums import ALLOWED_TRANSITIONS, ApplicationStatus, AuditAction, BudgetCategory
from funding.models import Application, Attachment, BudgetLine, FundingCall, Partner, private_storage
from funding.receipts import (  # noqa: F401
    application_pdf,
    pdf_context,
    pdf_filename,
    receipt_dispatch,
    send_receipt,
)
from funding.rules import (  # noqa: F401 - the rules are part of this module's interface
    EDITABLE_FIELDS,
    LANGUAGE_CODES,
    TEXT_FIELDS,
    ineligibility_reason,
    missing_items,
    money_problems,
)
from funding.selectors import application_totals
from funding.services.answers import answers_save
from funding.services.versions import application_version_save
from funding.validators import ATTACHMENTS_PER_APPLICATION, sanitise_filename, validate_attachment
from members.enums import MembershipStatus
from members.selectors import contact_person_get

if TYPE_CHECKING:
    from members.selectors import ContactPerson, Organisation


class FundingError(Exception):
    """A refused operation; ``message`` is translated and can be shown to the person."""

    def __init__(self, message: str, code: str = "", problems: Sequence[str] = ()):
        self.message = message
        self.code = code
        self.problems = list(problems)
        super().__init__(message)


class StaleApplication(FundingError):
    """The application was saved after this form was loaded, and parts were changed in both; nothing
    was written. ``conflicts`` names those parts (fields, ``partners``, ``budget_lines``)."""

    def __init__(
        self, current: Application, *, actor=None, conflicts: Sequence[str] = (), take: Sequence[str] = ()
    ):
        self.current = current
        self.conflicts = list(conflicts)
        self.take = list(take)  # changed only in the stored version: the form should show those
        person = current.updated_by
        when = formats.date_format(timezone.localtime(current.updated_at), "SHORT_DATETIME_FORMAT")
        self.same_person = actor is not None and person is not None and person.pk == actor.pk
        if self.same_person:
            message = gettext(
                "You saved this application in another window at %(time)s. What you changed in only one "
                "of the windows is kept; the parts changed in both are shown below with both values. "
                "Nothing was overwritten: choose the right text and save again."
            ) % {"time": when}
        else:
            who = (person.get_full_name() or person.email) if person is not None else "–"
            message = gettext(
                "%(person)s saved this application at %(time)s while you were editing it. Their changes "
                "to other parts are kept; the parts you both changed are shown below with both values. "
                "Nothing was overwritten: choose the right text and save again."
            ) % {"person": who, "time": when}
        super().__init__(message, code="stale")


@dataclass(frozen=True)
class PartnerData:
    name: str
    type: str
    role: str = ""
    business_id: str = ""


@dataclass(frozen=True)
class BudgetLineData:
    category: str
    year: int
    amount: Decimal
    description: str = ""


@dataclass
class Draft:
    """What the applicant entered; missing values are allowed in a draft. The applicant's page edits
    one section at a time, so only what is given is saved: ``values`` (structured fields by name),
    ``answers`` (the call's questions by key, values as ``core.questionnaires.kinds.to_json`` keeps
    them), and the partners and budget lines when not None."""

    values: dict[str, Any] = field(default_factory=dict)
    partners: list[PartnerData] | None = None
    budget_lines: list[BudgetLineData] | None = None
    answers: dict[str, Any] = field(default_factory=dict)


# --- Checks ----------------------------------------------------------------------------------------


def _language(language: str | None) -> str:
    language = (language or "")[:2].lower()
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def contact_person_for(*, user, organisation: Organisation) -> ContactPerson | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return contact_person_get(user=user, organisation=organisation)


def _require_contact(actor, organisation: Organisation) -> ContactPerson:
    contact = contact_person_for(user=actor, organisation=organisation)
    if contact is None or organisation.status != MembershipStatus.MEMBER:
        raise FundingError(
            gettext("Only the contact persons of %(organisation)s can handle its applications.")
            % {"organisation": organisation},
            code="forbidden",
        )
    return contact


def _closed_error(call: FundingCall) -> FundingError:
    when = formats.date_format(timezone.localtime(call.closes_at), "SHORT_DATETIME_FORMAT")
    return FundingError(
        gettext("The call closed at %(time)s. Your draft is saved, but it can no longer be submitted.")
        % {"time": when},
        code="closed",
    )


def _application_refused(old: str, new: str) -> FundingError:
    return FundingError(
        gettext("An application that is “%(old)s” cannot become “%(new)s”.")
        % {"old": ApplicationStatus(old).label, "new": ApplicationStatus(new).label},
        code="state",
    )


def _application_move(application: Application, new_status: str) -> str:
    """Set an allowed status (not saved) and return the old one; every move of an application uses it."""
    return transition_apply(
        application, new_status, transitions=ALLOWED_TRANSITIONS, refuse=_application_refused
    )


# --- Starting and saving ---------------------------------------------------------------------------


def application_create(
    *, call: FundingCall, organisation: Organisation, actor, project_name: str = ""
) -> Application:
    """A contact person of an eligible organisation starts a draft."""
    with transaction.atomic(durable=True):
        contact = _require_contact(actor, organisation)
        reason = ineligibility_reason(call=call, organisation=organisation)
        if reason:
            raise FundingError(reason, code="ineligible")
        if not call.published or not call.is_open():
            raise FundingError(
                gettext("The call is not open, so no application can be started."), code="closed"
            )
        application = Application.objects.create(
            call=call,
            organisation=organisation,
            project_name=" ".join((project_name or "").split())[:200],
            language=_language(contact.language),
            created_by=actor,
            updated_by=actor,
            updated_at=timezone.now(),
        )
        audit_log(
            action=AuditAction.APPLICATION_CREATED,
            actor=actor,
            obj=application,
            new={"call": call, "organisation": organisation, "status": application.status},
        )
    return application


def _clean_values(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for name in EDITABLE_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if name == "requested_amount":
            value = None if value in (None, "") else Decimal(value).quantize(Decimal("0.01"))
        else:
            value = (value or "").strip()
            if name == "project_name":
                value = " ".join(value.split())
        cleaned[name] = value
    return cleaned


def _validate_children(
    partners: Sequence[PartnerData] | None, lines: Sequence[BudgetLineData] | None
) -> None:
    partners, lines = partners or [], lines or []
    problems = []
    for line in lines:
        if line.category not in BudgetCategory.values:
            problems.append(gettext("Choose a category for every cost line."))
        if line.amount is None or line.amount <= 0:
            problems.append(gettext("Every cost line needs an amount greater than zero."))
    for partner in partners:
        if partner.business_id:
            from members.validators import validate_business_id

            try:
                validate_business_id(partner.business_id)
            except ValidationError as exc:
                problems.extend(exc.messages)
    if problems:
        raise FundingError(problems[0], code="invalid", problems=list(dict.fromkeys(problems)))


def application_save(
    *,
    application: Application,
    version: int,
    draft: Draft,
    actor,
    add_files: Sequence = (),
    remove_attachment_ids: Sequence[int] = (),
    base: dict | None = None,
    question_files: dict[str, Sequence] | None = None,
) -> Application:
    """Save a draft, complete or not (``question_files``: uploads answering the call's file
    questions, by key). If it was saved in between (a stale ``version``), the parts
    changed only there are kept and the rest merged (``base``: what this form was loaded with, see
    :mod:`funding.services.merge`); parts changed in both raise :class:`StaleApplication`."""
    written: list[str] = []
    try:
        return _save(
            application,
            version,
            draft,
            actor,
            add_files,
            remove_attachment_ids,
            written,
            base,
            question_files,
        )
    except BaseException:
        # Files stored for a save that did not commit are removed again.
        for name in written:
            private_storage.delete(name)
        raise


def _merged(locked: Application, draft: Draft, base: dict | None, actor) -> Draft:
    """``draft`` with the parts changed only in the stored version taken from it; or StaleApplication."""
    from funding.services.merge import ANSWER, comparable, stored_comparable, three_way

    theirs = stored_comparable(locked)
    mine = comparable(_clean_values(draft.values), draft.partners, draft.budget_lines, answers=draft.answers)
    take, conflicts = three_way(base, mine, theirs)
    if conflicts:
        raise StaleApplication(locked, actor=actor, conflicts=conflicts, take=take)
    values, answers = dict(draft.values), dict(draft.answers)
    partners, lines = draft.partners, draft.budget_lines
    for name in take:
        if name == "partners":
            partners = [
                PartnerData(p.name, p.type, p.role, p.business_id)
                for p in locked.partners.order_by("order", "id")
            ]
        elif name == "budget_lines":
            lines = [
                BudgetLineData(b.category, b.year, b.amount, b.description)
                for b in locked.budget_lines.order_by("order", "id")
            ]
        elif name.startswith(ANSWER):
            answers[name[len(ANSWER) :]] = theirs.get(name)
        else:
            values[name] = getattr(locked, name)
    return Draft(values=values, partners=partners, budget_lines=lines, answers=answers)


def _save(
    application, version, draft, actor, add_files, remove_attachment_ids, written, base, question_files
) -> Application:
    with transaction.atomic(durable=True):
        locked = lock_row(application, related=("call", "organisation", "updated_by"))
        _require_contact(actor, locked.organisation)
        if not locked.is_editable:
            raise FundingError(
                gettext("A submitted application cannot be changed. Withdraw it first to edit it."),
                code="state",
            )
        if int(version) != locked.version:
            draft = _merged(locked, draft, base, actor)
        values = _clean_values(draft.values)
        _validate_children(draft.partners, draft.budget_lines)
        if "requested_amount" in values or draft.budget_lines is not None:
            lines = (
                draft.budget_lines
                if draft.budget_lines is not None
                else list(locked.budget_lines.order_by("order", "id"))
            )
            requested = values.get("requested_amount", locked.requested_amount)
            problems = money_problems(call=locked.call, requested=requested, lines=lines)
            if problems:
                raise FundingError(problems[0], code="money", problems=problems)
        changed = [name for name, value in values.items() if getattr(locked, name) != value]
        for name, value in values.items():
            setattr(locked, name, value)
        changed.extend(f"answer:{key}" for key in answers_save(locked, draft.answers))

        old_partners = (
            None
            if draft.partners is None
            else [
                PartnerData(p.name, p.type, p.role, p.business_id)
                for p in locked.partners.order_by("order", "id")
            ]
        )
        if draft.partners is not None and old_partners != list(draft.partners):
            changed.append("partners")
            locked.partners.all().delete()
            Partner.objects.bulk_create(
                Partner(application=locked, order=i, **vars(p)) for i, p in enumerate(draft.partners)
            )
        old_lines = (
            None
            if draft.budget_lines is None
            else [
                BudgetLineData(b.category, b.year, b.amount, b.description)
                for b in locked.budget_lines.order_by("order", "id")
            ]
        )
        if draft.budget_lines is not None and old_lines != list(draft.budget_lines):
            changed.append("budget_lines")
            locked.budget_lines.all().delete()
            BudgetLine.objects.bulk_create(
                BudgetLine(application=locked, order=i, **vars(b)) for i, b in enumerate(draft.budget_lines)
            )

        removed = _remove_attachments(locked, remove_attachment_ids)
        uploads = [(None, upload) for upload in add_files]
        if question_files:
            from funding.models import FormQuestion

            file_questions = {
                q.key: q
                for q in FormQuestion.objects.filter(call_id=locked.call_id, key__in=list(question_files))
            }
            uploads += [
                (file_questions[key], upload)
                for key, files in question_files.items()
                if key in file_questions
                for upload in files
            ]
        kinds = _check_attachments(locked, [upload for _question, upload in uploads])
        added = _add_attachments(locked, uploads, kinds, actor, written)
        if removed or added:
            changed.append("attachments")

        locked.version += 1
        locked.updated_by = actor
        locked.updated_at = timezone.now()
        locked.save()
        audit_log(
            action=AuditAction.APPLICATION_SAVED,
            actor=actor,
            obj=locked,
            old={"version": locked.version - 1},
            new={
                "version": locked.version,
                "changed": changed,
                "attachments_added": [a.filename for a in added],
                "attachments_removed": removed,
            },
        )
    return locked


def _remove_attachments(application: Application, ids: Sequence[int]) -> list[str]:
    """Expects to run inside the saving transaction: the files go only when it commits."""
    if not ids:
        return []
    attachments = list(application.attachments.filter(pk__in=list(ids)))
    names = [a.filename for a in attachments]
    for attachment in attachments:
        stored = attachment.file
        attachment.delete()
        transaction.on_commit(lambda stored=stored: stored.storage.delete(stored.name))
    return names


def _check_attachments(application: Application, files: Sequence) -> list[str]:
    """The kinds of the new files, checked before anything is written."""
    if not files:
        return []
    if application.attachments.count() + len(files) > ATTACHMENTS_PER_APPLICATION:
        raise FundingError(
            gettext("An application can have at most %(count)s attachments.")
            % {"count": ATTACHMENTS_PER_APPLICATION},
            code="attachments",
        )
    kinds = []
    for upload in files:
        try:
            kinds.append(validate_attachment(upload))
        except ValidationError as exc:
            raise FundingError(exc.messages[0], code="attachment", problems=exc.messages) from None
    return kinds


def _add_attachments(
    application: Application, files: Sequence, kinds: Sequence[str], actor, written: list
) -> list[Attachment]:
    """``files``: (the file question it answers or None, the upload)."""
    added = []
    for (question, upload), kind in zip(files, kinds, strict=True):
        name = sanitise_filename(getattr(upload, "name", ""), kind)
        attachment = Attachment(
            application=application,
            filename=name,
            kind=kind,
            size=upload.size,
            uploaded_by=actor,
            question=question,
        )
        upload.seek(0)
        attachment.file.save(name, upload, save=False)
        written.append(attachment.file.name)
        attachment.save()
        added.append(attachment)
    return added


# --- Submitting, withdrawing, reopening -----------------------------------------------------------


def application_submit(
    *, application: Application, actor, version: int | None = None, received_at: datetime | None = None
) -> Application:
    """Submit a complete draft before the deadline, checked here inside the transaction on the locked row.

    ``received_at`` is when the request reached the server (``core.middleware.received_at``): the close
    is judged by it, not by when this request got its turn of the lock. The transaction holds only the
    state change, the reviewers' copy and the audit entry; the receipt (a PDF, in the submitter's
    language) is rendered and queued in the outbox by a task after the submission commits.
    """
    now = received_at or timezone.now()
    with transaction.atomic(durable=True):
        locked = lock_row(application, related=("call", "organisation"))
        contact = _require_contact(actor, locked.organisation)
        if version is not None and int(version) != locked.version:
            raise StaleApplication(locked, actor=actor)
        if locked.status != ApplicationStatus.DRAFT:
            if locked.status == ApplicationStatus.SUBMITTED:
                raise FundingError(gettext("The application has already been submitted."), code="state")
            _application_move(locked, ApplicationStatus.SUBMITTED)
        if not locked.call.is_open(now):
            if now < locked.call.opens_at:
                raise FundingError(gettext("The call has not opened yet."), code="not_open")
            raise _closed_error(locked.call)
        lines = list(locked.budget_lines.order_by("order", "id"))
        partners = list(locked.partners.order_by("order", "id"))
        problems = missing_items(locked, lines=lines, partners=partners)
        if problems:
            raise FundingError(
                gettext("The application cannot be submitted yet. Please complete the following:"),
                code="incomplete",
                problems=problems,
            )
        old = _application_move(locked, ApplicationStatus.SUBMITTED)
        locked.submitted_at = now
        locked.submitted_by = actor
        locked.withdrawn_at = None
        locked.receipt_queued_at = None
        locked.language = _language(contact.language)
        locked.version += 1
        locked.save(
            update_fields=[
                "status",
                "submitted_at",
                "submitted_by",
                "withdrawn_at",
                "receipt_queued_at",
                "language",
                "version",
            ]
        )
        totals = application_totals(locked, lines)

        # What the reviewers read is kept, so they can later see what changed since their review.
        application_version_save(locked)
        audit_log(
            action=AuditAction.APPLICATION_SUBMITTED,
            actor=actor,
            obj=locked,
            old={"status": old},
            new={
                "status": locked.status,
                "submitted_at": now.isoformat(),
                "total_cost": totals.total_cost,
                "requested_amount": locked.requested_amount,
                "share": totals.share,
            },
        )
        transaction.on_commit(partial(receipt_dispatch, locked.pk))
    return locked


def application_withdraw(*, application: Application, actor) -> Application:
    """The applicant withdraws a submitted application; possible only before the deadline."""
    with transaction.atomic(durable=True):
        locked = lock_row(application, related=("call", "organisation"))
        _require_contact(actor, locked.organisation)
        if not locked.call.is_open():
            raise FundingError(
                gettext("The call has closed, so the application can no longer be withdrawn."), code="closed"
            )
        old = _application_move(locked, ApplicationStatus.WITHDRAWN)
        locked.withdrawn_at = timezone.now()
        locked.version += 1
        locked.save(update_fields=["status", "withdrawn_at", "version"])
        audit_log(
            action=AuditAction.APPLICATION_WITHDRAWN,
            actor=actor,
            obj=locked,
            old={"status": old},
            new={"status": locked.status},
        )
    return locked


def application_reopen(*, application: Application, actor) -> Application:
    """A withdrawn application becomes a draft again, to be edited and submitted before the deadline."""
    with transaction.atomic(durable=True):
        locked = lock_row(application, related=("call", "organisation"))
        _require_contact(actor, locked.organisation)
        if not locked.call.is_open():
            raise _closed_error(locked.call)
        old = _application_move(locked, ApplicationStatus.DRAFT)
        locked.submitted_at = None
        locked.submitted_by = None
        locked.version += 1
        locked.updated_by = actor
        locked.updated_at = timezone.now()
        locked.save(
            update_fields=["status", "submitted_at", "submitted_by", "version", "updated_by", "updated_at"]
        )
        audit_log(
            action=AuditAction.APPLICATION_REOPENED,
            actor=actor,
            obj=locked,
            old={"status": old},
            new={"status": locked.status},
        )
    return locked
