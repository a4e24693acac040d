"""Demo history for the dashboard: two years of it, so that every chart has a shape.

The other apps' demo data is mostly recent (organisations approved today, AI mornings of the last half
year). This module, idempotently:

- spreads the approval dates of the demo member organisations (and the lead organisations the
  migrations create) over the last two years and more, in a growing curve;
- adds the AI mornings of the earlier year and a half (every other Wednesday, attendance growing).

The targets themselves come from a data migration (kpi 0002).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from events.demo import TOPICS
from events.enums import EventFormat, EventType
from events.models import Event
from members.demo import demo_business_id, demo_organisations
from members.enums import MembershipStatus
from members.models import Organisation

HELSINKI = ZoneInfo("Europe/Helsinki")
HISTORY_DAYS = 730
#: The demo organisations that were members before the history starts (the lead organisations too).
EARLY_SHARE = 0.25


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=HELSINKI)


def backdate_memberships(*, now=None) -> int:
    """Give members approved "today" by the demo a believable approval date (once: a date already in
    the past is left alone). Returns the organisations changed."""
    now = now or timezone.now()
    fresh = now - timedelta(days=2)
    demo_ids = [demo_business_id(index) for index, _row in enumerate(demo_organisations())]
    by_business_id = {
        o.business_id: o
        for o in Organisation.objects.filter(status=MembershipStatus.MEMBER, business_id__in=demo_ids)
    }
    ordered = [by_business_id[b] for b in demo_ids if b in by_business_id]
    changed = []
    count = len(ordered)
    for position, organisation in enumerate(ordered):
        if organisation.member_since is not None and organisation.member_since < fresh:
            continue  # already in the past: seeded before, or changed by hand
        share = position / max(count - 1, 1)
        if share < EARLY_SHARE:
            days_ago = HISTORY_DAYS + 30 + int(200 * (EARLY_SHARE - share) / EARLY_SHARE)
        else:
            # Growth that slows down a little towards today; the newest joined a few days ago.
            rest = (share - EARLY_SHARE) / (1 - EARLY_SHARE)
            days_ago = max(int(HISTORY_DAYS * (1 - rest) ** 1.2), 3)
        joined = now - timedelta(days=days_ago, hours=position % 9)
        organisation.member_since = joined
        organisation.applied_at = joined - timedelta(days=7)
        organisation.status_changed_at = joined
        changed.append(organisation)
    lead = Organisation.objects.filter(status=MembershipStatus.MEMBER, member_since__isnull=True).exclude(
        business_id__in=demo_ids
    )
    for organisation in lead:
        organisation.member_since = now - timedelta(days=HISTORY_DAYS + 60)
        organisation.status_changed_at = organisation.member_since
        changed.append(organisation)
    Organisation.objects.bulk_update(changed, ["member_since", "applied_at", "status_changed_at"])
    return len(changed)


def seed_earlier_ai_mornings(*, now=None) -> int:
    """AI mornings every other Wednesday from two years ago up to the events demo's first one."""
    now = now or timezone.now()
    rng = random.Random(2024)  # noqa: S311 - demo data
    today = timezone.localdate(now)
    first_existing = today - timedelta(days=182)
    day = today - timedelta(days=HISTORY_DAYS)
    day += timedelta(days=(2 - day.weekday()) % 7)  # a Wednesday
    created = 0
    index = 0
    total = max((first_existing - day).days // 14, 1)
    while day < first_existing:
        fi, sv, en = TOPICS[index % len(TOPICS)]
        attendance = int(90 + 130 * index / total + rng.randint(-25, 25))
        _event, was_created = Event.objects.get_or_create(
            slug=f"ai-aamu-{day:%Y-%m-%d}",
            defaults={
                "type": EventType.AI_MORNING,
                "format": EventFormat.ONLINE,
                "title": f"AI-aamu: {fi}",
                "title_fi": f"AI-aamu: {fi}",
                "title_sv": f"AI-morgon: {sv}",
                "title_en": f"AI morning: {en}",
                "description_fi": "SOTE-tekoälyn ekosysteemin AI-aamu: lyhyt alustus ja keskustelu.",
                "description_sv": "En kort inledning och diskussion i Teams (på finska).",
                "description_en": "A short talk and discussion on Teams (in Finnish).",
                "starts_at": _at(day, 8, 30),
                "ends_at": _at(day, 9, 30),
                "language": "fi",
                "joining_url": f"https://teams.microsoft.com/l/meetup-join/demo-{day:%Y%m%d}",
                "reported_attendance": max(attendance, 40),
            },
        )
        created += was_created
        index += 1
        day += timedelta(days=14)
    return created


def seed(*, stdout) -> None:
    members = backdate_memberships()
    mornings = seed_earlier_ai_mornings()
    stdout.write(f"  dashboard history: {members} membership dates spread, {mornings} earlier AI mornings")


__all__ = ["backdate_memberships", "seed", "seed_earlier_ai_mornings"]
