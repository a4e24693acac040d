import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from core.models import AuditEntry
from core.states import can_transition
from network import services
from network.enums import ALLOWED_TRANSITIONS, ImplementationStatus, Stage, UseCase
from network.models import Implementation
from tests.network.factories import ImplementationFactory

pytestmark = pytest.mark.django_db

FIELDS = {
    "title_fi": "Hoitajakuiskaaja kotihoidossa",
    "title_sv": "Vårdviskare inom hemvården",
    "region": None,
    "use_case": UseCase.NURSE_WHISPERER,
    "stage": Stage.PILOT,
    "description_fi": "Kuvaus.",
    "start_year": 2025,
    "end_year": 2026,
}


def audit_entries(implementation):
    return list(
        AuditEntry.objects.filter(object_type="network.implementation", object_id=str(implementation.pk))
        .order_by("id")
        .values_list("action", "actor_id", "old", "new")
    )


def test_transitions_are_exactly_the_allowed_ones():
    statuses = list(ImplementationStatus.values)
    allowed = {
        (old, new) for old in statuses for new in statuses if can_transition(ALLOWED_TRANSITIONS, old, new)
    }
    assert allowed == {
        ("draft", "submitted"),
        ("submitted", "published"),
        ("submitted", "draft"),
        ("published", "submitted"),
        ("published", "draft"),
    }
    assert set(ALLOWED_TRANSITIONS) == set(statuses)


def test_a_contact_person_creates_a_draft_with_an_audit_entry(contact, organisation, other_organisation):
    implementation = services.implementation_create(
        actor=contact, owner=organisation, fields=FIELDS, organisations=[other_organisation]
    )
    implementation.refresh_from_db()
    assert implementation.status == ImplementationStatus.DRAFT
    assert implementation.created_by == contact
    assert implementation.title_sv == "Vårdviskare inom hemvården"
    assert list(implementation.organisations.all()) == [other_organisation]
    assert audit_entries(implementation) == [
        (
            "network.implementation.create",
            contact.pk,
            {},
            {
                "status": "draft",
                "title": "Hoitajakuiskaaja kotihoidossa",
                "owner": organisation.pk,
                "use_case": "nurse_whisperer",
                "stage": "pilot",
                "region": None,
            },
        )
    ]


def test_nobody_creates_records_for_another_organisation(other_contact, organisation):
    with pytest.raises(PermissionDenied):
        services.implementation_create(actor=other_contact, owner=organisation, fields=FIELDS)
    assert Implementation.objects.filter(owner=organisation).count() == 0


def test_the_end_year_cannot_precede_the_start_year(contact, organisation):
    with pytest.raises(ValidationError) as excinfo:
        services.implementation_create(
            actor=contact, owner=organisation, fields={**FIELDS, "start_year": 2026, "end_year": 2024}
        )
    assert list(excinfo.value.message_dict) == ["end_year"]


def test_submit_then_publish(contact, coordinator, organisation):
    implementation = ImplementationFactory(
        owner=organisation, status=ImplementationStatus.DRAFT, published_at=None
    )
    services.implementation_submit(actor=contact, implementation=implementation)
    implementation.refresh_from_db()
    assert implementation.status == ImplementationStatus.SUBMITTED
    assert implementation.submitted_at is not None

    services.implementation_publish(actor=coordinator, implementation=implementation)
    implementation.refresh_from_db()
    assert implementation.status == ImplementationStatus.PUBLISHED
    assert implementation.published_at is not None
    assert audit_entries(implementation) == [
        ("network.implementation.submit", contact.pk, {"status": "draft"}, {"status": "submitted"}),
        ("network.implementation.publish", coordinator.pk, {"status": "submitted"}, {"status": "published"}),
    ]


def test_a_draft_cannot_be_published_directly(coordinator):
    implementation = ImplementationFactory(status=ImplementationStatus.DRAFT, published_at=None)
    with translation.override("en"), pytest.raises(services.ImplementationTransitionError) as excinfo:
        services.implementation_publish(actor=coordinator, implementation=implementation)
    assert excinfo.value.message == f"“{implementation.title}” cannot change from “Draft” to “Published”."
    implementation.refresh_from_db()
    assert implementation.status == ImplementationStatus.DRAFT
    assert audit_entries(implementation) == []


def test_members_and_the_steering_group_cannot_publish(contact, steering_member, organisation):
    implementation = ImplementationFactory(owner=organisation, status=ImplementationStatus.SUBMITTED)
    for actor in (contact, steering_member):
        with pytest.raises(PermissionDenied):
            services.implementation_publish(actor=actor, implementation=implementation)
    implementation.refresh_from_db()
    assert implementation.status == ImplementationStatus.SUBMITTED


def test_another_organisation_cannot_submit(other_contact, organisation):
    implementation = ImplementationFactory(owner=organisation, status=ImplementationStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        services.implementation_submit(actor=other_contact, implementation=implementation)


def test_a_submitted_record_is_returned_and_a_published_one_unpublished(coordinator):
    submitted = ImplementationFactory(status=ImplementationStatus.SUBMITTED)
    published = ImplementationFactory(status=ImplementationStatus.PUBLISHED)
    services.implementation_return(actor=coordinator, implementation=submitted)
    services.implementation_unpublish(actor=coordinator, implementation=published)
    submitted.refresh_from_db()
    published.refresh_from_db()
    assert (submitted.status, published.status) == ("draft", "draft")
    assert audit_entries(published) == [
        ("network.implementation.unpublish", coordinator.pk, {"status": "published"}, {"status": "draft"})
    ]
    with pytest.raises(services.ImplementationTransitionError):
        services.implementation_unpublish(actor=coordinator, implementation=submitted)
    with pytest.raises(services.ImplementationTransitionError):
        services.implementation_return(actor=coordinator, implementation=published)


def test_a_member_changing_a_published_record_sends_it_back_to_review(contact, organisation):
    implementation = ImplementationFactory(owner=organisation, status=ImplementationStatus.PUBLISHED)
    services.implementation_update(
        actor=contact, implementation=implementation, fields={"title_fi": "Uusi otsikko"}
    )
    implementation.refresh_from_db()
    assert (implementation.status, implementation.title_fi) == ("submitted", "Uusi otsikko")
    [(action, actor_id, old, new)] = audit_entries(implementation)
    assert (action, actor_id, old["status"], new["status"], new["title"]) == (
        "network.implementation.update",
        contact.pk,
        "published",
        "submitted",
        "Uusi otsikko",
    )


def test_a_coordinator_corrects_a_published_record_without_unpublishing(coordinator):
    implementation = ImplementationFactory(status=ImplementationStatus.PUBLISHED)
    services.implementation_update(
        actor=coordinator, implementation=implementation, fields={"stage": "scaled"}
    )
    implementation.refresh_from_db()
    assert (implementation.status, implementation.stage) == ("published", "scaled")


def test_update_refuses_fields_members_do_not_set(contact, organisation):
    implementation = ImplementationFactory(owner=organisation, status=ImplementationStatus.DRAFT)
    with pytest.raises(ValueError):
        services.implementation_update(
            actor=contact, implementation=implementation, fields={"status": "published"}
        )


def test_notices_must_expire_after_publication(coordinator):
    now = timezone.now()
    with pytest.raises(ValidationError) as excinfo:
        services.notice_create(
            actor=coordinator,
            fields={"title_fi": "Ilmoitus", "body_fi": "Teksti", "publish_at": now, "expires_at": now},
        )
    assert list(excinfo.value.message_dict) == ["expires_at"]
    notice = services.notice_create(
        actor=coordinator, fields={"title_fi": "Ilmoitus", "body_fi": "Teksti", "publish_at": now}
    )
    assert list(
        AuditEntry.objects.filter(object_type="network.notice", object_id=str(notice.pk)).values_list(
            "action", "actor_id"
        )
    ) == [("network.notice.create", coordinator.pk)]
