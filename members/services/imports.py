"""The launch import of member organisations from the network's earlier tools (CSV or XLSX, through
the admin's import; see members/resources.py). It mails nobody: no contact persons are imported, and an
organisation gets one only by the usual invitation, which its holder accepts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from core.audit import audit_log, changed_values
from members.enums import AuditAction, MembershipStatus
from members.models import Organisation

IMPORTED_FIELDS = (
    "name_fi",
    "name_sv",
    "name_en",
    "business_id",
    "type",
    "region",
    "municipality",
    "website",
    "listed_publicly",
    "member_since",
)


class _ImportRun:
    """What the audit entry of a whole import points at (no row of its own)."""

    class _meta:  # noqa: N801 - mimics a model's options for core.audit
        label_lower = "members.organisation_import"

    pk = ""


@transaction.atomic
def organisation_import_save(*, organisation: Organisation, actor, created: bool) -> Organisation:
    """Save one imported row. A new organisation is a member (it is one in the earlier tools) from the
    date the file gives, else from today; an existing one keeps its status, and only what changed is
    saved and audited, so importing the same file again changes nothing."""
    with translation.override(settings.LANGUAGE_CODE):  # keep the untranslated column Finnish
        organisation.name = organisation.name_fi
    if created:
        organisation.status = MembershipStatus.MEMBER
        organisation.member_since = organisation.member_since or timezone.now()
        organisation.status_changed_at = organisation.member_since
        organisation.save()
        audit_log(
            action=AuditAction.ORGANISATION_IMPORTED,
            actor=actor,
            obj=organisation,
            new={
                **{name: getattr(organisation, name) for name in IMPORTED_FIELDS if name != "region"},
                "region": organisation.region_id,
                "status": organisation.status,
                "created": True,
            },
        )
        return organisation
    stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
    old, new = changed_values(stored, organisation)
    if not old:
        return organisation
    organisation.save()
    audit_log(action=AuditAction.ORGANISATION_IMPORTED, actor=actor, obj=organisation, old=old, new=new)
    return organisation


def organisations_import_record(*, actor, totals: dict[str, Any], rows: int, file_name: str) -> None:
    """One audit entry for a whole (confirmed) import: who, which file and what it did."""
    audit_log(
        action=AuditAction.ORGANISATIONS_IMPORT_RUN,
        actor=actor,
        obj=_ImportRun(),
        new={"file": file_name, "rows": rows, **totals},
    )
