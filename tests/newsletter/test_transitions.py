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
        ("unsubscribed", "pending"),
        ("unsubscribed", "confirmed"),
        ("bounced", "pending"),
        ("bounced", "confirmed"),
        ("bounced", "unsubscribed"),
        ("complained", "pending"),
        ("complained", "confirmed"),
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
