from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from core.models import AuditEntry

HELSINKI = ZoneInfo("Europe/Helsinki")


def at(day: date, hour: int = 12) -> datetime:
    """Noon (or ``hour``) of ``day`` in Helsinki."""
    return datetime.combine(day, time(hour), tzinfo=HELSINKI)


def resigned_entry(organisation, when: datetime) -> AuditEntry:
    """The audit entry members.organisation_resign writes, dated ``when``."""
    entry = AuditEntry.objects.create(
        action="members.organisation.resigned",
        object_type="members.organisation",
        object_id=str(organisation.pk),
        old={"status": "member"},
        new={"status": "resigned"},
    )
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=when)
    return entry
