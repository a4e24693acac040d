"""The evaluation criteria freeze when the first review of the call is submitted."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.models import AuditEntry
from funding.models import Criterion
from funding.services import FundingError
from funding.services import review as services
from funding.services.review import ScoreData
from tests.funding.factories import FundingCallFactory
from tests.funding.review_factories import CriterionFactory, coordinator, reviewer, submitted_application
from tests.support.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


def reviewed(call, *, submit=True):
    actor, person = coordinator(), reviewer()
    application = submitted_application(call)
    services.application_check_eligibility(application=application, actor=actor, eligible=True)
    services.reviewer_assign(applications=[application], reviewers=[person], actor=actor)
    services.review_save(
        application=application,
        actor=person,
        scores={c.pk: ScoreData(4) for c in call.criteria.all()},
        recommendation="fund",
        submit=submit,
    )


def change_weight(client, call, criterion, weight: str):
    url = f"/fi/admin/funding/fundingcall/{call.pk}/change/"
    data = admin_form_data(client.get(url).content.decode())
    index = next(k.split("-")[1] for k, v in data.items() if k.endswith("-id") and v == str(criterion.pk))
    prefix = next(k for k in data if k.endswith("-id") and data[k] == str(criterion.pk))[: -len("-id")]
    assert index
    data[f"{prefix}-weight"] = weight
    return client.post(url, data)


def test_weights_change_until_the_first_review_is_submitted_then_are_refused_in_the_admin(client):
    call = FundingCallFactory()
    criterion = CriterionFactory(call=call, weight=Decimal("2"))
    reviewed(call, submit=False)  # a draft review does not freeze them
    client.force_login(coordinator())
    assert change_weight(client, call, criterion, "3").status_code == 302
    criterion.refresh_from_db()
    assert criterion.weight == Decimal("3")
    entry = AuditEntry.objects.get(action="funding.call.criteria_changed")
    weights = (entry.old[str(criterion.pk)]["weight"], entry.new[str(criterion.pk)]["weight"])
    assert tuple(Decimal(w) for w in weights) == (Decimal("2"), Decimal("3"))

    reviewed(call)
    response = change_weight(client, call, criterion, "5")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Arviointiperusteet ja niiden painot on lukittu" in html
    criterion.refresh_from_db()
    assert criterion.weight == Decimal("3")
    assert AuditEntry.objects.filter(action="funding.call.criteria_changed").count() == 1


def test_the_service_refuses_changes_to_frozen_criteria():
    call = FundingCallFactory()
    criterion = CriterionFactory(call=call)
    reviewed(call)
    criterion.weight = Decimal("9")
    with pytest.raises(FundingError) as refused:
        services.call_criteria_change(call=call, actor=coordinator(), saved=[criterion])
    assert refused.value.code == "criteria_frozen"
    with pytest.raises(FundingError):
        services.call_criteria_change(call=call, actor=coordinator(), deleted=[criterion])
    assert Criterion.objects.get(pk=criterion.pk).weight == Decimal("1")
