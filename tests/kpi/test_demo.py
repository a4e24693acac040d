"""seed_demo gives the dashboard two years of history, and running it again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from events.enums import EventType
from events.models import Event
from kpi import selectors
from surveys.enums import RoundState
from surveys.models import Answer, Response, SurveyRound

pytestmark = pytest.mark.django_db


def _shape():
    data = selectors.dashboard()
    return (
        [count for _day, count in data.members_history],
        [count for _day, count in data.subscribers_history],
        [(m.day, m.attended) for m in data.ai_mornings],
        [(r.day, r.average) for r in data.satisfaction],
        Response.objects.count(),
        Answer.objects.count(),
    )


def test_every_chart_has_a_shape_and_seeding_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    members, subscribers, mornings, satisfaction, responses, answers = first = _shape()

    assert members[0] < members[12] < members[-1]
    assert subscribers[0] < subscribers[-1]
    assert mornings[0][0] < mornings[-1][0]
    assert (mornings[-1][0] - mornings[0][0]).days > 600
    assert len(satisfaction) == 4
    assert satisfaction[0][1] < satisfaction[-1][1]
    assert SurveyRound.objects.filter(state=RoundState.OPEN).count() == 1
    assert Event.objects.filter(type=EventType.AI_MORNING).count() > 40

    call_command("seed_demo", stdout=io.StringIO())
    assert _shape() == first
