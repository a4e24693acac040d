"""iCalendar (RFC 5545) for events: the public feed, one event, and a participant's own copy."""

from __future__ import annotations

from collections.abc import Iterable
from email.utils import parseaddr
from functools import cache
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from core.translation_status import field_language
from events.models import Event, Registration

PRODID = "-//DigiFinland//SOTE AI ecosystem events//FI"
HELSINKI = ZoneInfo("Europe/Helsinki")


def event_uid(event: Event) -> str:
    """Stable per event, so calendars update the entry instead of adding another."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"event-{event.pk}@{domain}"


#: How a participant's own copy is meant (RFC 5546): an entry to keep (PUBLISH), a changed entry that
#: replaces the earlier one (REQUEST, same UID, higher SEQUENCE), or an entry to remove (CANCEL).
PUBLISH, REQUEST, CANCEL = "PUBLISH", "REQUEST", "CANCEL"


def _organizer() -> str:
    return f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}"


def _vevent(event: Event, *, registration: Registration | None, method: str = PUBLISH) -> icalendar.Event:
    url = f"{settings.SITE_URL}{event.get_absolute_url()}"
    item = icalendar.Event()
    item.add("uid", event_uid(event))
    # A cancellation outranks the entry it removes.
    item.add("sequence", event.ics_sequence + (1 if method == CANCEL else 0))
    item.add("dtstamp", timezone.now())
    item.add("last-modified", event.updated_at or timezone.now())
    item.add("dtstart", timezone.localtime(event.starts_at, HELSINKI))
    item.add("dtend", timezone.localtime(event.ends_at, HELSINKI))
    # Each text names its language (RFC 5545 LANGUAGE): Finnish where the event has no translation.
    item.add("summary", event.title, parameters={"LANGUAGE": field_language(event, "title")})
    description = (event.description or "").strip()
    location = event.place or ""
    if registration is not None and event.joining_url:
        # Only a participant's own copy carries the joining link.
        location = f"{location} {event.joining_url}".strip() if location else event.joining_url
        description = f"{description}\n\n{event.joining_url}".strip()
        item.add("url", f"{settings.SITE_URL}{registration.get_absolute_url()}")
    else:
        item.add("url", url)
    if description:
        item.add("description", description, parameters={"LANGUAGE": field_language(event, "description")})
    if location:
        item.add("location", location, parameters={"LANGUAGE": field_language(event, "place")})
    if registration is not None and method != PUBLISH:
        # REQUEST and CANCEL name the organiser and the attendee (RFC 5546 3.2.2, 3.2.5).
        item.add("organizer", _organizer())
        attendee = icalendar.vCalAddress(f"mailto:{registration.email}")
        attendee.params["cn"] = icalendar.vText(registration.name)
        attendee.params["partstat"] = icalendar.vText("ACCEPTED")
        item.add("attendee", attendee, encode=0)
    item.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    return item


def calendar_bytes(
    events: Iterable[Event],
    *,
    registration: Registration | None = None,
    name: str = "",
    method: str = PUBLISH,
) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Helsinki")
    for event in events:
        cal.add_component(_vevent(event, registration=registration, method=method))
    _add_missing_timezones(cal)
    return cal.to_ical()


@cache
def _vtimezone(tzid: str) -> icalendar.Timezone | None:
    try:
        return icalendar.Timezone.from_tzid(tzid)
    except ValueError:
        return None


def _add_missing_timezones(cal: icalendar.Calendar) -> None:
    """``Calendar.add_missing_timezones()`` with each zone's VTIMEZONE built once per process:
    building it walks all the zone's transitions, which was most of a registration's CPU time.
    The component only depends on the zone (fixed date range) and is never changed once built."""
    position = len(cal.timezones)
    for tzid in cal.get_missing_tzids():
        component = _vtimezone(tzid)
        if component is not None:
            cal.subcomponents.insert(position, component)
            position += 1


def registration_calendar(registration: Registration, *, method: str = PUBLISH) -> bytes:
    return calendar_bytes([registration.event], registration=registration, method=method)
