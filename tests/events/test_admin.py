"""Coordinators change events in the admin; the change goes through the events services."""

import pytest
from django.contrib.auth.models import Group

from core.models import AuditEntry
from events.enums import RegistrationStatus
from events.models import Event
from outbox.models import OutgoingMail
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory
from tests.support.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(user)
    return user


def change(client, event, **changes):
    url = f"/en/admin/events/event/{event.pk}/change/"
    data = admin_form_data(client.get(url).content.decode(), **changes)
    response = client.post(url, data, follow=True)
    assert response.redirect_chain, response.context["adminform"].form.errors
    return response


def test_raising_the_capacity_moves_the_waiting_list_up(client, coordinator, mail_after_commit):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    first, second, third = (
        RegistrationFactory(event=event, status=RegistrationStatus.WAITING) for _ in "123"
    )
    with mail_after_commit():
        response = change(client, event, capacity="3")
    assert "2 people moved up from the waiting list" in response.content.decode()
    statuses = [r.status for r in Event.objects.get(pk=event.pk).registrations.order_by("created_at", "id")]
    assert statuses.count(RegistrationStatus.REGISTERED) == 3
    for registration in (first, second, third):
        registration.refresh_from_db()
    assert [first.status, second.status, third.status] == [
        RegistrationStatus.REGISTERED,
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITING,
    ]
    updated = AuditEntry.objects.get(action="events.event.updated", object_id=str(event.pk))
    assert (updated.actor_id, updated.old, updated.new) == (coordinator.pk, {"capacity": 1}, {"capacity": 3})
    filled = AuditEntry.objects.get(action="events.event.waiting_list_filled", object_id=str(event.pk))
    assert filled.actor_id == coordinator.pk
    assert sorted(filled.new["promoted"]) == sorted([first.pk, second.pk])
    assert AuditEntry.objects.filter(action="events.registration.promoted", actor=coordinator).count() == 2
    assert sorted(OutgoingMail.objects.values_list("to", flat=True)) == sorted([first.email, second.email])


def test_a_change_elsewhere_leaves_the_waiting_list_alone(client, coordinator):
    event = EventFactory(capacity=1, place_fi="Tampere")
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    change(client, event, place_fi="Helsinki")
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITING
    updated = AuditEntry.objects.get(action="events.event.updated")
    assert (updated.actor_id, updated.old, updated.new) == (
        coordinator.pk,
        {"place_fi": "Tampere"},
        {"place_fi": "Helsinki"},
    )
    assert not AuditEntry.objects.filter(action="events.event.waiting_list_filled").exists()


def test_saving_without_changes_writes_nothing(client, coordinator):
    event = EventFactory(capacity=5)
    change(client, event)
    assert not AuditEntry.objects.filter(object_type="events.event").exists()


def test_a_new_event_is_audited(client, coordinator):
    url = "/en/admin/events/event/add/"
    data = admin_form_data(
        client.get(url).content.decode(),
        title_fi="AI-aamu: kirjaaminen",
        slug="ai-aamu-kirjaaminen",
        type="ai_morning",
        format="online",
        language="fi",
        starts_at_0="2030-05-06",
        starts_at_1="09:00:00",
        ends_at_0="2030-05-06",
        ends_at_1="10:00:00",
        capacity="40",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="ai-aamu-kirjaaminen")
    created = AuditEntry.objects.get(action="events.event.created")
    assert (created.actor_id, created.object_id) == (coordinator.pk, str(event.pk))
    assert created.new["capacity"] == 40 and created.new["title"] == "AI-aamu: kirjaaminen"


def test_deleting_events_is_audited_and_refused_while_they_have_registrations(client, coordinator):
    event, other = EventFactory(), EventFactory()
    RegistrationFactory(event=event)
    # Deleting the event would delete its registrations, which only their services remove.
    response = client.post(f"/en/admin/events/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    response = client.post(
        "/en/admin/events/event/",
        {"action": "delete_selected", "_selected_action": [other.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert list(Event.objects.all()) == [event]
    entries = AuditEntry.objects.filter(action="events.event.deleted").order_by("object_id")
    assert [(e.actor_id, e.object_id, e.old["registrations"]) for e in entries] == [
        (coordinator.pk, str(other.pk), 0),
    ]


def test_registrations_cannot_be_deleted_in_the_admin(client, coordinator):
    """A registration is cancelled (its place goes on to the waiting list) or erased, never deleted."""
    registered = RegistrationFactory(event=EventFactory(capacity=1))
    response = client.post(
        "/en/admin/events/registration/",
        {"action": "delete_selected", "_selected_action": [registered.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert client.post(f"/en/admin/events/registration/{registered.pk}/delete/").status_code == 403
    registered.refresh_from_db()
    assert registered.status == RegistrationStatus.REGISTERED


def test_speakers_are_edited_inline_on_the_events_own_page(client, coordinator):
    from events.models import Speaker
    from tests.events.factories import ProgrammeItemFactory, SpeakerFactory

    event = EventFactory()
    item = ProgrammeItemFactory(event=event, title_fi="Avaus")
    SpeakerFactory(item=item, name="Jukka Lähesmaa")
    url = f"/en/admin/events/event/{event.pk}/change/"
    html = client.get(url).content.decode()
    data = admin_form_data(html)
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and "speakers" in k).removesuffix(
        "TOTAL_FORMS"
    )
    first = f"{prefix}0-name"
    assert data[first] == "Jukka Lähesmaa"
    data[first] = "Jukka Lähesmaa (STM)"
    data[f"{prefix}TOTAL_FORMS"] = "2"
    data.update(
        {f"{prefix}1-name": "Maija Meikäläinen", f"{prefix}1-order": "1", f"{prefix}1-title_fi": "ylilääkäri"}
    )
    response = client.post(url, data, follow=True)
    assert response.redirect_chain, response.context["errors"]
    assert list(Speaker.objects.filter(item=item).values_list("name", "title_fi")) == [
        ("Jukka Lähesmaa (STM)", "asiantuntija"),
        ("Maija Meikäläinen", "ylilääkäri"),
    ]
