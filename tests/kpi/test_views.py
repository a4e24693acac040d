"""The dashboard page and its CSV: who may see them, what they show, constant queries."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.groups import COORDINATORS, DECISION_MAKERS, STEERING_GROUP
from events.enums import EventType
from funding.enums import ApplicationStatus
from members.enums import MembershipStatus
from members.models import Organisation
from surveys.enums import RoundState
from tests.events.factories import EventFactory
from tests.factories import ContactPersonFactory, OrganisationFactory, UserFactory
from tests.funding.factories import ApplicationFactory, FundingCallFactory
from tests.network.factories import ImplementationFactory
from tests.newsletter.factories import SubscriberFactory
from tests.surveys.factories import QuestionFactory, SurveyRoundFactory, answered

pytestmark = pytest.mark.django_db
URL = "/fi/dashboard/"
CSV_URL = "/fi/dashboard/figures.csv"


def staff(group: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def coordinator():
    return staff(COORDINATORS)


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/fi/accounts/login/?next=/fi/dashboard/"


@pytest.mark.parametrize("who", ["member", "steering"])
def test_members_and_other_staff_are_refused(client, who):
    user = ContactPersonFactory().user if who == "member" else staff(STEERING_GROUP)
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403


@pytest.mark.parametrize("group", [COORDINATORS, DECISION_MAKERS])
def test_coordinators_and_decision_makers_see_the_dashboard(client, group):
    client.force_login(staff(group))
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    html = response.content.decode()
    assert html.count('<figure class="kpi-chart"') == 12
    assert html.count('role="img"') == 12
    assert "style=" not in html.split("<main", 1)[1]


def test_dashboard_shows_the_figures_against_targets(client, coordinator):
    # The lead organisations the migrations create are members already.
    before = Organisation.objects.filter(status=MembershipStatus.MEMBER).count()
    OrganisationFactory.create_batch(3, member_since=timezone.now() - timedelta(days=40))
    client.force_login(coordinator)
    response = client.get("/en/dashboard/")
    figures = response.context["figures"]
    assert [(f.label, f.value, f.target) for f in figures] == [
        ("Member organisations", str(before + 3), "Target: 300"),
        ("Newsletter subscribers", "0", "Target: 1,500"),
        ("Average attendance of AI mornings", "–", "Target: 250"),
        ("Member satisfaction (1–5)", "–", "Target: 4"),
    ]
    assert [f.status for f in figures] == [
        "Target not yet reached",
        "Target not yet reached",
        "No value yet",
        "No value yet",
    ]


def _grow(rows: int) -> None:
    call = FundingCallFactory()
    for i in range(rows):
        organisation = OrganisationFactory(member_since=timezone.now() - timedelta(days=30 * i + 1))
        SubscriberFactory(confirmed_at=timezone.now() - timedelta(days=20 * i + 1))
        EventFactory(
            type=EventType.AI_MORNING,
            starts_at=timezone.now() - timedelta(days=14 * i + 2),
            reported_attendance=100 + i,
        )
        ApplicationFactory(call=call, organisation=organisation, status=ApplicationStatus.SUBMITTED)
        ImplementationFactory(owner=organisation)
        survey = SurveyRoundFactory(
            state=RoundState.CLOSED, closes_at=timezone.now() - timedelta(days=60 * i + 1)
        )
        answered(survey, {QuestionFactory(round=survey): 1 + i % 5}, organisation=organisation)


@pytest.mark.parametrize("url", [URL, CSV_URL])
def test_queries_stay_constant_as_data_grows(client, coordinator, django_assert_num_queries, url):
    client.force_login(coordinator)
    _grow(2)
    client.get(url)  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    few = len(captured.captured_queries)
    _grow(12)
    with django_assert_num_queries(few):
        assert client.get(url).status_code == 200


def test_csv_export_has_every_figure(client, coordinator):
    before = Organisation.objects.filter(status=MembershipStatus.MEMBER).count()
    OrganisationFactory(member_since=timezone.now() - timedelta(days=3))
    EventFactory(starts_at=timezone.now() - timedelta(hours=2), reported_attendance=260)
    client.force_login(coordinator)
    response = client.get("/en/dashboard/figures.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="dashboard-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Section", "Item", "Quantity", "Value", "Target"]
    measures = [row for row in rows if row[0] == "Measures of success"]
    today = timezone.localdate().isoformat()
    assert measures[0] == ["Measures of success", today, "Member organisations", str(before + 1), "300.00"]
    assert measures[2][2:] == ["Average attendance of AI mornings", "260.00", "250.00"]
    mornings = [row for row in rows if row[0] == "Attendance of each AI morning"]
    assert [(row[2], row[3], row[4]) for row in mornings] == [("Participants", "260", "250.00")]
    stages = [row for row in rows if row[0] == "Published AI implementations by stage"]
    assert [row[1] for row in stages] == ["Idea", "Pilot", "In production", "Scaled nationally"]
