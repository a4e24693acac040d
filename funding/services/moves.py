"""The review's shared steps: the role check and the one way an application's status changes in review.

Every move of an application in review goes through :func:`_move`, which refuses a move that
``ALLOWED_TRANSITIONS`` does not list (through ``_application_move``, as the applicant's steps do) and
writes the audit entry (who, when, from, to, note) that the application's history shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.audit import audit_log
from core.locks import lock_row
from funding.enums import DECISION_OUTCOMES, OWN_STEP_STATES, ApplicationStatus, AuditAction
from funding.models import Application
from funding.services import FundingError, _application_move

S = ApplicationStatus

#: States in which reviewers may be assigned and reviews written.
REVIEWABLE = frozenset({S.ELIGIBLE, S.UNDER_REVIEW, S.INFO_REQUESTED})


def _require(actor, permission: str) -> None:
    if actor is None or not actor.is_active or not actor.has_perm(permission):
        raise FundingError(gettext("You do not have the right to do this."), code="forbidden")


def _move(locked: Application, new: str, *, actor, note: str = "", extra: Mapping[str, Any] | None = None):
    """Change the status of a locked application if the move is allowed; one audit entry.

    Expects to run inside the caller's transaction, which holds the application's row lock.
    """
    old = _application_move(locked, new)
    fields = ["status", *(extra or {}).keys()]
    for name, value in (extra or {}).items():
        setattr(locked, name, value)
    locked.save(update_fields=fields)
    audit_log(
        action=AuditAction(f"funding.application.{new}"),
        actor=actor,
        obj=locked,
        old={"status": old},
        new={"status": new, "note": note, **{k: v for k, v in (extra or {}).items()}},
    )
    return old


# --- Moves that are not decisions -------------------------------------------------------------------


def application_move(*, application: Application, actor, new_status: str, note: str = "") -> Application:
    """A coordinator's move that is not a decision: to further planning, or withdrawn when asked."""
    _require(actor, "funding.change_application")
    if new_status in DECISION_OUTCOMES:
        raise FundingError(
            gettext("Decisions are recorded as pending and released by the decision-maker."), code="decision"
        )
    if new_status in OWN_STEP_STATES:
        raise FundingError(gettext("This move has its own step."), code="state")
    with transaction.atomic():
        locked = lock_row(application, related=("call", "organisation"))
        if locked.status == new_status:
            return locked
        extra = {"withdrawn_at": timezone.now()} if new_status == S.WITHDRAWN else None
        _move(locked, new_status, actor=actor, note=(note or "").strip(), extra=extra)
    return locked
