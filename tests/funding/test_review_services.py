"""The review's services: roles, allowed moves, conflicts, reviews, information requests, decisions."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.models import AuditEntry
from funding.enums import ApplicationStatus, DecisionStatus, Recommendation, ReviewStatus
from funding.models import Application, ConflictOfInterest, Criterion, Decision, ReviewAssignment
from funding.selectors import funded_projects_public
from funding.selectors.review import changes_since, reviews_visible_to
from funding.services import FundingError
from funding.services import review as services
from funding.services.review import ScoreData
from funding.tasks import review_send_reminders
from outbox.models import OutgoingMail
from tests.factories import ContactPersonFactory
from tests.funding.factories import FundingCallFactory, applicant
from tests.funding.review_factories import (
    CriterionFactory,
    coordinator,
    decision_maker,
    reviewer,
    submitted_application,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def audit(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


@pytest.fixture
def call():
    call = FundingCallFactory()
    CriterionFactory(call=call, weight=Decimal("2"))
    CriterionFactory(call=call, allow_not_applicable=True, required=False)
    return call


def in_review(call, *reviewers, actor=None):
    application = submitted_application(call)
    actor = actor or coordinator()
    services.application_check_eligibility(application=application, actor=actor, eligible=True)
    services.reviewer_assign(applications=[application], reviewers=list(reviewers), actor=actor)
    application.refresh_from_db()
    return application


def full_scores(call, value=4):
    return {c.pk: ScoreData(value) for c in Criterion.objects.filter(call=call)}


def test_eligibility_is_recorded_with_a_reason_in_the_history(call):
    actor = coordinator()
    application = submitted_application(call)
    with pytest.raises(FundingError) as refused:
        services.application_check_eligibility(application=application, actor=actor, eligible=False)
    assert refused.value.code == "reason"
    services.application_check_eligibility(
        application=application, actor=actor, eligible=False, reason="Hakija ei ole hyvinvointialue."
    )
    application.refresh_from_db()
    assert (application.status, application.eligibility_note) == (
        S.INELIGIBLE,
        "Hakija ei ole hyvinvointialue.",
    )
    [entry] = audit("funding.application.ineligible")
    assert (entry.actor_id, entry.old, entry.new["status"], entry.new["note"]) == (
        actor.pk,
        {"status": "submitted"},
        "ineligible",
        "Hakija ei ole hyvinvointialue.",
    )
    assert OutgoingMail.objects.count() == 0


def test_a_reviewer_cannot_check_eligibility_or_record_or_confirm_decisions(call):
    member = reviewer()
    application = submitted_application(call)
    for attempt in (
        lambda: services.application_check_eligibility(application=application, actor=member, eligible=True),
        lambda: services.decision_record(application=application, actor=member, outcome=S.CHOSEN),
        lambda: services.reviewer_assign(applications=[application], reviewers=[member], actor=member),
    ):
        with pytest.raises(FundingError) as refused:
            attempt()
        assert refused.value.code == "forbidden"
    assert Application.objects.get().status == S.SUBMITTED
    assert AuditEntry.objects.count() == 0


def test_a_disallowed_move_is_refused_whatever_calls_it(call):
    application = submitted_application(call)
    with pytest.raises(FundingError) as refused:
        services.decision_record(
            application=application, actor=coordinator(), outcome=S.FUNDED, granted_amount="100000"
        )
    assert refused.value.code == "state"
    with pytest.raises(FundingError):
        services.application_move(application=application, actor=coordinator(), new_status=S.FUNDED)
    with pytest.raises(FundingError) as refused:
        services._move(Application.objects.get(), S.FUNDED, actor=None)
    assert refused.value.code == "state"
    assert Application.objects.get().status == S.SUBMITTED
    assert Decision.objects.count() == 0


def test_assigning_moves_into_review_and_excludes_reviewers_of_the_applicants(call):
    actor = coordinator()
    application = submitted_application(call)
    application.partners.create(name="Tekoäly Oy", type="company", business_id="")
    services.application_check_eligibility(application=application, actor=actor, eligible=True)
    free = reviewer()
    lead = reviewer()
    ContactPersonFactory(user=lead, organisation=application.organisation, is_primary=False)
    partner = reviewer()
    ContactPersonFactory(user=partner, organisation__name="Tekoäly Oy", is_primary=True)

    result = services.reviewer_assign(
        applications=[application], reviewers=[free, lead, partner], actor=actor
    )

    assert [a.reviewer for a in result.assigned] == [free]
    assert sorted(r.pk for _, r in result.conflicted) == sorted([lead.pk, partner.pk])
    assert set(ConflictOfInterest.objects.values_list("reviewer_id", "automatic")) == {
        (lead.pk, True),
        (partner.pk, True),
    }
    assert Application.objects.get().status == S.UNDER_REVIEW
    assert [e.new["reviewer"] for e in audit("funding.reviewer.assigned")] == [free.pk]
    assert len(audit("funding.conflict.found")) == 2
    assert [e.old for e in audit("funding.application.under_review")] == [{"status": "eligible"}]
    # Assigning the same people again changes nothing.
    again = services.reviewer_assign(applications=[application], reviewers=[free, lead], actor=actor)
    assert (again.assigned, again.already, len(again.conflicted)) == ([], 1, 1)


def test_a_review_is_drafted_then_submitted_and_only_then_shows_the_others(call):
    first, second = reviewer(), reviewer()
    application = in_review(call, first, second)
    criteria = list(Criterion.objects.filter(call=call))

    draft = services.review_save(application=application, actor=first, scores={criteria[0].pk: ScoreData(5)})
    assert draft.status == ReviewStatus.DRAFT
    with pytest.raises(FundingError) as refused:
        services.review_save(
            application=application, actor=first, scores={criteria[0].pk: ScoreData(5)}, submit=True
        )
    assert refused.value.problems == ["Valitse kokonaissuositus."]
    with pytest.raises(FundingError) as refused:
        services.review_save(
            application=application,
            actor=first,
            scores={criteria[0].pk: ScoreData(6)},
            recommendation=Recommendation.FUND,
            submit=True,
        )
    assert refused.value.code == "invalid"
    services.review_save(
        application=application,
        actor=second,
        scores={criteria[0].pk: ScoreData(3), criteria[1].pk: ScoreData(None, True)},
        recommendation=Recommendation.MAYBE,
        submit=True,
    )
    assert [r.reviewer for r in reviews_visible_to(application=application, user=first)] == [first]
    services.review_save(
        application=application,
        actor=first,
        scores={criteria[0].pk: ScoreData(5)},
        recommendation=Recommendation.FUND,
        comment="Vahva hakemus.",
        submit=True,
    )
    assert {r.reviewer for r in reviews_visible_to(application=application, user=first)} == {first, second}
    [submitted_entry, _] = audit("funding.review.submitted")
    assert (submitted_entry.actor_id, submitted_entry.new["application_version"]) == (second.pk, 2)
    with pytest.raises(FundingError):
        services.review_save(
            application=application, actor=first, scores={}, recommendation=Recommendation.FUND, submit=True
        )


def test_not_applicable_only_where_the_criterion_allows_it(call):
    person = reviewer()
    application = in_review(call, person)
    strict, optional = Criterion.objects.filter(call=call)
    with pytest.raises(FundingError) as refused:
        services.review_save(
            application=application,
            actor=person,
            scores={strict.pk: ScoreData(None, True), optional.pk: ScoreData(None, True)},
            recommendation=Recommendation.FUND,
            submit=True,
        )
    assert refused.value.problems == [f"Kriteeriä ”{strict.name}” ei voi merkitä soveltumattomaksi."]


def test_a_declared_conflict_hides_the_reviews_and_forbids_reviewing(call):
    first, conflicted = reviewer(), reviewer()
    application = in_review(call, first, conflicted)
    services.review_save(
        application=application,
        actor=first,
        scores=full_scores(call),
        recommendation=Recommendation.FUND,
        submit=True,
    )
    services.review_save(application=application, actor=conflicted, scores=full_scores(call, 2))
    services.conflict_declare(application=application, actor=conflicted, reason="Entinen työnantaja")

    assert reviews_visible_to(application=application, user=conflicted) == []
    assert not ReviewAssignment.objects.filter(reviewer=conflicted).exists()
    with pytest.raises(FundingError) as refused:
        services.review_save(application=application, actor=conflicted, scores=full_scores(call))
    assert refused.value.code == "conflict"
    [entry] = audit("funding.conflict.declared")
    assert (entry.actor_id, entry.new["reason"]) == (conflicted.pk, "Entinen työnantaja")


def test_a_reviewer_cannot_review_an_unassigned_application(call):
    assigned, other = reviewer(), reviewer()
    application = in_review(call, assigned)
    with pytest.raises(FundingError) as refused:
        services.review_save(application=application, actor=other, scores=full_scores(call))
    assert refused.value.code == "not_assigned"


def test_more_information_goes_to_the_applicant_and_the_answer_is_a_new_version(call):
    contact = applicant(call, language="sv")
    person = reviewer()
    actor = coordinator()
    application = submitted_application(call, organisation=contact.organisation)
    services.application_version_save(application)
    services.application_check_eligibility(application=application, actor=actor, eligible=True)
    services.reviewer_assign(applications=[application], reviewers=[person], actor=actor)
    services.review_save(
        application=application, actor=person, scores=full_scores(call), recommendation="fund", submit=True
    )

    services.information_request_create(application=application, actor=actor, message="Miten data kerätään?")
    assert Application.objects.get().status == S.INFO_REQUESTED
    [asked] = OutgoingMail.objects.filter(to=contact.email)
    assert (asked.language, "Miten data kerätään?" in asked.body_text) == ("sv", True)

    with pytest.raises(FundingError):
        services.information_request_answer(application=application, actor=contact.user, response="  ")
    services.information_request_answer(
        application=application, actor=contact.user, response="Potilastietojärjestelmästä."
    )
    application.refresh_from_db()
    assert (application.status, application.version) == (S.UNDER_REVIEW, 3)
    assert changes_since(application=application, version=2) == [
        ("answers", [], ["Miten data kerätään?\n→ Potilastietojärjestelmästä."])
    ]
    history = AuditEntry.objects.filter(object_type="funding.application", object_id=str(application.pk))
    assert [e.new["status"] for e in history.order_by("id")] == [
        "eligible",
        "under_review",
        "info_requested",
        "under_review",
    ]
    assert OutgoingMail.objects.filter(to=actor.email).count() == 1


def _to_further_planning(call):
    actor = coordinator()
    maker = decision_maker()
    person = reviewer()
    application = in_review(call, person, actor=actor)
    decision = services.decision_record(application=application, actor=actor, outcome=S.CHOSEN)
    services.decision_confirm(decision=decision, actor=maker)
    services.application_move(application=application, actor=actor, new_status=S.FURTHER_PLANNING)
    application.refresh_from_db()
    return application, actor, maker


def test_a_decision_is_pending_until_the_decision_maker_confirms_it(call):
    application, actor, maker = _to_further_planning(call)
    mails = OutgoingMail.objects.count()
    decision = services.decision_record(
        application=application, actor=actor, outcome=S.FUNDED, granted_amount="48000", note="Hyvä."
    )
    application.refresh_from_db()
    assert (application.status, application.granted_amount, decision.status) == (
        S.FURTHER_PLANNING,
        None,
        DecisionStatus.PENDING,
    )
    with pytest.raises(FundingError) as refused:
        services.decision_record(application=application, actor=actor, outcome=S.NOT_FUNDED)
    assert refused.value.code == "pending"
    with pytest.raises(FundingError) as refused:
        services.decision_confirm(decision=decision, actor=actor)
    assert refused.value.code == "forbidden"

    services.decision_confirm(decision=decision, actor=maker)
    application.refresh_from_db()
    assert (application.status, application.granted_amount) == (S.FUNDED, Decimal("48000.00"))
    [chosen, entry] = audit("funding.decision.confirmed")
    assert (entry.actor_id, entry.old, entry.new["outcome"]) == (maker.pk, {"status": "pending"}, "funded")
    assert chosen.new["outcome"] == "chosen"
    [moved] = audit("funding.application.funded")
    assert (moved.old, moved.new["granted_amount"], moved.new["note"]) == (
        {"status": "further_planning"},
        "48000.00",
        "Hyvä.",
    )
    assert OutgoingMail.objects.count() == mails
    # Confirming twice changes nothing.
    services.decision_confirm(decision=decision, actor=maker)
    assert len(audit("funding.decision.confirmed")) == 2


def test_funded_projects_are_public_only_after_the_announcement(call):
    application, actor, maker = _to_further_planning(call)
    decision = services.decision_record(
        application=application, actor=actor, outcome=S.FUNDED, granted_amount="45000"
    )
    services.decision_confirm(decision=decision, actor=maker)
    assert list(funded_projects_public()) == []
    with pytest.raises(FundingError):
        services.call_announce_decisions(call=call, actor=actor)
    services.call_announce_decisions(call=call, actor=maker)
    assert list(funded_projects_public()) == [application]


def test_a_funding_decision_needs_a_positive_amount(call):
    application, actor, _ = _to_further_planning(call)
    for amount in (None, "0", "-5", "abc"):
        with pytest.raises(FundingError) as refused:
            services.decision_record(
                application=application, actor=actor, outcome=S.FUNDED, granted_amount=amount
            )
        assert refused.value.code == "amount"


def test_reviewers_are_reminded_once_before_the_deadline(call, settings):
    done, late = reviewer(), reviewer()
    call.review_deadline = timezone.now() + timedelta(days=2)
    call.review_reminder_days = 3
    call.save()
    application = in_review(call, done, late)
    services.review_save(
        application=application, actor=done, scores=full_scores(call), recommendation="fund", submit=True
    )
    assert review_send_reminders() == 1
    assert review_send_reminders() == 0
    [mail] = OutgoingMail.objects.filter(template="funding_review_reminder")
    assert mail.to == late.email
    assert len(audit("funding.review.reminded")) == 1


def test_no_reminder_before_the_reminder_window(call):
    person = reviewer()
    call.review_deadline = timezone.now() + timedelta(days=10)
    call.review_reminder_days = 3
    call.save()
    in_review(call, person)
    assert review_send_reminders() == 0


def test_default_criteria_follow_the_call(call):
    other = FundingCallFactory()
    created = services.call_add_default_criteria(call=other, actor=coordinator())
    assert [c.name_en for c in created] == [
        "Effectiveness and its evaluation",
        "Potential for national scaling and deployment",
        "Feasibility and concrete results in 2025–2026",
        "Cooperation between actors",
        "Responsible AI and data quality",
        "Costs in relation to results",
    ]
    assert services.call_add_default_criteria(call=other, actor=coordinator()) == []
