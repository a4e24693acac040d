"""Admin words (issue 20): an open survey round is "Avoinna" (a state), not "Avaa" (the verb "Open")."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from core.groups import COORDINATORS
from surveys.enums import RoundState
from tests.factories import UserFactory
from tests.surveys.factories import SurveyRoundFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "word"), [("fi", "Avoinna"), ("sv", "Öppen"), ("en", "Open")])
def test_an_open_round_reads_as_a_state_in_the_admin(client, language, word):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATORS))
    client.force_login(user)
    SurveyRoundFactory(state=RoundState.OPEN)

    page = client.get(f"/{language}/admin/surveys/surveyround/").content.decode()

    assert f'<td class="field-state">{word}</td>' in page
