"""Conflicts of interest: found from the reviewer's own organisation, or declared by the reviewer."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from core.audit import audit_log
from core.locks import lock_row
from funding.enums import AuditAction, ReviewStatus
from funding.models import Application, ConflictOfInterest, Review, ReviewAssignment
from funding.services.moves import _require
from members.selectors import contact_organisation_identities


def reviewer_organisation_conflict(*, application: Application, reviewer) -> str:
    """Why the reviewer's own organisation makes them conflicted ('' when it does not)."""
    organisations = contact_organisation_identities(user=reviewer)
    if not organisations:
        return ""
    for org_id, name, _business_id in organisations:
        if org_id == application.organisation_id:
            return gettext("The reviewer's organisation %(organisation)s is the lead applicant.") % {
                "organisation": name
            }
    business_ids = {bid for _, _, bid in organisations if bid}
    names = {name.casefold() for _, name, _ in organisations}
    for partner in application.partners.all():
        if (partner.business_id and partner.business_id in business_ids) or partner.name.casefold() in names:
            return gettext("The reviewer's organisation %(organisation)s is a partner.") % {
                "organisation": partner.name
            }
    return ""


def conflict_declare(*, application: Application, actor, reason: str = "") -> ConflictOfInterest:
    """A reviewer declares a conflict of interest: from now on they cannot see or review the application.

    Their assignment and any draft review are removed; a review they had already submitted stays in the
    record but no longer counts in the ranking.
    """
    _require(actor, "funding.review_application")
    with transaction.atomic(durable=True):
        locked = lock_row(application, related=("call", "organisation"))
        existing = ConflictOfInterest.objects.filter(application=locked, reviewer=actor).first()
        if existing is not None:
            return existing
        conflict = ConflictOfInterest.objects.create(
            application=locked, reviewer=actor, reason=(reason or "").strip()[:500]
        )
        ReviewAssignment.objects.filter(application=locked, reviewer=actor).delete()
        Review.objects.filter(application=locked, reviewer=actor, status=ReviewStatus.DRAFT).delete()
        audit_log(
            action=AuditAction.CONFLICT_DECLARED,
            actor=actor,
            obj=conflict,
            new={"application": locked.pk, "reviewer": actor.pk, "reason": conflict.reason},
        )
    return conflict
