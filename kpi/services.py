"""Writes of the dashboard app: targets (edited by coordinators in the admin)."""

from __future__ import annotations

from django.db import transaction

from core.audit import audit_log
from kpi.enums import AuditAction
from kpi.models import Target

FIELDS = ("measure", "value", "valid_from", "valid_to", "note")


def target_save(*, target: Target, actor, changed: list[str] | None = None) -> Target:
    """Create (``changed`` None) or update a target, with an audit entry of what changed."""
    with transaction.atomic():
        if changed is not None:
            changed = [name for name in changed if name in FIELDS]
            if not changed:
                return target
            old_values = Target.objects.filter(pk=target.pk).values(*changed).first() or {}
        else:
            old_values = {}
        target.save()
        audit_log(
            action=AuditAction.TARGET_CHANGED if changed is not None else AuditAction.TARGET_CREATED,
            actor=actor,
            obj=target,
            old=old_values,
            new={name: getattr(target, name) for name in (changed or FIELDS)},
        )
    return target
