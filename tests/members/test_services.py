"""Membership services: state, audit entry and the mail that reaches the SMTP sink."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext

from core.models import AuditEntry
from members import services
from members.enums import MembershipStatus
from members.models import ContactInvitation, ContactPerson, Organisation
from outbox.models import OutgoingMail
from tests.factories import ContactPersonFactory, OrganisationFactory, UserFactory
from tests.members.conftest import activation_link, application

pytestmark = pytest.mark.django_db

SV_BRAND = "Ekosystemet för AI inom social- och hälsovården"
FI_BRAND = "SOTE-tekoälyn ekosysteemi"


def translated(language: str, message: str, **params) -> str:
    with translation.override(language):
        return gettext(message) % params if params else gettext(message)


def audit_actions(obj) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_apply_creates_the_pending_organisation_contact_person_and_account(smtp, deliver):
    organisation = deliver(services.organisation_apply, application=application(language="sv"))

    organisation.refresh_from_db()
    assert (organisation.status, organisation.name_fi, organisation.type, organisation.listed_publicly) == (
        MembershipStatus.PENDING,
        "Kuulas Terveysdata Oy",
        "company",
        True,
    )
    assert organisation.applied_at is not None and organisation.terms_accepted_at is not None
    assert (organisation.description_sv, organisation.description_fi) == (
        "Tekoälyä hoitotyön kirjaamiseen.",
        "Tekoälyä hoitotyön kirjaamiseen.",
    )
    contact = ContactPerson.objects.get(organisation=organisation)
    assert (contact.first_name, contact.last_name, contact.title, contact.email, contact.language) == (
        "Aino",
        "Virtanen",
        "Toimitusjohtaja",
        "aino.virtanen@kuulas.example.fi",
        "sv",
    )
    assert contact.is_primary is True
    user = contact.user
    assert (user.email, user.language, user.has_usable_password()) == (
        "aino.virtanen@kuulas.example.fi",
        "sv",
        False,
    )
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("aino.virtanen@kuulas.example.fi", False, True)
    ]
    entry = AuditEntry.objects.get(action="members.organisation.applied")
    assert (entry.object_type, entry.object_id, entry.actor_id) == (
        "members.organisation",
        str(organisation.pk),
        None,
    )
    assert entry.new["business_id"] == organisation.business_id
    assert entry.new["contact_email"] == "aino.virtanen@kuulas.example.fi"

    mails = smtp.wait_for(1)
    assert [m.rcpt_tos for m in mails] == [["aino.virtanen@kuulas.example.fi"]]
    expected_subject = translated(
        "sv", "Membership application received: %(name)s", name="Kuulas Terveysdata Oy"
    )
    assert mails[0].subject == expected_subject
    assert SV_BRAND in mails[0].text()
    assert "/sv/members/activate/" in activation_link(mails[0].text())
    assert activation_link(mails[0].text()) in mails[0].html()
    assert OutgoingMail.objects.get().language == "sv"


def test_same_business_id_as_a_member_or_applicant_is_not_duplicated():
    member = OrganisationFactory(status=MembershipStatus.MEMBER)
    pending = OrganisationFactory(status=MembershipStatus.PENDING)
    users_before = get_user_model().objects.count()
    for existing in (member, pending):
        with translation.override("en"), pytest.raises(services.AlreadyApplied) as excinfo:
            services.organisation_apply(application=application(business_id=existing.business_id))
        assert excinfo.value.organisation == existing
        assert "a coordinator can add you" in excinfo.value.message
    assert Organisation.objects.filter(business_id__in=[member.business_id, pending.business_id]).count() == 2
    assert get_user_model().objects.count() == users_before
    assert ContactPerson.objects.count() == 0
    assert OutgoingMail.objects.count() == 0
    assert AuditEntry.objects.filter(action="members.organisation.applied").count() == 0


def test_a_rejected_business_id_is_told_to_contact_the_coordinators():
    rejected = OrganisationFactory(status=MembershipStatus.REJECTED)
    with translation.override("en"), pytest.raises(services.AlreadyApplied) as excinfo:
        services.organisation_apply(application=application(business_id=rejected.business_id))
    assert excinfo.value.message == (
        "An earlier membership application with this business ID was not approved. "
        "Please contact the coordinators at tekoaly@digifinland.fi."
    )


def test_a_resigned_organisation_applies_again_under_its_old_record(deliver):
    resigned = OrganisationFactory(status=MembershipStatus.RESIGNED, name="Vanha Nimi Oy")
    organisation = deliver(
        services.organisation_apply, application=application(business_id=resigned.business_id)
    )
    resigned.refresh_from_db()
    assert (organisation.pk, resigned.status, resigned.name_fi) == (
        resigned.pk,
        MembershipStatus.PENDING,
        "Kuulas Terveysdata Oy",
    )
    entry = AuditEntry.objects.get(action="members.organisation.applied")
    assert (entry.old, entry.new["status"]) == ({"status": "resigned"}, "pending")


def test_applying_with_the_address_of_an_existing_account_waits_for_that_person(smtp, deliver):
    user = UserFactory(email="aino.virtanen@kuulas.example.fi")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    organisation = deliver(services.organisation_apply, application=application())
    assert get_user_model().objects.filter(email=user.email).count() == 1
    # Not attached: the person has to confirm first.
    assert ContactPerson.objects.filter(organisation=organisation).count() == 0
    invitation = ContactInvitation.objects.get()
    assert (invitation.user, invitation.organisation, invitation.is_primary) == (user, organisation, True)
    user.refresh_from_db()
    assert user.check_password("correct-horse-battery")
    text = smtp.wait_for(1)[0].text()
    assert "/members/activate/" not in text
    assert f"http://127.0.0.1:8000/fi/members/invitation/{invitation.token}/" in text


def test_approve_makes_a_member_audits_and_mails_the_contact_person_in_their_language(smtp, deliver):
    coordinator = UserFactory()
    contact = ContactPersonFactory(organisation__status=MembershipStatus.PENDING, language="sv")
    organisation = contact.organisation
    deliver(services.organisation_approve, organisation=organisation, actor=coordinator)

    organisation.refresh_from_db()
    assert organisation.status == MembershipStatus.MEMBER
    assert organisation.member_since == organisation.status_changed_at
    entry = AuditEntry.objects.get(action="members.organisation.approved")
    assert (entry.actor_id, entry.old, entry.new["status"]) == (
        coordinator.pk,
        {"status": "pending"},
        "member",
    )
    mails = smtp.wait_for(1)
    assert [m.rcpt_tos for m in mails] == [[contact.email]]
    assert mails[0].subject == translated(
        "sv", "Welcome to the network: %(name)s is now a member", name=organisation.name_fi
    )
    assert f"http://127.0.0.1:8000/sv/members/organisations/{organisation.pk}/" in mails[0].text()
    assert SV_BRAND in mails[0].text()


def test_approve_resends_the_activation_link_to_a_person_who_has_not_used_it(smtp, deliver):
    organisation = deliver(services.organisation_apply, application=application())
    deliver(
        services.organisation_approve,
        organisation=organisation,
        actor=UserFactory(),
        unverified_reason="Address confirmed by phone.",
    )
    mails = smtp.wait_for(2)
    assert len(mails) == 2
    assert "/fi/members/activate/" in activation_link(mails[1].text())


def test_reject_audits_and_mails(smtp, deliver):
    contact = ContactPersonFactory(organisation__status=MembershipStatus.PENDING, language="fi")
    deliver(services.organisation_reject, organisation=contact.organisation, actor=UserFactory())
    contact.organisation.refresh_from_db()
    assert contact.organisation.status == MembershipStatus.REJECTED
    assert audit_actions(contact.organisation) == ["members.organisation.rejected"]
    mails = smtp.wait_for(1)
    assert mails[0].subject == translated(
        "fi", "Decision on the membership application of %(name)s", name=contact.organisation.name_fi
    )
    assert FI_BRAND in mails[0].text()


@pytest.mark.parametrize(
    ("status", "service"),
    [
        (MembershipStatus.MEMBER, services.organisation_approve),
        (MembershipStatus.REJECTED, services.organisation_approve),
        (MembershipStatus.RESIGNED, services.organisation_reject),
        (MembershipStatus.MEMBER, services.organisation_reject),
        (MembershipStatus.PENDING, services.organisation_resign),
    ],
)
def test_transitions_outside_the_allowed_ones_are_refused(status, service):
    organisation = OrganisationFactory(status=status)
    with translation.override("en"), pytest.raises(services.MembershipError):
        service(organisation=organisation, actor=None)
    organisation.refresh_from_db()
    assert organisation.status == status
    assert audit_actions(organisation) == []
    assert OutgoingMail.objects.count() == 0


def test_resign_audits_and_mails_every_contact_person(smtp, deliver):
    first = ContactPersonFactory()
    second = ContactPersonFactory(organisation=first.organisation, is_primary=False, language="en")
    deliver(services.organisation_resign, organisation=first.organisation, actor=first.user)
    first.organisation.refresh_from_db()
    assert first.organisation.status == MembershipStatus.RESIGNED
    entry = AuditEntry.objects.get(action="members.organisation.resigned")
    assert (entry.actor_id, entry.old, entry.new) == (
        first.user.pk,
        {"status": "member"},
        {"status": "resigned", "implementations_withdrawn": 0},
    )
    mails = smtp.wait_for(2)
    assert sorted(m.rcpt_tos[0] for m in mails) == sorted([first.email, second.email])


def test_update_changes_the_profile_and_audits_only_what_changed():
    contact = ContactPersonFactory(organisation__name="Vanha Oy")
    organisation = contact.organisation
    services.organisation_update(
        organisation=organisation,
        actor=contact.user,
        data={"name_fi": "Uusi Oy", "name_sv": "", "website": "https://uusi.example.fi/", "type": "company"},
    )
    organisation.refresh_from_db()
    assert (organisation.name_fi, organisation.name_sv, organisation.website) == (
        "Uusi Oy",
        None,
        "https://uusi.example.fi/",
    )
    entry = AuditEntry.objects.get(action="members.organisation.updated")
    assert (entry.old, entry.new) == (
        {"name_fi": "Vanha Oy", "website": ""},
        {"name_fi": "Uusi Oy", "website": "https://uusi.example.fi/"},
    )


def test_contact_person_add_invites_by_mail(smtp, deliver):
    inviter = ContactPersonFactory(user__first_name="Maija", user__last_name="Mehiläinen")
    contact = deliver(
        services.contact_person_add,
        organisation=inviter.organisation,
        actor=inviter.user,
        first_name="Erik",
        last_name="Ek",
        title="Utvecklare",
        email="Erik.Ek@Example.fi",
        language="sv",
    )
    assert (contact.email, contact.is_primary, contact.user.has_usable_password()) == (
        "erik.ek@example.fi",
        False,
        False,
    )
    entry = AuditEntry.objects.get(action="members.contact_person.added")
    assert (entry.actor_id, entry.new["email"], entry.new["organisation"]) == (
        inviter.user.pk,
        "erik.ek@example.fi",
        inviter.organisation.pk,
    )
    mails = smtp.wait_for(1)
    assert [m.rcpt_tos for m in mails] == [["erik.ek@example.fi"]]
    assert mails[0].subject == translated(
        "sv", "You are now a contact person of %(name)s", name=inviter.organisation.name_fi
    )
    assert "Maija Mehiläinen" in mails[0].text()
    assert "/sv/members/activate/" in activation_link(mails[0].text())


def test_contact_person_add_refuses_a_second_role_for_the_same_person():
    contact = ContactPersonFactory()
    with pytest.raises(services.MembershipError):
        services.contact_person_add(
            organisation=contact.organisation,
            actor=None,
            first_name="X",
            last_name="Y",
            title="",
            email=contact.email.upper(),
            language="fi",
        )
    assert ContactPerson.objects.count() == 1


def test_contact_person_add_as_primary_moves_the_primary_flag():
    old = ContactPersonFactory()
    new = services.contact_person_add(
        organisation=old.organisation,
        actor=None,
        first_name="Uusi",
        last_name="Ensisijainen",
        title="",
        email="uusi@example.fi",
        language="fi",
        is_primary=True,
    )
    old.refresh_from_db()
    assert (old.is_primary, new.is_primary) == (False, True)


def test_contact_person_remove_keeps_one_primary_and_never_removes_the_last():
    primary = ContactPersonFactory()
    other = ContactPersonFactory(organisation=primary.organisation, is_primary=False)
    services.contact_person_remove(contact=primary, actor=other.user)
    other.refresh_from_db()
    assert other.is_primary is True
    assert list(ContactPerson.objects.values_list("pk", flat=True)) == [other.pk]
    entry = AuditEntry.objects.get(action="members.contact_person.removed")
    assert (entry.object_id, entry.old["email"]) == (str(primary.pk), primary.email)
    with pytest.raises(services.MembershipError):
        services.contact_person_remove(contact=other, actor=other.user)
    assert ContactPerson.objects.count() == 1


def test_activate_sets_the_password_and_verifies_the_address(deliver):
    organisation = deliver(services.organisation_apply, application=application())
    user = ContactPerson.objects.get(organisation=organisation).user
    services.contact_person_activate(user=user, password="Kaunis-Kesapaiva-2026")
    user.refresh_from_db()
    assert user.check_password("Kaunis-Kesapaiva-2026")
    assert list(EmailAddress.objects.filter(user=user).values_list("verified", "primary")) == [(True, True)]
    assert AuditEntry.objects.filter(action="members.contact_person.activated", actor=user).count() == 1
