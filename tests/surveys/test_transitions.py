"""Every surveys state is in its transition map, as a key or as a target."""

import pytest

from core.states import transition_states
from surveys.enums import ALLOWED_TRANSITIONS, RoundState


@pytest.mark.parametrize(
    ("transitions", "choices"),
    [
        (ALLOWED_TRANSITIONS, RoundState),
    ],
)
def test_every_state_is_in_its_map(transitions, choices):
    assert transition_states(transitions) == set(choices.values)
