"""The decision-maker's summary page, and the pending-decision list's amounts and outcome filter."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.audit import entries_about
from funding.enums import ApplicationStatus, DecisionStatus, ReviewStatus
from funding.models import Decision, Review, ReviewAssignment, Score
from funding.services import review as services
from tests.funding.factories import ApplicationFactory, FundingCallFactory
from tests.funding.review_factories import CriterionFactory, coordinator, decision_maker, reviewer

pytestmark = pytest.mark.django_db
S = ApplicationStatus
D = Decimal
SUMMARY = "/fi/admin/funding/decision/summary/"


def _reviewed(call, criterion, people, name: str, score: int, recommendations: list[str]):
    application = ApplicationFactory(call=call, status=S.FURTHER_PLANNING, project_name=name)
    for person, recommendation in zip(people, recommendations, strict=True):
        ReviewAssignment.objects.create(application=application, reviewer=person)
        review = Review.objects.create(
            application=application,
            reviewer=person,
            status=ReviewStatus.SUBMITTED,
            recommendation=recommendation,
            submitted_at=application.created_at,
        )
        Score.objects.create(review=review, criterion=criterion, value=score)
    return application


@pytest.fixture
def round_():
    """Budget 100 000 €; Alfa (5.00) and Beta (4.00) proposed for funding, Gamma (2.00) not."""
    call = FundingCallFactory(budget_min=D("100000"), budget_max=D("100000"))
    criterion = CriterionFactory(call=call)
    people = [reviewer(), reviewer()]
    lead, maker = coordinator(), decision_maker()
    apps = {
        "Alfa": _reviewed(call, criterion, people, "Alfa", 5, ["fund", "fund"]),
        "Beta": _reviewed(call, criterion, people, "Beta", 4, ["fund", "maybe"]),
        "Gamma": _reviewed(call, criterion, people, "Gamma", 2, ["do_not_fund", "maybe"]),
    }
    decisions = {
        "Alfa": services.decision_record(
            application=apps["Alfa"], actor=lead, outcome=S.FUNDED, granted_amount="45000"
        ),
        "Beta": services.decision_record(
            application=apps["Beta"], actor=lead, outcome=S.FUNDED, granted_amount="40000"
        ),
        "Gamma": services.decision_record(application=apps["Gamma"], actor=lead, outcome=S.NOT_FUNDED),
    }
    client = Client()
    client.force_login(maker)
    return {
        "call": call,
        "apps": apps,
        "decisions": decisions,
        "maker": maker,
        "lead": lead,
        "client": client,
    }


def _table(html: str) -> list[list[str]]:
    body = html.split('id="decision-summary"')[1].split("</tbody>")[0].split("<tbody>")[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    cells = []
    for row in rows:
        texts = [
            re.sub(r"<[^>]+>", " ", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        ]
        cells.append([" ".join(text.split()) for text in texts])
    return cells


def test_the_summary_shows_every_proposed_decision_with_what_it_rests_on_and_the_totals(round_):
    html = round_["client"].get(f"{SUMMARY}?call={round_['call'].pk}").content.decode()
    rows = [row[1:] for row in _table(html)]  # the first cell is the checkbox
    alfa_org = round_["apps"]["Alfa"].organisation.name
    assert rows[0] == [
        "1",
        f"Alfa {alfa_org}",
        "Rahoitettu",
        "45 000,00 €",
        "45,00 %",
        "5,00",
        "2 / 0 / 0",
        "",
    ]
    assert [row[0:3] for row in rows[1:]] == [
        ["2", f"Beta {round_['apps']['Beta'].organisation.name}", "Rahoitettu"],
        ["3", f"Gamma {round_['apps']['Gamma'].organisation.name}", "Ei rahoitettu"],
    ]
    assert rows[1][3:7] == ["40 000,00 €", "40,00 %", "4,00", "1 / 1 / 0"]
    assert rows[2][3:7] == ["–", "–", "2,00", "0 / 1 / 1"]
    totals = " ".join(
        re.sub(r"<[^>]+>", " ", html.split('class="summary-totals"')[1].split("</table>")[0]).split()
    )
    assert "Haun budjetti 100 000,00 €" in totals
    assert "Odottavissa päätöksissä ehdotettu 85 000,00 €" in totals
    assert "Budjetissa jäljellä 15 000,00 €" in totals


def test_confirm_selected_leaves_the_unticked_waiting_and_audits_each_confirmation(round_):
    decisions = round_["decisions"]
    response = round_["client"].post(
        SUMMARY,
        {
            "call": round_["call"].pk,
            "action": "confirm_selected",
            "decision": [decisions["Alfa"].pk, decisions["Gamma"].pk],
        },
    )
    assert response.status_code == 302
    statuses = {name: Decision.objects.get(pk=d.pk).status for name, d in decisions.items()}
    assert statuses == {
        "Alfa": DecisionStatus.CONFIRMED,
        "Beta": DecisionStatus.PENDING,
        "Gamma": DecisionStatus.CONFIRMED,
    }
    confirmed = [
        (entry.action, entry.actor_id)
        for entry in entries_about(decisions["Alfa"])
        if entry.action == "funding.decision.confirmed"
    ]
    assert confirmed == [("funding.decision.confirmed", round_["maker"].pk)]
    html = round_["client"].get(response["Location"]).content.decode()
    assert [row[2].split()[0] for row in _table(html)] == ["Beta"]
    assert "Jo vahvistettu 45 000,00 €" in " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_confirm_all_confirms_every_pending_decision_and_a_coordinator_may_only_look(round_):
    lead = Client()
    lead.force_login(round_["lead"])
    assert lead.get(SUMMARY).status_code == 200
    assert lead.post(SUMMARY, {"call": round_["call"].pk, "action": "confirm_all"}).status_code == 403
    round_["client"].post(SUMMARY, {"call": round_["call"].pk, "action": "confirm_all"})
    assert set(Decision.objects.values_list("status", flat=True)) == {DecisionStatus.CONFIRMED}


def test_the_summary_keeps_a_constant_number_of_queries(round_):
    client, call = round_["client"], round_["call"]
    client.get(SUMMARY)
    with CaptureQueriesContext(connection) as few:
        client.get(f"{SUMMARY}?call={call.pk}")
    criterion = call.criteria.get()
    people = [reviewer(), reviewer()]
    for index in range(15):
        application = _reviewed(call, criterion, people, f"X{index}", 3, ["maybe", "maybe"])
        Decision.objects.create(application=application, outcome=S.FUNDED, granted_amount=D("1000"))
    with CaptureQueriesContext(connection) as many:
        response = client.get(f"{SUMMARY}?call={call.pk}")
    assert response.status_code == 200
    assert len(many) == len(few)


def test_the_pending_list_formats_amounts_and_filters_only_by_decision_outcomes(round_):
    html = round_["client"].get("/fi/admin/funding/decision/?status__exact=pending").content.decode()
    assert '<td class="field-amount">45\xa0000,00\xa0€</td>' in html
    outcome_filter = html.split('data-filter-title="päätös"')[1].split("</details>")[0]
    assert re.findall(r"outcome__exact=(\w+)", outcome_filter) == [
        "chosen",
        "not_chosen",
        "funded",
        "not_funded",
    ]
