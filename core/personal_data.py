"""Personal data in the audit trails (the personal data protocol). privacy.services calls this after
the other apps, so that audit entries their erasure wrote are covered too."""

from __future__ import annotations

from django.contrib.admin.models import LogEntry

from core.erasure import iso, scrub_models
from core.models import AuditEntry


def export(*, email: str, user) -> dict:
    if user is None:
        return {"actions": []}
    entries = (
        AuditEntry.objects.filter(actor=user).order_by("created_at", "id").values_list("action", "created_at")
    )
    return {"actions": [{"action": action, "time": iso(created)} for action, created in entries]}


def erase(*, email: str, user, actor) -> int:
    """The address is replaced by a marker in the old and new values of audit entries and in the
    admin's change log; who did what stays (the actor is the anonymised account or empty)."""
    return scrub_models([AuditEntry, LogEntry], email)
