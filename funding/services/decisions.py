"""Decisions: recorded as pending, confirmed (released) or cancelled, and the call's decisions announced."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.audit import audit_log
from core.forms import parse_money
from core.locks import lock_row
from core.states import transition_check
from funding.enums import (
    ALLOWED_TRANSITIONS,
    DECISION_OUTCOMES,
    DECISION_TRANSITIONS,
    AuditAction,
    DecisionStatus,
)
from funding.models import Application, Decision, FundingCall
from funding.rules import grant_problems
from funding.services import FundingError, _application_refused
from funding.services.moves import S, _move, _require


def _amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = (parse_money(value) if isinstance(value, str) else Decimal(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        raise FundingError(gettext("Give the granted amount in euros."), code="amount") from None
    except ValidationError as exc:
        raise FundingError(exc.messages[0], code="amount") from None
    if not amount.is_finite() or amount <= 0 or amount >= Decimal("1e10"):
        raise FundingError(gettext("The granted amount must be more than zero euros."), code="amount")
    return amount


def grant_check(application: Application, granted: Decimal) -> None:
    """Refuse a grant that breaks the call's rules (at recording, at confirmation, before a letter)."""
    total = sum((line.amount for line in application.budget_lines.all()), Decimal("0.00"))
    problems = grant_problems(
        call=application.call, requested=application.requested_amount, total=total, granted=granted
    )
    if problems:
        raise FundingError(problems[0], code="grant_rules", problems=problems)


def decision_record(
    *, application: Application, actor, outcome: str, granted_amount=None, note: str = "", grounds: str = ""
) -> Decision:
    """Record the steering group's proposal as a pending decision; nothing changes for the applicant yet.

    ``grounds`` are written in the applicant's language (the application's) and stated in the letter;
    ``note`` stays with the steering group.
    """
    _require(actor, "funding.record_decision")
    if outcome not in DECISION_OUTCOMES:
        raise FundingError(gettext("Choose a decision from the list."), code="invalid")
    amount = _amount(granted_amount) if outcome == S.FUNDED else None
    if outcome == S.FUNDED and amount is None:
        raise FundingError(gettext("Give the granted amount for a funding decision."), code="amount")
    with transaction.atomic():
        locked = lock_row(application, related=("call", "organisation"))
        transition_check(ALLOWED_TRANSITIONS, locked.status, outcome, refuse=_application_refused)
        if amount is not None:
            grant_check(locked, amount)
        try:
            with transaction.atomic():
                decision = Decision.objects.create(
                    application=locked,
                    outcome=outcome,
                    granted_amount=amount,
                    note=(note or "").strip(),
                    grounds=(grounds or "").strip(),
                    grounds_language=locked.language,
                    proposed_by=actor,
                )
        except IntegrityError:
            raise FundingError(
                gettext("A decision on this application is already waiting for confirmation."), code="pending"
            ) from None
        audit_log(
            action=AuditAction.DECISION_RECORDED,
            actor=actor,
            obj=decision,
            new={
                "application": locked.pk,
                "outcome": outcome,
                "granted_amount": amount,
                "note": decision.note,
                "grounds": decision.grounds,
                "grounds_language": decision.grounds_language,
            },
        )
    return decision


def _decision_refused(old: str, new: str) -> FundingError:
    return FundingError(
        gettext("A decision that is “%(old)s” cannot become “%(new)s”.")
        % {"old": DecisionStatus(old).label, "new": DecisionStatus(new).label},
        code="state",
    )


def _decision_move(decision: Decision, new: str) -> Decision:
    """Lock the decision and check that it may become ``new``; the caller sets and audits the move.

    Expects to run inside the caller's transaction, which the lock belongs to.
    """
    locked = lock_row(decision)
    if locked.status == new:
        return locked
    transition_check(DECISION_TRANSITIONS, locked.status, new, refuse=_decision_refused)
    return locked


def decision_confirm(*, decision: Decision, actor) -> Decision:
    """The decision-maker confirms a pending decision: it is applied to the application and released."""
    _require(actor, "funding.confirm_decision")
    with transaction.atomic():
        locked = _decision_move(decision, DecisionStatus.CONFIRMED)
        if locked.status == DecisionStatus.CONFIRMED:
            return locked
        application = lock_row(locked.application, related=("call", "organisation"))
        if locked.outcome == S.FUNDED:
            # Checked again: the call's rules, or the application's budget, may have changed since.
            grant_check(application, locked.granted_amount)
        extra = {"granted_amount": locked.granted_amount} if locked.outcome == S.FUNDED else None
        _move(application, locked.outcome, actor=actor, note=locked.note, extra=extra)
        old = locked.status
        locked.status = DecisionStatus.CONFIRMED
        locked.confirmed_by = actor
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        audit_log(
            action=AuditAction.DECISION_CONFIRMED,
            actor=actor,
            obj=locked,
            old={"status": old},
            new={"status": locked.status, "application": application.pk, "outcome": locked.outcome},
        )
    return locked


def decision_cancel(*, decision: Decision, actor) -> Decision:
    """A pending decision is withdrawn before confirmation (by its recorder's role or the decision-maker)."""
    if not (actor.has_perm("funding.record_decision") or actor.has_perm("funding.confirm_decision")):
        raise FundingError(gettext("You do not have the right to do this."), code="forbidden")
    with transaction.atomic(durable=True):
        locked = _decision_move(decision, DecisionStatus.CANCELLED)
        if locked.status == DecisionStatus.CANCELLED:
            return locked
        old = locked.status
        locked.status = DecisionStatus.CANCELLED
        locked.save(update_fields=["status"])
        audit_log(
            action=AuditAction.DECISION_CANCELLED,
            actor=actor,
            obj=locked,
            old={"status": old},
            new={"status": locked.status, "application": locked.application_id},
        )
    return locked


def call_announce_decisions(*, call: FundingCall, actor) -> FundingCall:
    """The decision-maker announces the call's decisions: the funded projects become public."""
    _require(actor, "funding.confirm_decision")
    with transaction.atomic():
        locked = lock_row(call)
        if locked.decisions_announced_at is not None:
            return locked
        if Decision.objects.filter(application__call=locked, status=DecisionStatus.PENDING).exists():
            raise FundingError(gettext("Some decisions are still waiting for confirmation."), code="pending")
        locked.decisions_announced_at = timezone.now()
        locked.save(update_fields=["decisions_announced_at"])
        audit_log(
            action=AuditAction.CALL_DECISIONS_ANNOUNCED,
            actor=actor,
            obj=locked,
            new={"decisions_announced_at": locked.decisions_announced_at},
        )
    return locked
