"""A call's evaluation criteria are copied from another call or from the default template (the 2024
criteria), as the application form is; refused once reviews of the call have begun."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from core.models import AuditEntry
from funding.models import Criterion
from funding.services import FundingError
from funding.services import review as review_services
from funding.services.criteria import DEFAULT_CRITERIA, call_criteria_copy
from funding.services.review import ScoreData
from tests.funding.factories import FundingCallFactory
from tests.funding.review_factories import CriterionFactory, coordinator, reviewer, submitted_application

pytestmark = pytest.mark.django_db


def names(call):
    return list(
        Criterion.objects.filter(call=call).order_by("order").values_list("name_fi", "name_sv", "name_en")
    )


def test_the_default_template_gives_a_call_the_2024_criteria_in_every_language():
    call = FundingCallFactory()
    CriterionFactory(call=call, name="Vanha", name_fi="Vanha", name_en="Criterion 0")
    actor = coordinator()
    with translation.override("en"):
        created = call_criteria_copy(call=call, source=None, actor=actor)
    assert names(call) == [(fi, sv, en) for fi, sv, en, _weight in DEFAULT_CRITERIA]
    assert [c.weight for c in Criterion.objects.filter(call=call)] == [w for *_names, w in DEFAULT_CRITERIA]
    assert [c.order for c in created] == [0, 1, 2, 3, 4, 5]
    with translation.override("sv"):
        assert str(Criterion.objects.filter(call=call).first()) == "Effekter och utvärderingen av dem"
    entry = AuditEntry.objects.get(action="funding.call.criteria_copied")
    assert entry.new["source"] == "default"
    assert [c["name"] for c in entry.old["criteria"]] == ["Criterion 0"]


def test_a_call_copies_another_calls_criteria_with_their_weights_scales_and_texts():
    source, call = FundingCallFactory(), FundingCallFactory()
    CriterionFactory(
        call=source,
        order=2,
        name="Hyöty",
        name_fi="Hyöty",
        name_sv="Nytta",
        name_en="Benefit",
        description_fi="Kuvaus",
        description_en="Description",
        score_meanings_fi="heikko\nhyvä",
        scale_min=0,
        scale_max=10,
        weight=Decimal("2.5"),
        required=False,
        allow_not_applicable=True,
    )
    CriterionFactory(
        call=source, order=1, name="Laatu", name_fi="Laatu", name_sv="Kvalitet", name_en="Quality"
    )
    call_criteria_copy(call=call, source=source, actor=coordinator())
    assert names(call) == [("Laatu", "Kvalitet", "Quality"), ("Hyöty", "Nytta", "Benefit")]
    copied = Criterion.objects.get(call=call, name_fi="Hyöty")
    assert (
        copied.description_fi,
        copied.description_en,
        copied.score_meanings_fi,
        copied.scale_min,
        copied.scale_max,
        copied.weight,
        copied.required,
        copied.allow_not_applicable,
    ) == ("Kuvaus", "Description", "heikko\nhyvä", 0, 10, Decimal("2.5"), False, True)
    assert Criterion.objects.filter(call=source).count() == 2
    assert AuditEntry.objects.get(action="funding.call.criteria_copied").new["source"] == source.pk


def test_the_copy_is_refused_once_a_review_exists_even_a_draft():
    call = FundingCallFactory()
    criterion = CriterionFactory(call=call)
    actor, person = coordinator(), reviewer()
    application = submitted_application(call)
    review_services.application_check_eligibility(application=application, actor=actor, eligible=True)
    review_services.reviewer_assign(applications=[application], reviewers=[person], actor=actor)
    review_services.review_save(
        application=application,
        actor=person,
        scores={criterion.pk: ScoreData(4)},
        recommendation="",
        submit=False,
    )
    with pytest.raises(FundingError) as refused:
        call_criteria_copy(call=call, source=None, actor=actor)
    assert refused.value.code == "criteria_frozen"
    assert list(Criterion.objects.filter(call=call)) == [criterion]
    assert not AuditEntry.objects.filter(action="funding.call.criteria_copied").exists()


def test_only_a_coordinator_copies_and_an_empty_source_is_refused():
    call, empty = FundingCallFactory(), FundingCallFactory()
    with pytest.raises(FundingError) as refused:
        call_criteria_copy(call=call, source=None, actor=reviewer())
    assert refused.value.code == "forbidden"
    with pytest.raises(FundingError) as refused:
        call_criteria_copy(call=call, source=empty, actor=coordinator())
    assert refused.value.code == "invalid"
    assert not Criterion.objects.filter(call=call).exists()


def test_a_coordinator_copies_criteria_from_the_calls_button_and_the_list_action(client):
    source = FundingCallFactory(title="Lähdehaku", title_fi="Lähdehaku")
    CriterionFactory(call=source, name="Hyöty", name_fi="Hyöty", name_sv="Nytta", name_en="Benefit")
    call = FundingCallFactory()
    client.force_login(coordinator())
    change = client.get(f"/fi/admin/funding/fundingcall/{call.pk}/change/").content.decode()
    url = f"/fi/admin/funding/fundingcall/{call.pk}/criteria/copy/"
    assert f'href="{url}"' in change

    page = client.get(url).content.decode()
    assert "Oletusarviointiperusteet (vuoden 2024 haun perusteet)" in page
    assert "Lähdehaku" in page
    response = client.post(url, {"source": str(source.pk)})
    assert response.status_code == 302
    assert names(call) == [("Hyöty", "Nytta", "Benefit")]

    action = client.post(
        "/fi/admin/funding/fundingcall/",
        {"action": "copy_criteria", "_selected_action": [str(call.pk)]},
    )
    assert action.status_code == 302
    assert action["Location"] == url
    assert client.post(url, {"source": "default"}).status_code == 302
    assert len(names(call)) == len(DEFAULT_CRITERIA)


def test_the_copy_page_says_why_once_reviews_have_begun(client):
    call = FundingCallFactory()
    criterion = CriterionFactory(call=call)
    actor, person = coordinator(), reviewer()
    application = submitted_application(call)
    review_services.application_check_eligibility(application=application, actor=actor, eligible=True)
    review_services.reviewer_assign(applications=[application], reviewers=[person], actor=actor)
    review_services.review_save(
        application=application,
        actor=person,
        scores={criterion.pk: ScoreData(4)},
        recommendation="",
        submit=False,
    )
    client.force_login(actor)
    url = f"/fi/admin/funding/fundingcall/{call.pk}/criteria/copy/"
    assert "arviointi on jo alkanut" in client.get(url).content.decode()
    response = client.post(url, {"source": "default"})
    assert response.status_code == 200
    assert list(Criterion.objects.filter(call=call)) == [criterion]
    client.force_login(person)
    assert client.get(url).status_code == 403
