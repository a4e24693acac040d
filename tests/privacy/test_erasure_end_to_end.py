"""Export and erasure end to end: one address used everywhere; afterwards it is nowhere in the
database (every text column of every table is searched) and the dashboard's totals stay as they were."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.models import AuditEntry
from events import selectors as event_selectors
from events.models import Event
from funding.selectors.answers import answer_by_key
from members.enums import MembershipStatus
from members.models import Organisation
from newsletter import selectors as newsletter_selectors
from privacy.services import personal_data_erase, personal_data_export
from tests.privacy.factories import person_everywhere
from tests.privacy.search import columns, occurrences

pytestmark = pytest.mark.django_db


def dashboard_totals() -> dict:
    """The figures the dashboard is built from, read from the same underlying counts."""
    today = timezone.localdate()
    events = {
        e.pk: (e.registered_count, e.waiting_count, e.attended_count)
        for e in event_selectors.with_counts(Event.objects.all())
    }
    attendance = event_selectors.ai_morning_average_attendance()
    feedback = {
        e.pk: [(r.count, r.average, r.distribution) for r in event_selectors.feedback_results(event=e)]
        for e in Event.objects.all()
    }
    history = newsletter_selectors.subscriber_counts_over_time(
        start=today - timedelta(days=120), end=today - timedelta(days=1), step_days=1
    )
    return {
        "events": events,
        "ai_morning_attendance": (attendance.events, attendance.average),
        "feedback": feedback,
        "member_organisations": Organisation.objects.filter(status=MembershipStatus.MEMBER).count(),
        "subscribers_by_day": [(p.day, p.subscribers) for p in history],
    }


def test_the_search_covers_the_tables_that_hold_addresses():
    found = set(columns())
    for expected in [
        ("accounts_user", "email"),
        ("core_auditentry", "new"),
        ("outbox_outgoingmail", "body_html"),
        ("events_registration", "email"),
        ("newsletter_subscriber", "email"),
        ("django_admin_log", "change_message"),
    ]:
        assert expected in found


def test_export_then_erase_leaves_the_address_nowhere_and_the_totals_unchanged():
    person = person_everywhere()
    email = person.email
    assert len(occurrences(email)) >= 10  # the fixture really spreads the address around
    subscribers_before = newsletter_selectors.subscriber_count_now()
    before = dashboard_totals()

    exported = personal_data_export(email=email, user=person.user)
    json.dumps(exported)  # serialisable as it is
    apps = exported["apps"]
    assert apps["accounts"]["email"] == email
    assert len(apps["members"]["contact_person_roles"]) == 2
    assert len(apps["events"]["registrations"]) == 2
    assert len(apps["newsletter"]["subscriptions"]) == 1
    assert [m["state"] for m in apps["outbox"]["mail"]] == ["sent"]
    assert [a["project_name"] for a in apps["funding"]["applications"]] == [person.application.project_name]
    assert [i["title"] for i in apps["network"]["ai_implementations"]] == [person.implementation.title]
    assert "tests.note" in [a["action"] for a in apps["core"]["actions"]]

    result = personal_data_erase(email=email, user=person.user, actor=person.user)

    assert occurrences(email) == {}
    # The apps removed it all themselves: the final sweep found nothing left behind.
    assert result.residual == {}
    assert result.account == "deleted"
    assert not get_user_model().objects.filter(pk=person.user.pk).exists()

    after = dashboard_totals()
    assert after["member_organisations"] == before["member_organisations"]
    assert after["ai_morning_attendance"] == before["ai_morning_attendance"]
    assert after["feedback"] == before["feedback"]
    assert after["subscribers_by_day"] == before["subscribers_by_day"]
    # Registered, waiting and attended of events held stay; at the upcoming event the person's
    # place went to the first on the waiting list.
    past, upcoming = person.past_event.pk, person.upcoming_event.pk
    assert after["events"][past] == before["events"][past]
    registered, waiting, attended = before["events"][upcoming]
    assert after["events"][upcoming] == (registered, waiting - 1, attended)
    person.waiting.refresh_from_db()
    assert person.waiting.status == "registered"
    # From now on the person is no longer a subscriber (their subscription has ended).
    assert newsletter_selectors.subscriber_count_now() == subscribers_before - 1

    # The organisation's application stays, without the reference to the account.
    person.application.refresh_from_db()
    assert person.application.created_by_id is None
    assert answer_by_key(person.application, "cooperation") == "Yhteyshenkilö: [erased]"

    entry = AuditEntry.objects.get(action="privacy.erasure.completed")
    assert entry.actor_id is None  # the account it would point at is gone
    assert entry.new["account"] == "deleted"
    assert entry.new["counts"]["events"] >= 2
    assert email not in json.dumps(entry.new).lower()


def test_a_subscriber_without_an_account_is_erased_through_the_same_services():
    person = person_everywhere("tilaaja.poistettava@example.fi", with_account=False)
    before = dashboard_totals()

    result = personal_data_erase(email=person.email, user=None, actor=None)

    assert occurrences(person.email) == {}
    assert result.residual == {}
    assert result.account == ""
    after = dashboard_totals()
    past = person.past_event.pk
    assert after["events"][past] == before["events"][past]
    del after["events"], before["events"]
    assert after == before
