"""Every funding state is in its transition map, as a key or as a target."""

import pytest

from core.states import transition_states
from funding.enums import (
    ALLOWED_TRANSITIONS,
    DECISION_TRANSITIONS,
    REVIEW_TRANSITIONS,
    ApplicationStatus,
    DecisionStatus,
    ReviewStatus,
)


@pytest.mark.parametrize(
    ("transitions", "choices"),
    [
        (ALLOWED_TRANSITIONS, ApplicationStatus),
        (DECISION_TRANSITIONS, DecisionStatus),
        (REVIEW_TRANSITIONS, ReviewStatus),
    ],
)
def test_every_state_is_in_its_map(transitions, choices):
    assert transition_states(transitions) == set(choices.values)
