"""The audit trail: every service that changes an important record writes one entry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast

from core.models import AuditEntry


def _actor_id(actor: Any | None) -> Any | None:
    return actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None


def audit_log(
    *,
    action: str,
    actor: Any | None,
    obj: models.Model,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        actor_id=_actor_id(actor),
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        old=_jsonable(old or {}),
        new=_jsonable(new or {}),
    )


def audit_log_many(
    *,
    action: str,
    model: type[models.Model],
    changes: Iterable[tuple[Any, dict[str, Any] | None, dict[str, Any] | None]],
    actor: Any | None = None,
) -> list[AuditEntry]:
    """One entry per ``(pk, old, new)`` of ``changes``, objects of ``model``, written in one query."""
    actor_id = _actor_id(actor)
    return AuditEntry.objects.bulk_create(
        AuditEntry(
            action=action,
            actor_id=actor_id,
            object_type=model._meta.label_lower,
            object_id=str(pk),
            old=_jsonable(old or {}),
            new=_jsonable(new or {}),
        )
        for pk, old, new in changes
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


def latest_entry_time(*, action: str, model: type[models.Model]) -> Subquery:
    """When the newest ``action`` entry about each row of an outer ``model`` query was written: a
    subquery to annotate that query with, so that the trail is read in the same query."""
    entries = AuditEntry.objects.filter(
        action=action,
        object_type=model._meta.label_lower,
        object_id=Cast(OuterRef("pk"), CharField()),
    ).order_by("-created_at", "-id")
    return Subquery(entries.values("created_at")[:1])
