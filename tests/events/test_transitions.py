"""Every events state is in its transition map, as a key or as a target."""

import pytest

from core.states import transition_states
from events.enums import ALLOWED_TRANSITIONS, RegistrationStatus


@pytest.mark.parametrize(
    ("transitions", "choices"),
    [
        (ALLOWED_TRANSITIONS, RegistrationStatus),
    ],
)
def test_every_state_is_in_its_map(transitions, choices):
    assert transition_states(transitions) == set(choices.values)


def test_the_registration_moves_are_the_ones_the_services_make():
    moves = {(old, new) for old, targets in ALLOWED_TRANSITIONS.items() for new in targets}
    assert moves == {("registered", "cancelled"), ("waiting", "registered"), ("waiting", "cancelled")}
