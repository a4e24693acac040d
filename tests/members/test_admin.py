"""Coordinators decide on applications and add contact persons in the admin."""

import pytest
from django.contrib.auth.models import Group

from core.models import AuditEntry
from members.enums import MembershipStatus
from members.models import ContactPerson
from outbox.models import OutgoingMail
from tests.factories import ContactPersonFactory, OrganisationFactory, UserFactory

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
