"""Writes of the dashboard app: targets (edited by coordinators in the admin) and the coordinators'
daily digest."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.selectors import coordinator_recipients
from core.audit import audit_log
from kpi import selectors
from kpi.enums import DIGEST_HOUR, AuditAction
from kpi.models import DigestRun, Target
from outbox.services import mail_queue

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


def _admin_links(language: str) -> dict[str, str]:
    with translation.override(language):
        base = settings.SITE_URL
        return {
            "applications": base
            + reverse("admin:members_organisation_changelist")
            + "?status__exact=pending",
            "implementations": base
            + reverse("admin:network_implementation_changelist")
            + "?status__exact=submitted",
            "applications_funding": base + reverse("admin:funding_application_changelist"),
            "mail": base + reverse("admin:outbox_outgoingmail_changelist") + "?state__exact=failed",
            "index": base + reverse("admin:index"),
        }


def coordinator_digest_send(*, now: datetime | None = None) -> DigestRun | None:
    """Once a day from DIGEST_HOUR (local time), mail the coordinators what waits for them and what
    happened since the previous digest. Safe to run as often as wanted: a day's digest is recorded
    (unique per day) and not sent twice. On a day with nothing waiting and nothing new, nothing is
    mailed, but the run is recorded so that the next digest counts from it."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    if timezone.localtime(now).hour < DIGEST_HOUR:
        return None
    if DigestRun.objects.filter(day=day).exists():
        return None
    try:
        return _digest(now=now, day=day)
    except IntegrityError:  # another run recorded today's digest first: its mail stands, ours is rolled back
        return None


@transaction.atomic
def _digest(*, now: datetime, day) -> DigestRun:
    previous = DigestRun.objects.order_by("-day").values_list("created_at", flat=True).first()
    since = previous or now - timedelta(days=1)
    tasks = selectors.coordinator_tasks(since=since)
    recipients = coordinator_recipients() if tasks.anything else []
    # Claim the day first: a concurrent run fails here, before anything is queued.
    run = DigestRun.objects.create(day=day, created_at=now, recipients=len(recipients))
    for recipient in recipients:
        mail_queue(
            to=recipient.email,
            template="kpi_coordinator_digest",
            context={"tasks": tasks, "links": _admin_links(recipient.language)},
            language=recipient.language,
            actor=None,
            headers={"Auto-Submitted": "auto-generated"},
        )
    audit_log(
        action=AuditAction.DIGEST_SENT,
        actor=None,
        obj=run,
        new={
            "since": since,
            "recipients": len(recipients),
            "applications_waiting": tasks.applications_waiting,
            "implementations_waiting": tasks.implementations_waiting,
            "information_answers": tasks.information_answers,
            "mail_failed": tasks.mail_failed,
            "mail_retrying": tasks.mail_retrying,
        },
    )
    return run
