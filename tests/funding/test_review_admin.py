"""Every admin page and action of the review, by role; and constant query counts of the lists."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from funding.enums import ApplicationStatus, DecisionStatus, ReviewStatus
from funding.models import Application, Decision, Review, ReviewAssignment, Score
from funding.services import review as services
from funding.services.review import ScoreData
from tests.funding.factories import ApplicationFactory, FundingCallFactory, applicant
from tests.funding.review_factories import (
    CriterionFactory,
    coordinator,
    decision_maker,
    reviewer,
    submitted_application,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def world():
    call = FundingCallFactory()
    criterion = CriterionFactory(call=call)
    contact = applicant(call)
    people = {
        "coordinator": coordinator(),
        "reviewer": reviewer(),
        "conflicted": reviewer(),
        "unassigned": reviewer(),
        "decision_maker": decision_maker(),
        "applicant": contact.user,
    }
    application = submitted_application(call, organisation=contact.organisation)
    services.application_check_eligibility(
        application=application, actor=people["coordinator"], eligible=True
    )
    services.reviewer_assign(
        applications=[application],
        reviewers=[people["reviewer"], people["conflicted"]],
        actor=people["coordinator"],
    )
    services.review_save(
        application=application,
        actor=people["reviewer"],
        scores={criterion.pk: ScoreData(4)},
        recommendation="fund",
        submit=True,
    )
    services.conflict_declare(application=application, actor=people["conflicted"])
    other = submitted_application(call)
    services.application_check_eligibility(application=other, actor=people["coordinator"], eligible=True)
    services.reviewer_assign(
        applications=[other], reviewers=[people["unassigned"]], actor=people["coordinator"]
    )
    return {"call": call, "application": application, "people": people}


ROLES = ["coordinator", "reviewer", "conflicted", "unassigned", "decision_maker", "applicant"]


def statuses(world, path: str) -> dict[str, object]:
    found = {}
    for role in ROLES:
        client = Client()
        client.force_login(world["people"][role])
        response = client.get(path)
        if response.status_code == 302:
            found[role] = "login" if "/login/" in response["Location"] else "redirect"
        else:
            found[role] = response.status_code
    return found


def test_every_review_page_answers_each_role_as_expected(world):
    pk = world["application"].pk
    call = world["call"].pk
    base = "/fi/admin/funding/application"
    expected = {
        f"{base}/{pk}/change/": {
            "coordinator": 200,
            "reviewer": 200,
            "conflicted": "redirect",
            "unassigned": "redirect",
            "decision_maker": 200,
            "applicant": "login",
        },
        f"{base}/ranking/": {
            "coordinator": 200,
            "reviewer": 200,
            "conflicted": 200,
            "unassigned": 200,
            "decision_maker": 200,
            "applicant": "login",
        },
        f"{base}/{pk}/eligibility/": {
            "coordinator": 200,
            "reviewer": 403,
            "conflicted": 403,
            "unassigned": 403,
            "decision_maker": 403,
            "applicant": "login",
        },
        f"{base}/{pk}/review/": {
            "coordinator": 403,
            "reviewer": 200,
            "conflicted": 404,
            "unassigned": 404,
            "decision_maker": 403,
            "applicant": "login",
        },
        f"{base}/{pk}/conflict/": {
            "coordinator": 403,
            "reviewer": 200,
            "conflicted": 404,
            "unassigned": 404,
            "decision_maker": 403,
            "applicant": "login",
        },
        f"{base}/{pk}/information/": {
            "coordinator": 200,
            "reviewer": 403,
            "conflicted": 403,
            "unassigned": 403,
            "decision_maker": 403,
            "applicant": "login",
        },
        f"{base}/{pk}/decision/": {
            "coordinator": 200,
            "reviewer": 403,
            "conflicted": 403,
            "unassigned": 403,
            "decision_maker": 403,
            "applicant": "login",
        },
        f"{base}/{pk}/move/": {
            "coordinator": 200,
            "reviewer": 403,
            "conflicted": 403,
            "unassigned": 403,
            "decision_maker": 403,
            "applicant": "login",
        },
        f"{base}/assign/?ids={pk}": {
            "coordinator": 200,
            "reviewer": 403,
            "conflicted": 403,
            "unassigned": 403,
            "decision_maker": 403,
            "applicant": "login",
        },
        f"{base}/ranking/{call}/ranking.csv": {
            "coordinator": 200,
            "reviewer": 403,
            "conflicted": 403,
            "unassigned": 403,
            "decision_maker": 403,
            "applicant": "login",
        },
        "/fi/admin/funding/decision/": {
            "coordinator": 200,
            "reviewer": 403,
            "conflicted": 403,
            "unassigned": 403,
            "decision_maker": 200,
            "applicant": "login",
        },
    }
    found = {path: statuses(world, path) for path in expected}
    assert found == expected


def test_a_reviewer_lists_only_assigned_applications_and_a_conflicted_one_sees_no_scores(world):
    application = world["application"]
    client = Client()
    client.force_login(world["people"]["unassigned"])
    listing = client.get("/fi/admin/funding/application/").content.decode()
    assert str(application) not in listing

    client.force_login(world["people"]["conflicted"])
    assert str(application) not in client.get("/fi/admin/funding/application/").content.decode()
    ranking = client.get("/fi/admin/funding/application/ranking/").content.decode()
    assert str(application) not in ranking and "4.00" not in ranking

    client.force_login(world["people"]["reviewer"])
    page = client.get(f"/fi/admin/funding/application/{application.pk}/change/").content.decode()
    # The reviewer has submitted, so their own review (caption "name · status · …") is on the page.
    assert f"{world['people']['reviewer'].get_full_name()} · " in page


def test_a_reviewer_cannot_use_the_coordinators_actions_nor_an_applicant_the_admin(world):
    application = world["application"]
    decision = services.decision_record(
        application=application, actor=world["people"]["coordinator"], outcome=S.CHOSEN
    )
    client = Client()
    client.force_login(world["people"]["reviewer"])
    client.post(
        "/fi/admin/funding/application/",
        {"action": "assign_reviewers", "_selected_action": [application.pk]},
    )
    client.post(f"/fi/admin/funding/application/{application.pk}/decision/", {"outcome": "not_chosen"})
    client.force_login(world["people"]["coordinator"])
    client.post("/fi/admin/funding/decision/", {"action": "confirm", "_selected_action": [decision.pk]})
    client.force_login(world["people"]["applicant"])
    response = client.post(
        "/fi/admin/funding/decision/", {"action": "confirm", "_selected_action": [decision.pk]}
    )
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Decision.objects.get().status == DecisionStatus.PENDING
    assert Application.objects.get(pk=application.pk).status == S.UNDER_REVIEW
    assert ReviewAssignment.objects.filter(application=application).count() == 1

    client.force_login(world["people"]["decision_maker"])
    client.post("/fi/admin/funding/decision/", {"action": "confirm", "_selected_action": [decision.pk]})
    assert Decision.objects.get().status == DecisionStatus.CONFIRMED
    assert Application.objects.get(pk=application.pk).status == S.CHOSEN


def test_a_coordinator_assigns_in_bulk_and_records_eligibility_and_decisions_through_the_pages(world):
    people = world["people"]
    call = world["call"]
    first, second = (submitted_application(call) for _ in range(2))
    client = Client()
    client.force_login(people["coordinator"])
    response = client.post(
        "/fi/admin/funding/application/",
        {"action": "mark_eligible", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    response = client.post(
        "/fi/admin/funding/application/",
        {"action": "assign_reviewers", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    response = client.post(
        response["Location"].split("?")[0],
        {"ids": f"{first.pk},{second.pk}", "reviewers": [people["unassigned"].pk]},
    )
    assert response.status_code == 302
    assert set(
        ReviewAssignment.objects.filter(reviewer=people["unassigned"]).values_list(
            "application_id", flat=True
        )
    ) == {
        first.pk,
        second.pk,
        Application.objects.exclude(pk__in=[first.pk, second.pk, world["application"].pk]).get().pk,
    }
    assert set(Application.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {
        S.UNDER_REVIEW
    }

    response = client.post(f"/fi/admin/funding/application/{first.pk}/decision/", {"outcome": "funded"})
    assert response.status_code == 200  # funded is not a move from "in review": the form refuses it
    response = client.post(
        f"/fi/admin/funding/application/{first.pk}/decision/", {"outcome": "chosen", "note": "Hyvä"}
    )
    assert response.status_code == 302
    assert Decision.objects.get(application=first).status == DecisionStatus.PENDING


def _many_reviewed(call, n: int, criteria, reviewers):
    applications = [
        ApplicationFactory(call=call, status=S.UNDER_REVIEW, requested_amount=Decimal("1000"))
        for _ in range(n)
    ]
    for application in applications:
        for person in reviewers:
            ReviewAssignment.objects.create(application=application, reviewer=person)
            review = Review.objects.create(
                application=application,
                reviewer=person,
                status=ReviewStatus.SUBMITTED,
                recommendation="fund",
                submitted_at=application.created_at,
            )
            Score.objects.bulk_create(Score(review=review, criterion=c, value=3) for c in criteria)
        Decision.objects.create(application=application, outcome=S.CHOSEN, proposed_by=reviewers[0])


@pytest.mark.parametrize(
    "path",
    [
        "/fi/admin/funding/application/ranking/",
        "/fi/admin/funding/application/",
        "/fi/admin/funding/decision/",
    ],
)
def test_the_ranking_and_the_list_keep_a_constant_number_of_queries(path):
    call = FundingCallFactory()
    criteria = [CriterionFactory(call=call) for _ in range(3)]
    people = [reviewer(), reviewer()]
    client = Client()
    client.force_login(coordinator())
    counts = []
    for n in (10, 190):
        _many_reviewed(call, n, criteria, people)
        client.get(path)  # warm the session and the content types
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
