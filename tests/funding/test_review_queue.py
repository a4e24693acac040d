"""The reviewer's queue: my status per application, my progress per call, the deadline, "to review" first."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from funding.enums import ApplicationStatus, ReviewStatus
from funding.models import Review, ReviewAssignment
from funding.services import review as services
from funding.services.review import ScoreData
from tests.funding.factories import ApplicationFactory, FundingCallFactory
from tests.funding.review_factories import CriterionFactory, reviewer

pytestmark = pytest.mark.django_db
S = ApplicationStatus
QUEUE = "/fi/admin/funding/application/"


def _queue(n_todo: int = 1, *, deadline_in_days: int | None = 3):
    """A reviewer assigned to one submitted review, one draft and ``n_todo`` applications to review."""
    deadline = timezone.now() + timedelta(days=deadline_in_days) if deadline_in_days is not None else None
    call = FundingCallFactory(review_deadline=deadline)
    criterion = CriterionFactory(call=call)
    person = reviewer()
    names = ["Aalto (valmis)", "Beeta (luonnos)", *[f"Ceeta {i:03d}" for i in range(n_todo)]]
    applications = {}
    for name in names:
        application = ApplicationFactory(call=call, status=S.UNDER_REVIEW, project_name=name)
        ReviewAssignment.objects.create(application=application, reviewer=person)
        applications[name] = application
    services.review_save(
        application=applications[names[0]],
        actor=person,
        scores={criterion.pk: ScoreData(4)},
        recommendation="fund",
        submit=True,
    )
    services.review_save(
        application=applications[names[1]], actor=person, scores={criterion.pk: ScoreData(2)}, submit=False
    )
    # Someone else's application in the same call is not in my queue.
    ApplicationFactory(call=call, status=S.UNDER_REVIEW, project_name="Muu")
    client = Client()
    client.force_login(person)
    return call, person, applications, client


def _rows(html: str) -> list[tuple[str, str]]:
    """(application, my status) of each row of the list, in order."""
    rows = re.findall(r"<tr>.*?</tr>", html.split('id="result_list"')[1], flags=re.S)
    found = []
    for row in rows[1:]:
        name = re.search(r'<th class="field-__str__"><a [^>]*>([^<]+)</a>', row).group(1)
        status = re.search(r'class="queue-status queue-\w+">([^<]+)<', row).group(1)
        found.append((name, status))
    return found


def test_the_reviewers_list_shows_my_status_to_review_first_with_progress_and_deadline():
    call, _person, applications, client = _queue(n_todo=1)
    response = client.get(QUEUE)
    html = response.content.decode()
    assert _rows(html) == [
        ("Ceeta 000", "Arvioimatta"),
        ("Beeta (luonnos)", "Luonnos"),
        ("Aalto (valmis)", "Jätetty"),
    ]
    assert f"<strong>{call}</strong>: 1/3 valmiina" in html
    assert '<progress max="3" value="1"' in html
    assert "3 päivää jäljellä" in html
    # The row links straight to the review page for what is still mine to do, not for the submitted one.
    assert f'href="/fi/admin/funding/application/{applications["Ceeta 000"].pk}/review/"' in html
    assert f'href="/fi/admin/funding/application/{applications["Aalto (valmis)"].pk}/review/"' not in html


@pytest.mark.parametrize(
    ("value", "expected"),
    [("to_review", ["Ceeta 000"]), ("draft", ["Beeta (luonnos)"]), ("submitted", ["Aalto (valmis)"])],
)
def test_the_reviewer_filters_by_my_status(value, expected):
    _call, _person, _applications, client = _queue(n_todo=1)
    html = client.get(f"{QUEUE}?my_review={value}").content.decode()
    assert [name for name, _status in _rows(html)] == expected


def test_a_passed_deadline_is_said_plainly():
    _call, _person, _applications, client = _queue(deadline_in_days=-2)
    html = client.get(QUEUE).content.decode()
    assert "määräaika on mennyt" in html


def test_the_queue_keeps_a_constant_number_of_queries():
    _call, person, _applications, client = _queue(n_todo=2)
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    more_call = FundingCallFactory(review_deadline=timezone.now() + timedelta(days=9))
    for index in range(30):
        application = ApplicationFactory(call=more_call, status=S.UNDER_REVIEW, project_name=f"X {index}")
        ReviewAssignment.objects.create(application=application, reviewer=person)
        if index % 2:
            Review.objects.create(application=application, reviewer=person, status=ReviewStatus.DRAFT)
    with CaptureQueriesContext(connection) as many:
        response = client.get(QUEUE)
    assert response.status_code == 200
    assert len(many) == len(few)
