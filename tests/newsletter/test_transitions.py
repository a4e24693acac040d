"""Every newsletter state is in its transition map, as a key or as a target."""

import pytest

from core.states import transition_states
from newsletter.enums import ALLOWED_TRANSITIONS, CAMPAIGN_TRANSITIONS, CampaignState, SubscriberStatus


@pytest.mark.parametrize(
    ("transitions", "choices"),
    [
        (ALLOWED_TRANSITIONS, SubscriberStatus),
        (CAMPAIGN_TRANSITIONS, CampaignState),
    ],
)
def test_every_state_is_in_its_map(transitions, choices):
    assert transition_states(transitions) == set(choices.values)


def test_the_subscriber_moves_are_the_ones_the_services_make():
    moves = {(old, new) for old, targets in ALLOWED_TRANSITIONS.items() for new in targets}
    assert moves == {
        ("pending", "pending"),
        ("pending", "confirmed"),
        ("pending", "unsubscribed"),
        ("pending", "bounced"),
        ("pending", "complained"),
        ("confirmed", "unsubscribed"),
        ("confirmed", "bounced"),
        ("confirmed", "complained"),
        ("bounced", "pending"),
        ("bounced", "unsubscribed"),
        ("complained", "pending"),
        ("complained", "unsubscribed"),
    }


def test_the_campaign_moves_are_the_ones_the_services_make():
    moves = {(old, new) for old, targets in CAMPAIGN_TRANSITIONS.items() for new in targets}
    assert moves == {
        ("draft", "scheduled"),
        ("draft", "sending"),
        ("draft", "cancelled"),
        ("scheduled", "scheduled"),
        ("scheduled", "sending"),
        ("scheduled", "cancelled"),
        ("sending", "paused"),
        ("sending", "sent"),
        ("sending", "cancelled"),
        ("paused", "sending"),
        ("paused", "cancelled"),
        ("sent", "sending"),
    }


@pytest.mark.django_db
def test_an_ended_subscription_comes_back_only_through_a_fresh_double_opt_in(monkeypatch, mail_after_commit):
    from newsletter import services
    from newsletter.services import subscribers as subscriber_services
    from outbox.models import OutgoingMail
    from tests.newsletter.factories import SubscriberFactory

    bounced = SubscriberFactory(email="palaa@example.fi", status=SubscriberStatus.BOUNCED)
    with mail_after_commit():
        again = services.subscription_request(email="palaa@example.fi", language="fi", consent=True)
    assert (again.pk, again.status) == (bounced.pk, "pending")
    assert list(OutgoingMail.objects.values_list("template", flat=True)) == ["newsletter_confirm"]
    signed = services.confirmation_token(again)
    # The request ends (a complaint) while the person holds the link; the link was checked before that.
    stale = subscriber_services.subscriber_from_confirmation(signed)
    services.subscriber_mark_undeliverable(subscriber=again, status=SubscriberStatus.COMPLAINED)
    monkeypatch.setattr(subscriber_services, "subscriber_from_confirmation", lambda _signed: stale)
    with pytest.raises(services.NewsletterError) as refused:
        services.subscription_confirm(signed=signed)
    assert refused.value.code == "invalid"
    again.refresh_from_db()
    assert again.status == "complained"
