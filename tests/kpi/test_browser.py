"""The dashboard in Debian's Chromium: axe-core at WCAG 2.1 AA, in Finnish and Swedish."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from core.groups import COORDINATORS
from funding.enums import ApplicationStatus
from surveys.enums import RoundState
from tests.events.factories import EventFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.funding.factories import ApplicationFactory, FundingCallFactory
from tests.network.factories import ImplementationFactory
from tests.newsletter.factories import SubscriberFactory
from tests.support.mfa import browser_sign_in
from tests.surveys.factories import QuestionFactory, SurveyRoundFactory, answered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def _data() -> None:
    call = FundingCallFactory()
    for i in range(4):
        organisation = OrganisationFactory(member_since=timezone.now() - timedelta(days=90 * i + 1))
        SubscriberFactory(confirmed_at=timezone.now() - timedelta(days=60 * i + 1))
        EventFactory(starts_at=timezone.now() - timedelta(days=30 * i + 2), reported_attendance=150 + 40 * i)
        ApplicationFactory(call=call, organisation=organisation, status=ApplicationStatus.SUBMITTED)
        ImplementationFactory(owner=organisation)
        survey = SurveyRoundFactory(
            state=RoundState.CLOSED, closes_at=timezone.now() - timedelta(days=120 * i + 1)
        )
        answered(survey, {QuestionFactory(round=survey): 3 + i % 3}, organisation=organisation)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_dashboard_has_no_accessibility_violations(page, live_server, assert_accessible, lang):
    _data()
    coordinator = UserFactory(email="koordinaattori@example.fi", is_staff=True)
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    EmailAddress.objects.create(user=coordinator, email=coordinator.email, verified=True, primary=True)
    browser_sign_in(page, live_server.url, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/{lang}/dashboard/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("figure.kpi-chart").count() == 12
    assert page.locator("figure.kpi-chart table").count() == 12
    assert_accessible(page)
    # The print stylesheet hides the actions and keeps the charts.
    page.emulate_media(media="print")
    assert page.locator(".kpi-actions").is_hidden()
    assert page.locator("svg.kpi-svg").first.is_visible()
