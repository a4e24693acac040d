"""The audit trail: every service that changes an important record writes one entry."""

from __future__ import annotations

from typing import Any

from django.db import models

from core.models import AuditEntry


def audit_log(
    *,
    action: str,
    actor: Any | None,
    obj: models.Model,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
) -> AuditEntry:
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        action=action,
        actor_id=actor_id,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        old=_jsonable(old or {}),
        new=_jsonable(new or {}),
    )


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, models.Model):
            value = value.pk
        elif value is not None and not isinstance(value, (str, int, float, bool, list, dict)):
            value = str(value)
        out[key] = value
    return out
