from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from core.models import AuditEntry
from events.models import FeedbackAnswer, FeedbackResponse, Registration
from newsletter.enums import SubscriberStatus
from newsletter.models import Subscriber
from privacy.models import RetentionRun
from privacy.tasks import retention_purge
from tests.events.factories import EventFactory, FeedbackQuestionFactory, RegistrationFactory
from tests.factories import UserFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def periods(settings):
    settings.PRIVACY_UNCONFIRMED_SUBSCRIPTION_DAYS = 30
    settings.PRIVACY_REGISTRATION_RETENTION_DAYS = 365
    return settings


def pending(days_ago: int) -> Subscriber:
    return SubscriberFactory(
        status=SubscriberStatus.PENDING,
        confirmed_at=None,
        created_at=timezone.now() - timedelta(days=days_ago),
    )


def event_ended(days_ago: int):
    ends = timezone.now() - timedelta(days=days_ago)
    return EventFactory(starts_at=ends - timedelta(hours=2), ends_at=ends)


def test_the_task_applies_the_configured_periods_once_and_logs_each_run(periods):
    stale, fresh = pending(31), pending(29)
    old_confirmed = SubscriberFactory(created_at=timezone.now() - timedelta(days=400))
    old_event, recent_event = event_ended(366), event_ended(364)
    old = RegistrationFactory.create_batch(3, event=old_event, attended=True)
    recent = RegistrationFactory(event=recent_event)
    question = FeedbackQuestionFactory(event=old_event, kind="text")
    response = FeedbackResponse.objects.create(registration=old[0], event=old_event)
    FeedbackAnswer.objects.create(response=response, question=question, text="Hyvä aamu, terveisin Maija")

    retention_purge.delay()

    assert set(Subscriber.objects.values_list("pk", flat=True)) == {fresh.pk, old_confirmed.pk}
    rows = Registration.objects.filter(event=old_event).order_by("pk")
    assert [(r.name, r.email, r.organisation, r.attended) for r in rows] == [
        ("", f"registration-{r.pk}@erased.invalid", "", True) for r in old
    ]
    assert FeedbackAnswer.objects.get().text == "[erased]"
    recent.refresh_from_db()
    assert recent.email.endswith("@example.fi")
    first = RetentionRun.objects.get()
    assert first.counts == {"unconfirmed_subscriptions": 1, "registrations": 3}
    assert first.finished_at >= first.started_at
    assert (
        AuditEntry.objects.filter(action="privacy.retention.completed", object_id=str(first.pk)).count() == 1
    )
    assert stale.pk not in Subscriber.objects.values_list("pk", flat=True)

    retention_purge.delay()

    second = RetentionRun.objects.exclude(pk=first.pk).get()
    assert second.counts == {"unconfirmed_subscriptions": 0, "registrations": 0}
    assert Subscriber.objects.count() == 2
    assert [r.email for r in Registration.objects.filter(event=old_event).order_by("pk")] == [
        f"registration-{r.pk}@erased.invalid" for r in old
    ]


def test_the_periods_are_settings(settings):
    settings.PRIVACY_UNCONFIRMED_SUBSCRIPTION_DAYS = 5
    settings.PRIVACY_REGISTRATION_RETENTION_DAYS = 10
    pending(6)
    RegistrationFactory(event=event_ended(11))
    RegistrationFactory(event=event_ended(9))

    retention_purge.delay()

    assert RetentionRun.objects.get().counts == {"unconfirmed_subscriptions": 1, "registrations": 1}


def test_coordinators_see_the_runs_in_the_admin_read_only(client, periods):
    retention_purge.delay()
    coordinator = UserFactory(is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(coordinator)
    run = RetentionRun.objects.get()

    listing = client.get("/fi/admin/privacy/retentionrun/")
    detail = client.get(f"/fi/admin/privacy/retentionrun/{run.pk}/change/")

    assert (listing.status_code, detail.status_code) == (200, 200)
    assert b'name="_save"' not in detail.content
    assert client.post(f"/fi/admin/privacy/retentionrun/{run.pk}/delete/").status_code == 403
    assert client.get("/fi/admin/privacy/retentionrun/add/").status_code == 403
