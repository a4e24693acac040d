"""The demo data: about 1,400 subscribers in three languages and a few sent campaigns."""

from __future__ import annotations

import io

import pytest

from newsletter import demo
from newsletter.models import Campaign, Delivery, Subscriber
from newsletter.selectors import subscriber_kpi

pytestmark = pytest.mark.django_db


def test_seed_adds_subscribers_and_sent_campaigns_once(django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        demo.seed(stdout=io.StringIO())
    counts = (Subscriber.objects.count(), Campaign.objects.count(), Delivery.objects.count())
    demo.seed(stdout=io.StringIO())
    assert (Subscriber.objects.count(), Campaign.objects.count(), Delivery.objects.count()) == counts
    assert counts[0] == 1412
    assert set(Subscriber.objects.values_list("language", flat=True)) == {"fi", "sv", "en"}
    assert set(Campaign.objects.values_list("state", flat=True)) == {"sent"}
    kpi = subscriber_kpi()
    assert 1300 <= kpi.current <= 1400
    assert kpi.target == 1500
    assert len(kpi.points) == 12
    assert kpi.points[0].subscribers < kpi.points[-1].subscribers
