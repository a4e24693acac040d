"""The periodic duties: stalled queueing is taken up, old unconfirmed requests are deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from newsletter import services, tasks
from newsletter.enums import CampaignState, SubscriberStatus
from newsletter.models import Delivery, Subscriber
from tests.newsletter.factories import CampaignFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_dispatch_takes_up_a_campaign_whose_queueing_stalled(settings):
    settings.NEWSLETTER_ENQUEUE_CHUNK = 2
    for _ in range(5):
        SubscriberFactory()
    campaign = CampaignFactory(state=CampaignState.SENDING, heartbeat_at=timezone.now() - timedelta(hours=1))
    services.campaign_enqueue_next(campaign_id=campaign.pk, now=timezone.now() - timedelta(hours=1))
    assert Delivery.objects.count() == 2
    result = tasks.dispatch.apply().get()
    assert result["resumed"] == 1
    assert Delivery.objects.count() == 5
    assert tasks.dispatch.apply().get()["resumed"] == 0


def test_unconfirmed_requests_are_deleted_after_twice_the_link_lifetime(settings):
    settings.NEWSLETTER_CONFIRM_MAX_AGE = 3600
    old = SubscriberFactory(
        status=SubscriberStatus.PENDING, confirmed_at=None, created_at=timezone.now() - timedelta(hours=3)
    )
    fresh = SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
    assert tasks.cleanup_unconfirmed.apply().get() == 1
    assert list(Subscriber.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert old.pk != fresh.pk
