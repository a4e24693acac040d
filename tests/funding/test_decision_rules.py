"""Decisions obey the call: granted ≤ requested and ≤ the call's maximum share of the eligible costs, at
recording, at confirmation and before any letter; and one share, one rounding rule, everywhere."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from core.models import AuditEntry
from funding.enums import ApplicationStatus, BudgetCategory, DecisionStatus
from funding.formatting import share_percent
from funding.models import BudgetLine, Decision, FundingCall
from funding.services import FundingError, letters
from funding.services import review as services
from outbox.models import OutgoingMail
from tests.factories import UserFactory
from tests.funding.factories import ApplicationFactory, FundingCallFactory, applicant
from tests.funding.review_factories import coordinator, decision_maker

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def planning(requested="75000.00", costs=("150000.00",), **call_values):
    """An application in further planning: the observation's 75 000 € requested of 150 000 € costs."""
    call = FundingCallFactory(**call_values)
    contact = applicant(call, language="sv")
    application = ApplicationFactory(
        call=call,
        organisation=contact.organisation,
        status=S.FURTHER_PLANNING,
        requested_amount=Decimal(requested),
        budget=[],
        language="sv",
        submitted_by=contact.user,
    )
    for i, amount in enumerate(costs):
        BudgetLine.objects.create(
            application=application,
            order=i,
            category=BudgetCategory.EXTERNAL_SERVICES,
            year=2025,
            amount=Decimal(amount),
        )
    return application


def test_the_admin_refuses_a_grant_above_the_request_with_a_translated_message():
    application = planning()
    client = Client()
    client.force_login(coordinator())
    response = client.post(
        f"/sv/admin/funding/application/{application.pk}/decision/",
        {"outcome": "funded", "granted_amount": "80 000,00", "note": ""},
    )
    assert response.status_code == 200
    html = response.content.decode().replace("\xa0", " ")
    assert "Det beviljade beloppet, 80 000,00 €, är större än de 75 000,00 € som sökanden ansökte om." in html
    assert Decision.objects.count() == 0


def test_a_grant_above_the_calls_maximum_share_is_refused_at_recording():
    application = planning(requested="75000.00", costs=("120000.00",), max_share=Decimal("50.00"))
    with pytest.raises(FundingError) as refused:
        services.decision_record(
            application=application, actor=coordinator(), outcome=S.FUNDED, granted_amount="60000.01"
        )
    assert refused.value.code == "grant_rules"
    assert refused.value.message == (
        "Myönnetty summa, 60\xa0000,01\xa0€, on 50,00\xa0% tukikelpoisista kustannuksista "
        "(120\xa0000,00\xa0€). Haku rahoittaa enintään 50,00\xa0%: myönnä enintään 60\xa0000,00\xa0€."
    )
    assert Decision.objects.count() == 0
    assert AuditEntry.objects.filter(action="funding.decision.recorded").count() == 0
    # Exactly the maximum share is allowed.
    services.decision_record(
        application=application, actor=coordinator(), outcome=S.FUNDED, granted_amount="60000.00"
    )


def test_confirmation_checks_the_rules_again():
    application = planning()
    decision = services.decision_record(
        application=application, actor=coordinator(), outcome=S.FUNDED, granted_amount="75000"
    )
    # The call's maximum share was lowered while the decision waited.
    FundingCall.objects.filter(pk=application.call_id).update(max_share=Decimal("40.00"))
    with pytest.raises(FundingError) as refused:
        services.decision_confirm(decision=decision, actor=decision_maker())
    assert refused.value.code == "grant_rules"
    decision.refresh_from_db()
    application.refresh_from_db()
    assert (decision.status, application.status, application.granted_amount) == (
        DecisionStatus.PENDING,
        S.FURTHER_PLANNING,
        None,
    )
    assert AuditEntry.objects.filter(action="funding.decision.confirmed").count() == 0


def test_no_letter_is_produced_for_a_decision_that_breaks_the_call():
    # As a decision released before these checks existed left it.
    application = planning()
    application.status = S.FUNDED
    application.granted_amount = Decimal("80000.00")
    application.save()
    Decision.objects.create(
        application=application,
        outcome=S.FUNDED,
        granted_amount=Decimal("80000.00"),
        status=DecisionStatus.CONFIRMED,
        confirmed_by=UserFactory(),
    )
    decision = letters.decision_for_letter(application)
    with pytest.raises(FundingError):
        letters.decision_letter_pdf(application, decision)
    sender = coordinator()
    assert letters.decision_letters_send(applications=[application], actor=sender) == 0
    assert OutgoingMail.objects.count() == 0
    client = Client()
    client.force_login(sender)
    response = client.get(f"/en/admin/funding/application/{application.pk}/decision-letter/")
    assert response.status_code == 302


def test_one_share_with_one_rounding_rule_in_receipt_letter_and_project():
    """617,43 / 2 000,30 = 30,866… %: 30,87 % everywhere (half up), never 30,86 %."""
    from projects.services import grant_share

    assert share_percent(Decimal("617.43"), Decimal("2000.30")) == Decimal("30.87")
    assert grant_share(granted=Decimal("617.43"), total=Decimal("2000.30")) == Decimal("30.87")
    application = planning(requested="617.43", costs=("2000.30",))
    decision = services.decision_record(
        application=application, actor=coordinator(), outcome=S.FUNDED, granted_amount="617.43"
    )
    context = letters.letter_context(application, decision, language="sv")
    assert context["granted_share"] == "30,87\xa0%"
