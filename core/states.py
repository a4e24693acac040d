"""One way to check a state change: a map ``{old state: {allowed new states}}`` per state field.

Each app keeps its map next to its TextChoices in ``enums.py`` and its own refusal (a translated
domain error with the app's wording); this module only decides whether a move is in the map.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

Transitions = Mapping[str, Collection[str]]
#: Builds the exception raised for a refused move from the old and the new state.
Refusal = Callable[[str, str], Exception]


class TransitionError(ValueError):
    """A refused move that no person asked for: a service broke its own map (a bug, not a user error)."""

    def __init__(self, old: str, new: str):
        self.old = old
        self.new = new
        super().__init__(f"“{old}” cannot become “{new}”.")


def can_transition(transitions: Transitions, old: str, new: str) -> bool:
    """Whether the map lets ``old`` become ``new``; a state missing from the map may become nothing."""
    return new in transitions.get(old, ())


def transition_check(transitions: Transitions, old: str, new: str, *, refuse: Refusal | None = None) -> None:
    """Raise ``refuse(old, new)`` (or :class:`TransitionError`) unless the map allows the move."""
    if not can_transition(transitions, old, new):
        raise (refuse or TransitionError)(old, new)


def transition_apply(
    instance: Any, new: str, *, transitions: Transitions, refuse: Refusal | None = None, field: str = "status"
) -> str:
    """Check the move of ``instance.<field>`` to ``new`` and set it (not saved); returns the old state."""
    old = getattr(instance, field)
    transition_check(transitions, old, new, refuse=refuse)
    setattr(instance, field, new)
    return old


def transition_states(transitions: Transitions) -> set[str]:
    """Every state the map names, as a key or as a target (a state named nowhere is a gap in the map)."""
    return set(transitions).union(*transitions.values())
