"""Attendance: the meeting tool's participant list imported, or registrations marked by hand."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext

from core.audit import audit_log
from events.enums import AuditAction, RegistrationStatus
from events.models import Event, Registration
from events.services import EventError

EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
ATTENDANCE_FILE_MAX = 5 * 1024 * 1024
# The summary line where a meeting tool states its own participant count (Teams in Finnish, Swedish
# and English, old and new report formats; Zoom). Compared lower-case, without quotes or a colon.
TOTAL_LABELS = frozenset(
    {
        "osallistujia",
        "osallistujia yhteensä",
        "osallistujat yhteensä",
        "osallistujien määrä",
        "osallistujien kokonaismäärä",
        "osallistuneet osallistujat",
        "deltagare",
        "antal deltagare",
        "totalt antal deltagare",
        "deltagare som deltog",
        "participants",
        "attended participants",
        "total number of participants",
        "total participants",
    }
)
CELL_SPLIT = re.compile(r"[\t;,]")


@dataclass
class AttendanceImportResult:
    rows: int = 0
    matched: int = 0
    newly_marked: int = 0
    unmatched: list[str] = field(default_factory=list)
    #: The participant count the file states in its summary, None when it has none.
    file_total: int | None = None
    #: The event's attendance after the import: the file's total, at least the distinct participants listed.
    attendance: int = 0

    @property
    def unregistered(self) -> int:
        """Participants counted beyond the registrations matched (joined without registering)."""
        return max(self.attendance - self.matched, 0)


def _decode(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def _stated_total(line: str) -> int | None:
    cells = [c.strip().strip('"').strip().rstrip(":").strip() for c in CELL_SPLIT.split(line)]
    cells = [c for c in cells if c]
    if len(cells) == 2 and cells[0].lower() in TOTAL_LABELS and cells[1].isdigit():
        return int(cells[1])
    return None


def attendance_import(*, event: Event, content: bytes, actor) -> AttendanceImportResult:
    """Mark as attended the registrations whose email appears in the meeting tool's participant list,
    and record the meeting tool's participant count as the event's attendance.

    Any CSV (comma, semicolon or tab separated, UTF-8 or the UTF-16 of Teams) works: each row's first
    email address is matched to the registrations case-insensitively; the others are reported and still
    count as participants. The attendance is the total the file states in its summary (Teams: "Attended
    participants"), or the number of distinct participants listed when it states none, whichever is larger."""
    if len(content) > ATTENDANCE_FILE_MAX:
        raise EventError(gettext("The file is too large (at most 5 MB)."), code="too_large")
    if b"\x00" in content and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise EventError(gettext("The file is not a CSV file."), code="not_csv")
    result = AttendanceImportResult()
    seen: dict[str, str] = {}
    for line in _decode(content).splitlines():
        match = EMAIL_IN_TEXT.search(line)
        if match is None:
            if result.file_total is None:
                result.file_total = _stated_total(line)
            continue
        result.rows += 1
        address = match.group(0).strip(".")
        seen.setdefault(address.lower(), address)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        by_email = {
            r.email.lower(): r
            for r in Registration.objects.filter(event=locked).exclude(status=RegistrationStatus.CANCELLED)
        }
        to_mark = []
        for lowered, original in seen.items():
            registration = by_email.get(lowered)
            if registration is None:
                result.unmatched.append(original)
                continue
            result.matched += 1
            if not registration.attended:
                to_mark.append(registration.pk)
        result.newly_marked = Registration.objects.filter(pk__in=to_mark).update(attended=True)
        result.attendance = max(result.file_total or 0, len(seen))
        old_attendance = locked.reported_attendance
        if result.attendance and result.attendance != old_attendance:
            locked.reported_attendance = result.attendance
            locked.save(update_fields=["reported_attendance", "updated_at"])
        event.reported_attendance = locked.reported_attendance
        audit_log(
            action=AuditAction.ATTENDANCE_IMPORTED,
            actor=actor,
            obj=locked,
            old={"reported_attendance": old_attendance},
            new={
                "rows": result.rows,
                "matched": result.matched,
                "newly_marked": result.newly_marked,
                "unmatched": len(result.unmatched),
                "file_total": result.file_total,
                "reported_attendance": locked.reported_attendance,
            },
        )
    return result


def attendance_mark(*, registrations, attended: bool, actor) -> int:
    """Mark registrations as attended (or not) by hand."""
    with transaction.atomic():
        changed = list(
            Registration.objects.select_for_update()
            .filter(pk__in=[r.pk for r in registrations])
            .exclude(attended=attended)
            .order_by("pk")
        )
        Registration.objects.filter(pk__in=[r.pk for r in changed]).update(attended=attended)
        for registration in changed:
            audit_log(
                action=AuditAction.ATTENDANCE_MARKED,
                actor=actor,
                obj=registration,
                old={"attended": not attended},
                new={"attended": attended},
            )
    return len(changed)
