"""Telling registered people that their event changed (time, place, joining) or was cancelled, with a
calendar entry that updates or removes theirs: same UID, next SEQUENCE, METHOD:REQUEST or METHOD:CANCEL.
Called by the events services inside their transaction (the caller holds the event's lock)."""

from __future__ import annotations

from collections.abc import Mapping

from core.audit import audit_log
from events.enums import AuditAction, RegistrationStatus
from events.ics import CANCEL, REQUEST
from events.models import Event, Registration
from events.services import _mail_registration

#: Changes that registered people must hear of: when and where (and how to join) the event is.
NOTICE_FIELDS = ("starts_at", "ends_at", "place", "joining_url", "format")


def tells_participants(new: Mapping) -> bool:
    return any(name.startswith(NOTICE_FIELDS) for name in new)


def notify_change(event: Event, *, promoted: list[Registration], actor, changed: list[str]) -> None:
    """Tell registered people (with an updated calendar entry: same UID, next SEQUENCE, METHOD:REQUEST)
    and the waiting list of a new time or place. People just moved up got the new details already."""
    skip = {r.pk for r in promoted}
    people = Registration.objects.filter(
        event=event, status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
    ).exclude(pk__in=skip)
    count = 0
    for registration in people.order_by("created_at", "id"):
        registered = registration.status == RegistrationStatus.REGISTERED
        _mail_registration(
            registration, event, template="events_changed", actor=actor, ics=registered, method=REQUEST
        )
        count += 1
    if count:
        audit_log(
            action=AuditAction.CHANGE_NOTICE_SENT,
            actor=actor,
            obj=event,
            new={"recipients": count, "changed": changed, "sequence": event.ics_sequence},
        )


def notify_event_cancelled(event: Event, *, actor) -> int:
    """The event is called off: everyone registered or waiting is told; a confirmed place's calendar
    entry is removed."""
    people = Registration.objects.filter(
        event=event, status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
    )
    count = 0
    for registration in people.order_by("created_at", "id"):
        _mail_registration(
            registration,
            event,
            template="events_event_cancelled",
            actor=actor,
            ics=registration.status == RegistrationStatus.REGISTERED,
            method=CANCEL,
        )
        count += 1
    return count
