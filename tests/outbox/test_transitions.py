"""Every outbox state is in its transition map, as a key or as a target."""

import pytest

from core.states import transition_states
from outbox.enums import ALLOWED_TRANSITIONS, MailState


@pytest.mark.parametrize(
    ("transitions", "choices"),
    [
        (ALLOWED_TRANSITIONS, MailState),
    ],
)
def test_every_state_is_in_its_map(transitions, choices):
    assert transition_states(transitions) == set(choices.values)
