"""Consent everywhere (issue 20): approval needs a verified contact address (or an audited override), the
admin shows verification, and an existing account is attached only when its holder accepts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import AuditEntry
from members.enums import InvitationStatus, MembershipStatus
from members.models import ContactInvitation, ContactPerson, Organisation
from outbox.models import OutgoingMail
from tests.factories import ContactPersonFactory, UserFactory
from tests.members.conftest import join_post

pytestmark = pytest.mark.django_db
CHANGELIST = "/fi/admin/members/organisation/"
INVITATION_LINK = re.compile(r"http://127\.0\.0\.1:8000/(?:fi|sv|en)/members/invitation/([A-Za-z0-9_-]+)/")


@pytest.fixture
def coordinator(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(user)
    return user


def unverified_applicant(**kwargs) -> ContactPerson:
    return ContactPersonFactory(organisation__status=MembershipStatus.PENDING, verified=False, **kwargs)


def select(client, action: str, organisations, **extra):
    data = {"action": action, "_selected_action": [str(o.pk) for o in organisations], "index": "0", **extra}
    return client.post(CHANGELIST, data, follow=True)


def test_bulk_approval_refuses_an_organisation_whose_contact_never_verified(client, coordinator):
    verified = ContactPersonFactory(organisation__status=MembershipStatus.PENDING)
    unverified = unverified_applicant()

    response = select(client, "approve", [verified.organisation, unverified.organisation])

    pks = [verified.organisation.pk, unverified.organisation.pk]
    statuses = dict(Organisation.objects.filter(pk__in=pks).values_list("pk", "status"))
    assert statuses == {verified.organisation.pk: "member", unverified.organisation.pk: "pending"}
    text = response.content.decode()
    assert (
        f"{unverified.organisation.name} ei voi vielä hyväksyä: yksikään sen yhteyshenkilöistä ei ole "
        "vahvistanut sähköpostiosoitettaan." in text
    )
    # Not listed publicly either.
    assert client.get("/fi/members/").content.decode().count(unverified.organisation.name) == 0


def test_the_override_asks_for_a_reason_and_the_audit_entry_says_so(client, coordinator):
    unverified = unverified_applicant()
    organisation = unverified.organisation

    asked = select(client, "approve_unverified", [organisation])
    assert "Syy hyväksyä ilman vahvistettua sähköpostiosoitetta" in asked.content.decode()
    organisation.refresh_from_db()
    assert organisation.status == MembershipStatus.PENDING

    select(client, "approve_unverified", [organisation], reason="Osoite varmistettu puhelimitse 1.12.")

    organisation.refresh_from_db()
    assert organisation.status == MembershipStatus.MEMBER
    entry = AuditEntry.objects.get(
        object_id=str(organisation.pk), action="members.organisation.approved_unverified"
    )
    assert (entry.actor_id, entry.new["contact_verified"], entry.new["override_reason"]) == (
        coordinator.pk,
        False,
        "Osoite varmistettu puhelimitse 1.12.",
    )


def test_the_admin_shows_verification_in_constant_queries(client, coordinator, django_assert_num_queries):
    ContactPersonFactory(organisation__name="Vahvistettu Oy", organisation__name_fi="Vahvistettu Oy")
    unverified_applicant(organisation__name="Vahvistamaton Oy", organisation__name_fi="Vahvistamaton Oy")
    client.get(CHANGELIST)
    with CaptureQueriesContext(connection) as captured:
        client.get(CHANGELIST)
    few = len(captured.captured_queries)  # now: the next request clears the log
    html = client.get(CHANGELIST + "?q=Vahvist").content.decode()
    assert html.count('class="field-contact_email_verified"><img src="/static/admin/img/icon-yes.svg"') == 1
    assert html.count('class="field-contact_email_verified"><img src="/static/admin/img/icon-no.svg"') == 1
    for _ in range(5):
        unverified_applicant()
        ContactPersonFactory()
    with django_assert_num_queries(few):
        client.get(CHANGELIST)
    unverified_only = client.get(CHANGELIST + "?contact=unverified").content.decode()
    assert unverified_only.count('class="field-contact_email_verified"') == 6
    organisation = Organisation.objects.get(name="Vahvistamaton Oy")
    change = client.get(f"{CHANGELIST}{organisation.pk}/change/").content.decode()
    assert re.search(r'class="field-email_verified">\s*<p><img src="/static/admin/img/icon-no.svg"', change)


def invite_existing_in_admin(client, organisation, email: str):
    return client.post(
        "/fi/admin/members/contactperson/add/",
        {
            "organisation": str(organisation.pk),
            "first_name": "Karin",
            "last_name": "Lind",
            "title": "Projektledare",
            "email": email,
            "language": "sv",
        },
    )


def test_an_existing_account_is_attached_only_when_its_holder_accepts(
    client, coordinator, smtp, django_capture_on_commit_callbacks
):
    organisation = ContactPersonFactory().organisation
    karin = UserFactory(email="karin.lind@example.fi")

    with django_capture_on_commit_callbacks(execute=True):
        response = invite_existing_in_admin(client, organisation, "Karin.Lind@example.fi")

    assert response.status_code == 302
    assert response["Location"] == f"/fi/admin/members/organisation/{organisation.pk}/change/"
    assert ContactPerson.objects.filter(user=karin).count() == 0
    mail = smtp.wait_for(1)[0]
    assert mail.rcpt_tos == ["karin.lind@example.fi"]
    assert mail.subject == f"Bekräfta: kontaktperson för {organisation.name}"
    token = INVITATION_LINK.search(mail.text()).group(1)

    client.logout()
    page = client.get(f"/sv/members/invitation/{token}/")
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "no-referrer"
    assert ContactPerson.objects.filter(user=karin).count() == 0  # opening the link changes nothing
    accepted = client.post(f"/sv/members/invitation/{token}/", {"answer": "accept"})
    assert accepted.status_code == 302

    contact = ContactPerson.objects.get(user=karin)
    assert (contact.organisation, contact.title, contact.is_primary) == (organisation, "Projektledare", False)
    assert EmailAddress.objects.get(user=karin).verified is True
    actions = list(
        AuditEntry.objects.filter(object_type="members.contactinvitation")
        .order_by("id")
        .values_list("action", "actor_id")
    )
    assert actions == [
        ("members.invitation.created", coordinator.pk),
        ("members.invitation.accepted", karin.pk),
    ]
    # The link works once.
    assert client.post(f"/sv/members/invitation/{token}/", {"answer": "accept"}).status_code == 400


def test_a_declined_or_expired_invitation_attaches_nothing(client):
    organisation = ContactPersonFactory().organisation
    holder = ContactPersonFactory()  # a contact person elsewhere, inviting them here
    from members import services

    declined = services.contact_person_add(
        organisation=organisation,
        actor=None,
        first_name="A",
        last_name="B",
        title="",
        email=holder.email,
        language="fi",
    )
    assert isinstance(declined, ContactInvitation)
    assert client.post(f"/fi/members/invitation/{declined.token}/", {"answer": "decline"}).status_code == 302
    declined.refresh_from_db()
    assert declined.status == InvitationStatus.DECLINED

    expired = services.contact_person_add(
        organisation=organisation,
        actor=None,
        first_name="A",
        last_name="B",
        title="",
        email=holder.email,
        language="fi",
    )
    ContactInvitation.objects.filter(pk=expired.pk).update(created_at=expired.created_at - timedelta(days=15))
    assert client.post(f"/fi/members/invitation/{expired.token}/", {"answer": "accept"}).status_code == 400
    assert ContactPerson.objects.filter(organisation=organisation, user=holder.user).count() == 0


def test_the_join_form_never_attaches_an_existing_account_without_its_holder(
    client, smtp, django_capture_on_commit_callbacks
):
    someone = ContactPersonFactory(user__email="aino.virtanen@kuulas.example.fi")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fi/members/join/", join_post())

    assert response.status_code == 302
    organisation = Organisation.objects.get(name_fi="Kuulas Terveysdata Oy")
    assert organisation.status == MembershipStatus.PENDING
    assert list(organisation.contact_persons.all()) == []
    mail = smtp.wait_for(1)[0]
    assert mail.rcpt_tos == [someone.email]
    assert "nimennyt sinut" in mail.text()
    assert OutgoingMail.objects.filter(template="members_application_received").count() == 0
    token = INVITATION_LINK.search(mail.text()).group(1)
    client.post(f"/fi/members/invitation/{token}/", {"answer": "accept"})
    contact = organisation.contact_persons.get()
    assert (contact.user, contact.is_primary) == (someone.user, True)


def test_the_join_form_attaches_the_signed_in_person_themselves(client):
    me = UserFactory(email="aino.virtanen@kuulas.example.fi")
    EmailAddress.objects.create(user=me, email=me.email, verified=True, primary=True)
    client.force_login(me)
    assert client.post("/fi/members/join/", join_post()).status_code == 302
    organisation = Organisation.objects.get(name_fi="Kuulas Terveysdata Oy")
    assert organisation.contact_persons.get().user == me
    assert ContactInvitation.objects.count() == 0
