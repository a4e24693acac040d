"""Coordinators change AI implementations and notices in the admin; the changes go through the
network services and leave one audit entry each."""

import pytest

from core.models import AuditEntry
from network.enums import ImplementationStatus
from network.models import Implementation, Notice
from tests.network.factories import ImplementationFactory, NoticeFactory
from tests.support.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def post(client, url, **changes):
    data = admin_form_data(client.get(url).content.decode(), **changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_a_coordinator_changes_an_implementation(
    coordinator_client, coordinator, organisation, other_organisation
):
    implementation = ImplementationFactory(title_fi="Hoitajakuiskaaja", owner=organisation)
    post(
        coordinator_client,
        f"/fi/admin/network/implementation/{implementation.pk}/change/",
        title_fi="Hoitajan kuiskaaja",
        organisations=[str(other_organisation.pk)],
    )
    implementation.refresh_from_db()
    assert implementation.title_fi == "Hoitajan kuiskaaja"
    assert list(implementation.organisations.all()) == [other_organisation]
    assert implementation.status == ImplementationStatus.PUBLISHED
    entry = AuditEntry.objects.get(action="network.implementation.admin_change")
    assert (entry.actor_id, entry.object_id, entry.old, entry.new) == (
        coordinator.pk,
        str(implementation.pk),
        {"title_fi": "Hoitajakuiskaaja", "organisations": []},
        {"title_fi": "Hoitajan kuiskaaja", "organisations": [other_organisation.pk]},
    )


def test_saving_an_unchanged_implementation_writes_nothing(coordinator_client, organisation):
    implementation = ImplementationFactory(owner=organisation)
    post(coordinator_client, f"/fi/admin/network/implementation/{implementation.pk}/change/")
    assert not AuditEntry.objects.filter(object_type="network.implementation").exists()


def test_a_coordinator_adds_an_implementation(coordinator_client, coordinator, organisation):
    post(
        coordinator_client,
        "/fi/admin/network/implementation/add/",
        title_fi="Puheentunnistus",
        owner=str(organisation.pk),
        use_case="nurse_whisperer",
        stage="pilot",
        description_fi="Kuvaus.",
        start_year="2025",
    )
    implementation = Implementation.objects.get(title_fi="Puheentunnistus")
    assert implementation.created_by == coordinator
    entry = AuditEntry.objects.get(action="network.implementation.admin_create")
    assert (entry.actor_id, entry.object_id) == (coordinator.pk, str(implementation.pk))
    assert entry.new["title"] == "Puheentunnistus" and entry.new["owner"] == organisation.pk


def test_a_coordinator_adds_and_changes_a_notice(coordinator_client, coordinator):
    post(
        coordinator_client,
        "/fi/admin/network/notice/add/",
        title_fi="Haku avautuu",
        body_fi="Rahoitushaku avautuu.",
        publish_at_0="2030-01-02",
        publish_at_1="08:00:00",
    )
    notice = Notice.objects.get(title_fi="Haku avautuu")
    assert notice.created_by == coordinator
    created = AuditEntry.objects.get(action="network.notice.create")
    assert (created.actor_id, created.object_id, created.new["title"]) == (
        coordinator.pk,
        str(notice.pk),
        "Haku avautuu",
    )

    post(coordinator_client, f"/fi/admin/network/notice/{notice.pk}/change/", title_fi="Haku on auki")
    updated = AuditEntry.objects.get(action="network.notice.update")
    assert updated.actor_id == coordinator.pk
    assert (updated.old["title"], updated.new["title"]) == ("Haku avautuu", "Haku on auki")
    assert Notice.objects.get().title_fi == "Haku on auki"


def test_an_existing_notice_is_changed_in_place(coordinator_client):
    notice = NoticeFactory(title_fi="Vanha otsikko")
    post(coordinator_client, f"/fi/admin/network/notice/{notice.pk}/change/", title_fi="Uusi otsikko")
    assert list(Notice.objects.values_list("pk", "title_fi")) == [(notice.pk, "Uusi otsikko")]


def test_deleting_implementations_and_notices_is_audited(coordinator_client, coordinator, organisation):
    implementation = ImplementationFactory(title_fi="Poistettava", owner=organisation)
    notices = [NoticeFactory(title_fi="Ensimmäinen"), NoticeFactory(title_fi="Toinen")]
    response = coordinator_client.post(
        f"/fi/admin/network/implementation/{implementation.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    response = coordinator_client.post(
        "/fi/admin/network/notice/",
        {"action": "delete_selected", "_selected_action": [n.pk for n in notices], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Implementation.objects.exists() and not Notice.objects.exists()
    deleted = AuditEntry.objects.get(action="network.implementation.delete")
    assert (deleted.actor_id, deleted.object_id, deleted.old["title"]) == (
        coordinator.pk,
        str(implementation.pk),
        "Poistettava",
    )
    assert sorted(
        AuditEntry.objects.filter(action="network.notice.delete", actor=coordinator).values_list(
            "old__title", flat=True
        )
    ) == ["Ensimmäinen", "Toinen"]
