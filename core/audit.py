"""The audit trail: every service that changes an important record writes one entry."""

from __future__ import annotations

from collections.abc import Mapping
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
    actor: Any | None,
    model: type[models.Model],
    new: Mapping[Any, dict[str, Any]],
    old: Mapping[Any, dict[str, Any]] | None = None,
) -> list[AuditEntry]:
    """One entry per record of ``model`` named by primary key in ``new``, in a single insert.

    For batch jobs that change thousands of rows at once: one INSERT instead of one per record."""
    actor_id = _actor_id(actor)
    old = old or {}
    return AuditEntry.objects.bulk_create(
        AuditEntry(
            action=action,
            actor_id=actor_id,
            object_type=model._meta.label_lower,
            object_id=str(pk),
            old=_jsonable(old.get(pk) or {}),
            new=_jsonable(values or {}),
        )
        for pk, values in new.items()
    )


def changed_values(
    before: models.Model, after: models.Model, *, exclude: tuple[str, ...] = ()
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The editable fields whose values differ between two copies of one record, as (old, new).

    A service locks the stored row as ``before`` and compares it with the changed instance; an empty
    result means nothing changes and nothing is saved or logged."""
    fields = after._meta.concrete_fields
    # A translated field's own column repeats one of its languages (django-modeltranslation).
    translated = {f.translated_field.name for f in fields if getattr(f, "translated_field", None)}
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for field in fields:
        if not field.editable or field.primary_key or field.name in exclude or field.name in translated:
            continue
        was, now = getattr(before, field.attname), getattr(after, field.attname)
        # A form gives "" for an empty translation that the database holds as NULL: no change to anyone.
        if was != now and not (was in (None, "") and now in (None, "")):
            old[field.attname], new[field.attname] = was, now
    return old, new


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


def entries_about(obj: models.Model) -> list[AuditEntry]:
    """The audit trail of one record, oldest first, with who acted."""
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("created_at", "id")
    )
