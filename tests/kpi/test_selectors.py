"""Dashboard figures against values computed by hand from small fixtures."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from events.enums import EventType
from funding.enums import ApplicationStatus, UseCase
from kpi import selectors
from kpi.enums import Measure
from kpi.models import Target
from members.enums import MembershipStatus
from members.models import WelfareRegion
from network.enums import ImplementationStatus, Stage
from newsletter.enums import SubscriberStatus
from surveys.enums import QuestionKind, RoundState
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import OrganisationFactory
from tests.funding.factories import ApplicationFactory, FundingCallFactory
from tests.kpi.factories import at, resigned_entry
from tests.network.factories import ImplementationFactory
from tests.newsletter.factories import SubscriberFactory
from tests.surveys.factories import QuestionFactory, SurveyRoundFactory, answered

pytestmark = pytest.mark.django_db
NOW = at(date(2026, 11, 1))


@pytest.fixture
def organisations():
    a = OrganisationFactory(member_since=at(date(2025, 3, 10)), status_changed_at=at(date(2025, 3, 10)))
    b = OrganisationFactory(member_since=at(date(2025, 7, 1)), status_changed_at=at(date(2025, 7, 1)))
    # Member from 15 January until it resigned on 20 May 2025.
    OrganisationFactory(
        status=MembershipStatus.RESIGNED,
        member_since=at(date(2025, 1, 15)),
        status_changed_at=at(date(2025, 5, 20)),
    )
    # Resigned on 30 April 2025 and applied again on 1 September (pending; member_since kept).
    d = OrganisationFactory(
        status=MembershipStatus.PENDING,
        member_since=at(date(2024, 12, 1)),
        status_changed_at=at(date(2025, 9, 1)),
    )
    resigned_entry(d, at(date(2025, 4, 30)))
    OrganisationFactory(status=MembershipStatus.PENDING, member_since=None)
    OrganisationFactory(status=MembershipStatus.REJECTED, member_since=None)
    return a, b


def test_member_count_on_a_date(organisations):
    assert selectors.member_count_on(date(2025, 4, 1)) == 3  # a, the resigned one and d
    assert selectors.member_count_on(date(2025, 5, 19)) == 2  # a and the resigned one (d left 30.4.)
    assert selectors.member_count_on(date(2025, 6, 1)) == 1  # a
    assert selectors.member_count_on(date(2025, 7, 1)) == 2  # a and b (joined that day)
    assert selectors.member_count_on(date(2024, 11, 30)) == 0


def test_member_history_is_monthly_and_ends_today(organisations):
    data = selectors.dashboard(today=date(2025, 7, 15), now=at(date(2025, 7, 15)))
    assert data.members_history[0] == (date(2023, 8, 1), 0)
    assert data.members_history[-3:] == [(date(2025, 6, 1), 1), (date(2025, 7, 1), 2), (date(2025, 7, 15), 2)]
    assert len(data.members_history) == 25
    assert data.members_now == 2


def test_subscribers_on_each_day_count_confirmed_and_not_ended():
    SubscriberFactory(confirmed_at=at(date(2026, 1, 10)))
    SubscriberFactory(confirmed_at=at(date(2026, 2, 10)))
    SubscriberFactory(
        status=SubscriberStatus.UNSUBSCRIBED,
        email="",
        confirmed_at=at(date(2025, 12, 5)),
        ended_at=at(date(2026, 2, 20)),
    )
    SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
    data = selectors.dashboard(today=date(2026, 3, 15), now=at(date(2026, 3, 15)))
    history = dict(data.subscribers_history)
    assert [history[date(2026, m, 1)] for m in (1, 2, 3)] == [1, 2, 2]
    assert history[date(2026, 3, 15)] == 2
    assert data.subscribers_now == 2


def test_average_attendance_counts_ai_mornings_held_this_year_only():
    EventFactory(starts_at=at(date(2026, 3, 4), 9), reported_attendance=200)
    EventFactory(starts_at=at(date(2026, 5, 6), 9), reported_attendance=300)
    marked = EventFactory(starts_at=at(date(2026, 9, 9), 9))
    RegistrationFactory.create_batch(2, event=marked, attended=True)
    RegistrationFactory(event=marked, attended=False)
    # Not counted: another kind of event, unpublished, last year, in the future, no attendance.
    EventFactory(type=EventType.WEBINAR, starts_at=at(date(2026, 4, 1), 9), reported_attendance=1000)
    EventFactory(published=False, starts_at=at(date(2026, 4, 8), 9), reported_attendance=900)
    EventFactory(starts_at=at(date(2025, 11, 5), 9), reported_attendance=1000)
    EventFactory(starts_at=NOW + timedelta(days=3), reported_attendance=800)
    EventFactory(starts_at=at(date(2026, 6, 3), 9))

    data = selectors.dashboard(today=NOW.date(), now=NOW)

    assert data.ai_morning_average == Decimal("167.33")  # (200 + 300 + 2) / 3
    assert data.ai_mornings_in_period == 3
    assert [(m.day, m.attended) for m in data.ai_mornings] == [
        (date(2025, 11, 5), 1000),
        (date(2026, 3, 4), 200),
        (date(2026, 5, 6), 300),
        (date(2026, 9, 9), 2),
    ]


def test_satisfaction_averages_scores_given_and_ignores_unanswered_questions():
    autumn = SurveyRoundFactory(state=RoundState.CLOSED, closes_at=at(date(2026, 10, 31)))
    q1, q2 = QuestionFactory.create_batch(2, round=autumn)
    q3 = QuestionFactory(round=autumn, kind=QuestionKind.TEXT)
    answered(autumn, {q1: 5, q2: 4, q3: "Hyvä verkosto."})
    answered(autumn, {q1: 3, q2: None})
    answered(autumn, {q1: 2})
    spring = SurveyRoundFactory(state=RoundState.CLOSED, closes_at=at(date(2025, 11, 30)))
    answered(spring, {QuestionFactory(round=spring): 3})
    draft = SurveyRoundFactory(state=RoundState.DRAFT)
    QuestionFactory(round=draft)

    data = selectors.dashboard(today=NOW.date(), now=NOW)

    assert [(r.day, r.average, r.responses) for r in data.satisfaction] == [
        (date(2025, 11, 30), Decimal("3.00"), 1),
        (date(2026, 10, 31), Decimal("3.50"), 3),  # (5 + 4 + 3 + 2) / 4, not / 6
    ]
    assert data.satisfaction_latest.average == Decimal("3.50")


def test_funding_figures_per_use_case_and_region():
    call = FundingCallFactory()
    pirkanmaa = WelfareRegion.objects.get(code="pirkanmaa")
    lappi = WelfareRegion.objects.get(code="lappi")
    in_pirkanmaa = OrganisationFactory(region=pirkanmaa)
    in_lappi = OrganisationFactory(region=lappi)
    nowhere = OrganisationFactory(region=None)
    common = {"call": call}
    ApplicationFactory(**common, organisation=in_pirkanmaa, status=ApplicationStatus.DRAFT)
    ApplicationFactory(**common, organisation=in_pirkanmaa, status=ApplicationStatus.WITHDRAWN)
    ApplicationFactory(
        **common,
        organisation=in_pirkanmaa,
        status=ApplicationStatus.SUBMITTED,
        requested_amount=Decimal("50000"),
    )
    ApplicationFactory(
        **common,
        organisation=in_pirkanmaa,
        status=ApplicationStatus.FUNDED,
        requested_amount=Decimal("100000"),
        granted_amount=Decimal("80000.50"),
    )
    ApplicationFactory(
        **common,
        organisation=in_lappi,
        status=ApplicationStatus.UNDER_REVIEW,
        use_case=UseCase.DECISION_SUPPORT,
        requested_amount=Decimal("20000"),
    )
    ApplicationFactory(
        **common, organisation=nowhere, status=ApplicationStatus.NOT_FUNDED, requested_amount=None
    )

    with translation.override("en"):
        data = selectors.dashboard(today=NOW.date(), now=NOW)

    assert [(r.label, r.applications, r.requested, r.granted) for r in data.funding_by_use_case] == [
        ("Nurse whisperer", 3, Decimal("150000.00"), Decimal("80000.50")),
        ("Decision support for professionals", 1, Decimal("20000.00"), Decimal("0")),
    ]
    assert [(r.label, r.applications, r.requested, r.granted) for r in data.funding_by_region] == [
        (pirkanmaa.name_en, 2, Decimal("150000.00"), Decimal("80000.50")),
        (lappi.name_en, 1, Decimal("20000.00"), Decimal("0")),
        ("No welfare region", 1, Decimal("0"), Decimal("0")),
    ]


def test_implementations_by_stage_and_region_published_only():
    pirkanmaa = WelfareRegion.objects.get(code="pirkanmaa")
    ImplementationFactory.create_batch(2, stage=Stage.PILOT, region=pirkanmaa)
    ImplementationFactory(stage=Stage.PRODUCTION, region=None)
    ImplementationFactory(stage=Stage.SCALED, region=pirkanmaa, status=ImplementationStatus.DRAFT)
    with translation.override("en"):
        data = selectors.dashboard(today=NOW.date(), now=NOW)
        assert data.implementations_by_stage == [
            ("Idea", 0),
            ("Pilot", 2),
            ("In production", 1),
            ("Scaled nationally", 0),
        ]
        assert data.implementations_by_region == [(pirkanmaa.name_en, 2), ("No welfare region", 1)]


def test_targets_are_data_valid_on_the_day():
    assert selectors.targets_on(date(2026, 6, 1)) == {
        Measure.MEMBERS: Decimal("300.00"),
        Measure.SUBSCRIBERS: Decimal("1500.00"),
        Measure.AI_MORNING_ATTENDANCE: Decimal("250.00"),
        Measure.SATISFACTION: Decimal("4.00"),
    }
    assert selectors.targets_on(date(2025, 12, 31)) == {}
    Target.objects.create(measure=Measure.MEMBERS, value=Decimal("350"), valid_from=date(2027, 1, 1))
    later = selectors.targets_on(date(2027, 3, 1))
    assert later[Measure.MEMBERS] == Decimal("350.00")
    # No 2027 target for the others yet: the latest one that has started still shows.
    assert later[Measure.SUBSCRIBERS] == Decimal("1500.00")
