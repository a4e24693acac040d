"""Writes of the network's content: AI implementation records and bulletin board notices.

Each service is keyword-only, runs in one transaction and writes one audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core import search as site_search
from core.audit import audit_log, changed_values
from core.locks import lock_row
from core.states import can_transition
from members import selectors as member_selectors
from network import selectors
from network.enums import ALLOWED_TRANSITIONS, AuditAction, ImplementationStatus
from network.models import Implementation, Notice
from outbox.services import mail_queue


class ImplementationTransitionError(Exception):
    """A refused status change; ``message`` is translated and can be shown to the user."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


#: Fields a contact person may set on a record (the translated ones with their language suffixes).
IMPLEMENTATION_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "region",
    "use_case",
    "stage",
    "description_fi",
    "description_sv",
    "description_en",
    "results_fi",
    "results_sv",
    "results_en",
    "contact_name",
    "contact_email",
    "links",
    "start_year",
    "end_year",
)


def _snapshot(implementation: Implementation) -> dict[str, Any]:
    return {
        "status": implementation.status,
        "title": implementation.title_fi,
        "owner": implementation.owner_id,
        "use_case": implementation.use_case,
        "stage": implementation.stage,
        "region": implementation.region_id,
    }


def _check_can_edit(actor, implementation: Implementation) -> None:
    if not selectors.user_can_edit_implementation(actor, implementation):
        raise PermissionDenied(gettext("You can only change your own organisation's AI implementations."))


def _apply(implementation: Implementation, fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - set(IMPLEMENTATION_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(implementation, name, value)
    implementation.full_clean(exclude=["owner", "created_by"])


@transaction.atomic
def implementation_create(
    *,
    actor,
    owner: Model,
    fields: Mapping[str, Any],
    organisations: Iterable[Model] = (),
) -> Implementation:
    """A new draft record of ``owner``, which ``actor`` must be a contact person of (or staff)."""
    implementation = Implementation(
        owner=owner, created_by=actor if actor and actor.is_authenticated else None
    )
    _check_can_edit(actor, implementation)
    _apply(implementation, fields)
    implementation.save()
    implementation.organisations.set(organisations)
    audit_log(
        action=AuditAction.IMPLEMENTATION_CREATE,
        actor=actor,
        obj=implementation,
        new=_snapshot(implementation),
    )
    return implementation


@transaction.atomic
def implementation_update(
    *,
    actor,
    implementation: Implementation,
    fields: Mapping[str, Any],
    organisations: Iterable[Model] | None = None,
) -> Implementation:
    """Change a record. A published record changed by a member goes back to review (submitted)."""
    implementation = lock_row(implementation)
    _check_can_edit(actor, implementation)
    old = _snapshot(implementation)
    _apply(implementation, fields)
    is_coordinator = actor.is_staff and actor.has_perm("network.change_implementation")
    if implementation.status == ImplementationStatus.PUBLISHED and not is_coordinator:
        implementation.status = ImplementationStatus.SUBMITTED
        implementation.submitted_at = timezone.now()
    implementation.save()
    if organisations is not None:
        implementation.organisations.set(organisations)
    audit_log(
        action=AuditAction.IMPLEMENTATION_UPDATE,
        actor=actor,
        obj=implementation,
        old=old,
        new=_snapshot(implementation),
    )
    site_search.changed(kind="implementation", ids=[implementation.pk])
    return implementation


@transaction.atomic
def implementation_save(
    *,
    actor,
    implementation: Implementation,
    organisations: Iterable[Model] | None = None,
) -> Implementation:
    """Save a record as a coordinator changed it in the admin (its form sets any field on the instance,
    the status excepted, which only the publishing actions change)."""
    new_organisations = sorted(o.pk for o in organisations) if organisations is not None else None
    if implementation.pk is None:
        if actor is not None and actor.is_authenticated:
            implementation.created_by = actor
        implementation.save()
        if organisations is not None:
            implementation.organisations.set(organisations)
        audit_log(
            action=AuditAction.IMPLEMENTATION_ADMIN_CREATE,
            actor=actor,
            obj=implementation,
            new={**_snapshot(implementation), "organisations": new_organisations or []},
        )
        return implementation
    stored = lock_row(implementation)
    old, new = changed_values(stored, implementation)
    old_organisations = sorted(stored.organisations.values_list("pk", flat=True))
    if new_organisations is not None and new_organisations != old_organisations:
        old["organisations"], new["organisations"] = old_organisations, new_organisations
    if not old:
        return implementation
    implementation.save()
    if "organisations" in new:
        implementation.organisations.set(organisations)
    audit_log(
        action=AuditAction.IMPLEMENTATION_ADMIN_CHANGE, actor=actor, obj=implementation, old=old, new=new
    )
    site_search.changed(kind="implementation", ids=[implementation.pk])
    return implementation


@transaction.atomic
def implementation_delete(*, actor, implementation: Implementation) -> None:
    """A coordinator deletes a record in the admin."""
    implementation = lock_row(implementation)
    audit_log(
        action=AuditAction.IMPLEMENTATION_DELETE,
        actor=actor,
        obj=implementation,
        old=_snapshot(implementation),
    )
    site_search.changed(kind="implementation", ids=[implementation.pk])
    implementation.delete()


def _transition(
    *,
    actor,
    implementation: Implementation,
    new: str,
    action: str,
    coordinator_only: bool,
    expected: str | None = None,
) -> Implementation:
    implementation = lock_row(implementation)
    if coordinator_only:
        if not (actor and actor.is_staff and actor.has_perm("network.change_implementation")):
            raise PermissionDenied(gettext("Only coordinators can publish AI implementations."))
    else:
        _check_can_edit(actor, implementation)
    old_status = implementation.status
    if not can_transition(ALLOWED_TRANSITIONS, old_status, new) or (
        expected is not None and old_status != expected
    ):
        raise ImplementationTransitionError(
            gettext("“%(title)s” cannot change from “%(old)s” to “%(new)s”.")
            % {
                "title": implementation.title,
                "old": ImplementationStatus(old_status).label,
                "new": ImplementationStatus(new).label,
            }
        )
    now = timezone.now()
    implementation.status = new
    if new == ImplementationStatus.SUBMITTED:
        implementation.submitted_at = now
    elif new == ImplementationStatus.PUBLISHED:
        implementation.published_at = now
    implementation.save(update_fields=["status", "submitted_at", "published_at", "updated_at"])
    audit_log(action=action, actor=actor, obj=implementation, old={"status": old_status}, new={"status": new})
    site_search.changed(kind="implementation", ids=[implementation.pk])
    return implementation


@transaction.atomic
def implementation_submit(*, actor, implementation: Implementation) -> Implementation:
    """A contact person sends a draft to the coordinators for publication."""
    return _transition(
        actor=actor,
        implementation=implementation,
        new=ImplementationStatus.SUBMITTED,
        action=AuditAction.IMPLEMENTATION_SUBMIT,
        coordinator_only=False,
    )


@transaction.atomic
def implementation_publish(*, actor, implementation: Implementation) -> Implementation:
    """A coordinator publishes a submitted record in the situational picture; the responsible
    organisation's contact persons are told, with the link to the public page."""
    implementation = _transition(
        actor=actor,
        implementation=implementation,
        new=ImplementationStatus.PUBLISHED,
        action=AuditAction.IMPLEMENTATION_PUBLISH,
        coordinator_only=True,
    )
    for email, language, first_name in member_selectors.contact_recipients(
        organisation_id=implementation.owner_id
    ):
        with translation.override(language):
            url = settings.SITE_URL + reverse(
                "network:implementation_detail", kwargs={"pk": implementation.pk}
            )
        mail_queue(
            to=email,
            template="network_implementation_published",
            context={"implementation": implementation, "greeting_name": first_name, "url": url},
            language=language,
            actor=actor,
            headers={"Auto-Submitted": "auto-generated"},
        )
    return implementation


@transaction.atomic
def implementations_withdraw_of_resigned(*, organisation_id: int, actor) -> int:
    """An organisation resigned: its published and submitted records leave the public situational
    picture and the moderation queue (back to draft), kept for the organisation; one audit entry each."""
    withdrawn = list(
        Implementation.objects.select_for_update()
        .filter(
            owner_id=organisation_id,
            status__in=[ImplementationStatus.PUBLISHED, ImplementationStatus.SUBMITTED],
        )
        .order_by("pk")
    )
    for implementation in withdrawn:
        old_status = implementation.status
        implementation.status = ImplementationStatus.DRAFT
        implementation.save(update_fields=["status", "updated_at"])
        audit_log(
            action=AuditAction.IMPLEMENTATION_WITHDRAWN_RESIGNED,
            actor=actor,
            obj=implementation,
            old={"status": old_status},
            new={"status": implementation.status, "reason": "owner_resigned"},
        )
    return len(withdrawn)


@transaction.atomic
def implementation_return(*, actor, implementation: Implementation) -> Implementation:
    """A coordinator returns a submitted record to its organisation for changes."""
    return _transition(
        actor=actor,
        implementation=implementation,
        new=ImplementationStatus.DRAFT,
        action=AuditAction.IMPLEMENTATION_RETURN,
        coordinator_only=True,
        expected=ImplementationStatus.SUBMITTED,
    )


@transaction.atomic
def implementation_unpublish(*, actor, implementation: Implementation) -> Implementation:
    """A coordinator takes a published record off the public site (back to draft)."""
    return _transition(
        actor=actor,
        implementation=implementation,
        new=ImplementationStatus.DRAFT,
        action=AuditAction.IMPLEMENTATION_UNPUBLISH,
        coordinator_only=True,
        expected=ImplementationStatus.PUBLISHED,
    )


# --- Notices -------------------------------------------------------------------------------------

NOTICE_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "summary_fi",
    "summary_sv",
    "summary_en",
    "body_fi",
    "body_sv",
    "body_en",
    "publish_at",
    "expires_at",
)


def _notice_snapshot(notice: Notice) -> dict[str, Any]:
    return {"title": notice.title_fi, "publish_at": notice.publish_at, "expires_at": notice.expires_at}


def _notice_apply(notice: Notice, fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - set(NOTICE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(notice, name, value)
    notice.full_clean(exclude=["created_by"])


@transaction.atomic
def notice_create(*, actor, fields: Mapping[str, Any]) -> Notice:
    notice = Notice(created_by=actor if actor and actor.is_authenticated else None)
    _notice_apply(notice, fields)
    notice.save()
    audit_log(action=AuditAction.NOTICE_CREATE, actor=actor, obj=notice, new=_notice_snapshot(notice))
    site_search.changed(kind="notice", ids=[notice.pk])
    return notice


@transaction.atomic
def notice_update(*, actor, notice: Notice, fields: Mapping[str, Any]) -> Notice:
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    old = _notice_snapshot(notice)
    _notice_apply(notice, fields)
    notice.save()
    audit_log(
        action=AuditAction.NOTICE_UPDATE, actor=actor, obj=notice, old=old, new=_notice_snapshot(notice)
    )
    site_search.changed(kind="notice", ids=[notice.pk])
    return notice


@transaction.atomic
def notice_delete(*, actor, notice: Notice) -> None:
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    audit_log(action=AuditAction.NOTICE_DELETE, actor=actor, obj=notice, old=_notice_snapshot(notice))
    site_search.changed(kind="notice", ids=[notice.pk])
    notice.delete()
