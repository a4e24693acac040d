"""No orphaned members (issue 20): erasing the last contact of a member warns the person, tells the
coordinators and shows the organisation under "Members without a contact"; erased names leave stored
mail; a resigned member's AI implementations leave the public site."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from core.groups import COORDINATORS
from core.models import AuditEntry
from members import services as member_services
from members.enums import MembershipStatus
from network.enums import ImplementationStatus
from outbox.models import OutgoingMail
from tests.factories import ContactPersonFactory, UserFactory
from tests.network.factories import ImplementationFactory

pytestmark = pytest.mark.django_db
EMAIL = "ainoa.yhteyshenkilo@example.fi"


def test_erasing_the_last_contact_of_a_member_warns_and_tells_the_coordinators(client, recently_signed_in):
    coordinator = UserFactory(is_staff=True, email="koordinaattori@example.fi", language="sv")
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    only = ContactPersonFactory(
        user__email=EMAIL, organisation__name="Yksinäinen Oy", organisation__name_fi="Yksinäinen Oy"
    )
    shared = ContactPersonFactory(
        user=only.user, organisation__name="Jaettu Oy", organisation__name_fi="Jaettu Oy"
    )
    ContactPersonFactory(organisation=shared.organisation, is_primary=False)
    organisation = only.organisation
    person = recently_signed_in(only.user)

    page = person.get("/fi/my-data/erase/").content.decode()
    assert "Olet näiden jäsenorganisaatioiden ainoa yhteyshenkilö:" in page
    assert "<li>Yksinäinen Oy</li>" in page
    assert "<li>Jaettu Oy</li>" not in page

    assert person.post("/fi/my-data/erase/", {"confirm": "on"}).status_code == 302

    organisation.refresh_from_db()
    assert (organisation.status, organisation.contact_persons.count()) == (MembershipStatus.MEMBER, 0)
    told = OutgoingMail.objects.get(template="members_contact_lost")
    assert (told.to, told.language) == ("koordinaattori@example.fi", "sv")
    assert told.subject == "En medlem saknar kontaktperson: Yksinäinen Oy"
    assert f"/sv/admin/members/organisation/{organisation.pk}/change/" in told.body_text
    assert only.user.last_name not in told.body_text
    entry = AuditEntry.objects.get(action="members.organisation.contact_lost")
    assert entry.object_id == str(organisation.pk)
    # The coordinators find it in the admin.
    client.force_login(coordinator)
    listed = client.get("/fi/admin/members/organisation/?contact=none&q=Oy").content.decode()
    assert "Yksinäinen Oy" in listed and "Jaettu Oy" not in listed


def test_erasure_removes_the_persons_name_from_mail_sent_to_others(
    recently_signed_in, django_capture_on_commit_callbacks
):
    inviter = ContactPersonFactory(user__first_name="Maija", user__last_name="Mehiläinen", user__email=EMAIL)
    ContactPersonFactory(organisation=inviter.organisation, is_primary=False)  # not the last contact
    member_services.contact_person_add(
        organisation=inviter.organisation,
        actor=inviter.user,
        first_name="Erik",
        last_name="Ek",
        title="",
        email="erik.ek@example.fi",
        language="fi",
    )
    invitation = OutgoingMail.objects.get(to="erik.ek@example.fi")
    assert "Maija Mehiläinen" in invitation.body_text

    recently_signed_in(inviter.user).post("/fi/my-data/erase/", {"confirm": "on"})

    invitation.refresh_from_db()
    assert "Mehiläinen" not in invitation.body_text + invitation.body_html + invitation.subject
    assert "[erased] on lisännyt sinut" in invitation.body_text
    assert invitation.to == "erik.ek@example.fi"  # the recipient's own mail stays otherwise intact
    entry = AuditEntry.objects.get(action="privacy.erasure.completed")
    assert entry.new["names_in_mail"] == 2  # the plain text and the HTML body


def test_a_resigned_members_implementations_leave_the_public_site(client):
    contact = ContactPersonFactory()
    published = ImplementationFactory(owner=contact.organisation, status=ImplementationStatus.PUBLISHED)
    waiting = ImplementationFactory(owner=contact.organisation, status=ImplementationStatus.SUBMITTED)
    other = ImplementationFactory(status=ImplementationStatus.PUBLISHED)
    assert client.get(f"/fi/ai-implementations/{published.pk}/").status_code == 200

    member_services.organisation_resign(organisation=contact.organisation, actor=contact.user)

    statuses = {
        i.pk: i.status for i in type(published).objects.filter(pk__in=[published.pk, waiting.pk, other.pk])
    }
    assert statuses == {published.pk: "draft", waiting.pk: "draft", other.pk: "published"}
    assert client.get(f"/fi/ai-implementations/{published.pk}/").status_code == 404
    entries = AuditEntry.objects.filter(action="network.implementation.withdrawn_resigned").order_by("id")
    assert [(e.object_id, e.old["status"]) for e in entries] == [
        (str(published.pk), "published"),
        (str(waiting.pk), "submitted"),
    ]
    resigned = AuditEntry.objects.get(action="members.organisation.resigned")
    assert resigned.new["implementations_withdrawn"] == 2
