"""The one transition check every app's services use."""

from types import SimpleNamespace

import pytest

from core.states import (
    TransitionError,
    can_transition,
    transition_apply,
    transition_check,
    transition_states,
)

MAP = {
    "draft": frozenset({"submitted"}),
    "submitted": frozenset({"draft", "done"}),
    "done": frozenset(),
}


class Refused(Exception):
    pass


def test_can_transition_is_exactly_the_listed_moves():
    allowed = {(old, new) for old in MAP for new in MAP if can_transition(MAP, old, new)}
    assert allowed == {("draft", "submitted"), ("submitted", "draft"), ("submitted", "done")}


def test_a_state_missing_from_the_map_may_become_nothing():
    assert can_transition(MAP, "unknown", "draft") is False


def test_the_check_passes_an_allowed_move():
    assert transition_check(MAP, "draft", "submitted") is None


def test_the_check_raises_the_refusal_built_from_old_and_new():
    with pytest.raises(Refused) as refused:
        transition_check(MAP, "done", "draft", refuse=lambda old, new: Refused(f"{old} → {new}"))
    assert str(refused.value) == "done → draft"


def test_without_a_refusal_the_check_raises_a_transition_error():
    with pytest.raises(TransitionError) as refused:
        transition_check(MAP, "draft", "done")
    assert (refused.value.old, refused.value.new) == ("draft", "done")
    assert str(refused.value) == "“draft” cannot become “done”."


def test_apply_sets_the_field_and_returns_the_old_state():
    report = SimpleNamespace(status="submitted")
    assert transition_apply(report, "done", transitions=MAP) == "submitted"
    assert report.status == "done"


def test_apply_works_on_another_field():
    campaign = SimpleNamespace(state="draft")
    assert transition_apply(campaign, "submitted", transitions=MAP, field="state") == "draft"
    assert campaign.state == "submitted"


def test_a_refused_apply_leaves_the_field_as_it_was():
    report = SimpleNamespace(status="done")
    with pytest.raises(Refused):
        transition_apply(report, "draft", transitions=MAP, refuse=lambda old, new: Refused())
    assert report.status == "done"


def test_transition_states_are_the_keys_and_the_targets():
    assert transition_states({"a": {"b"}, "c": set()}) == {"a", "b", "c"}
    assert transition_states({}) == set()
