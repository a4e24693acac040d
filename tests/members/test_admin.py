"""Coordinators decide on applications and add contact persons in the admin."""

import pytest
from django.contrib.auth.models import Group

from core.models import AuditEntry
from members.enums import MembershipStatus
from members.models import ContactPerson, Organisation
from outbox.models import OutgoingMail
from tests.factories import ContactPersonFactory, OrganisationFactory, UserFactory, valid_business_id
from tests.support.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/fi/admin/members/organisation/"


@pytest.fixture
def coordinator(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(user)
    return user


def run_action(client, action: str, organisations) -> None:
    response = client.post(
        CHANGELIST, {"action": action, "_selected_action": [str(o.pk) for o in organisations], "index": "0"}
    )
    assert response.status_code == 302


def test_coordinator_approves_many_at_once(client, coordinator, smtp, django_capture_on_commit_callbacks):
    contacts = [
        ContactPersonFactory(organisation__status=MembershipStatus.PENDING, language=lang)
        for lang in ("fi", "sv", "en")
    ]
    member = OrganisationFactory(status=MembershipStatus.MEMBER)
    with django_capture_on_commit_callbacks(execute=True):
        run_action(client, "approve", [c.organisation for c in contacts] + [member])
    statuses = [ContactPersonFactory._meta.model.objects.get(pk=c.pk).organisation.status for c in contacts]
    assert statuses == [MembershipStatus.MEMBER] * 3
    assert AuditEntry.objects.filter(action="members.organisation.approved", actor=coordinator).count() == 3
    mails = smtp.wait_for(3)
    assert sorted(m.rcpt_tos[0] for m in mails) == sorted(c.email for c in contacts)
    assert sorted(OutgoingMail.objects.values_list("language", flat=True)) == ["en", "fi", "sv"]
    # the member was left alone and the coordinator told why
    member.refresh_from_db()
    assert member.status == MembershipStatus.MEMBER


def test_coordinator_rejects(client, coordinator, smtp, django_capture_on_commit_callbacks):
    contact = ContactPersonFactory(organisation__status=MembershipStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        run_action(client, "reject", [contact.organisation])
    contact.organisation.refresh_from_db()
    assert contact.organisation.status == MembershipStatus.REJECTED
    assert [m.rcpt_tos for m in smtp.wait_for(1)] == [[contact.email]]


def test_coordinator_adds_another_contact_person(
    client, coordinator, smtp, django_capture_on_commit_callbacks
):
    contact = ContactPersonFactory()
    organisation = contact.organisation
    assert client.get(f"/fi/admin/members/organisation/{organisation.pk}/change/").status_code == 200
    assert (
        client.get(f"/fi/admin/members/contactperson/add/?organisation={organisation.pk}").status_code == 200
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/fi/admin/members/contactperson/add/",
            {
                "organisation": str(organisation.pk),
                "first_name": "Karin",
                "last_name": "Lind",
                "title": "Projektledare",
                "email": "karin.lind@example.fi",
                "language": "sv",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    added = ContactPerson.objects.get(email="karin.lind@example.fi")
    assert (added.organisation, added.is_primary, added.language) == (organisation, False, "sv")
    assert AuditEntry.objects.get(action="members.contact_person.added").actor_id == coordinator.pk
    assert [m.rcpt_tos for m in smtp.wait_for(1)] == [["karin.lind@example.fi"]]
    # the same person twice is refused with a message, not a 500
    response = client.post(
        "/fi/admin/members/contactperson/add/",
        {
            "organisation": str(organisation.pk),
            "first_name": "Karin",
            "last_name": "Lind",
            "email": "KARIN.LIND@example.fi",
            "language": "sv",
        },
    )
    assert response.status_code == 200
    assert ContactPerson.objects.filter(organisation=organisation).count() == 2


def test_coordinator_changes_an_organisation(client, coordinator):
    organisation = OrganisationFactory(municipality="Tampere")
    url = f"/fi/admin/members/organisation/{organisation.pk}/change/"
    response = client.post(url, admin_form_data(client.get(url).content.decode(), municipality="Pori"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation.refresh_from_db()
    assert organisation.municipality == "Pori"
    entry = AuditEntry.objects.get(action="members.organisation.updated")
    assert (entry.actor_id, entry.object_id, entry.old, entry.new) == (
        coordinator.pk,
        str(organisation.pk),
        {"municipality": "Tampere"},
        {"municipality": "Pori"},
    )
    # saving again without changes writes nothing more
    client.post(url, admin_form_data(client.get(url).content.decode()))
    assert AuditEntry.objects.filter(object_type="members.organisation").count() == 1


def test_coordinator_adds_an_organisation(client, coordinator):
    url = "/fi/admin/members/organisation/add/"
    data = admin_form_data(
        client.get(url).content.decode(),
        name_fi="Uusi Jäsen Oy",
        business_id=valid_business_id(888_001),
        type="company",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation = Organisation.objects.get(name_fi="Uusi Jäsen Oy")
    entry = AuditEntry.objects.get(action="members.organisation.created")
    assert (entry.actor_id, entry.object_id) == (coordinator.pk, str(organisation.pk))
    assert entry.new["business_id"] == organisation.business_id


def test_coordinator_cannot_delete_organisations(client, coordinator):
    """An organisation leaves through the privacy erasure service, never the admin's delete."""
    organisation = ContactPersonFactory().organisation
    response = client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [organisation.pk], "post": "yes"}
    )
    assert response.status_code == 302
    response = client.post(f"/fi/admin/members/organisation/{organisation.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert not AuditEntry.objects.filter(action="members.organisation.deleted").exists()


def test_coordinator_changes_a_contact_persons_title(client, coordinator):
    contact = ContactPersonFactory(title="Suunnittelija")
    url = f"/fi/admin/members/contactperson/{contact.pk}/change/"
    response = client.post(url, admin_form_data(client.get(url).content.decode(), title="Johtaja"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    contact.refresh_from_db()
    assert contact.title == "Johtaja"
    entry = AuditEntry.objects.get(action="members.contact_person.updated")
    assert (entry.actor_id, entry.object_id, entry.old, entry.new) == (
        coordinator.pk,
        str(contact.pk),
        {"title": "Suunnittelija"},
        {"title": "Johtaja"},
    )


@pytest.mark.parametrize(("lang", "label"), [("fi", "Nimike"), ("sv", "Titel")])
def test_a_contact_persons_job_title_is_called_a_job_title(client, coordinator, lang, label):
    """Not "OTSIKKO" (the title of a text) in the coordinators' list of contact persons."""
    ContactPersonFactory()
    html = client.get(f"/{lang}/admin/members/contactperson/").content.decode()
    header = html.split('class="sortable column-title')[1].split("</a>")[0]
    assert header.rsplit(">", 1)[1] == label
