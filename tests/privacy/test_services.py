from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client

from core.models import AuditEntry
from events.models import Registration
from funding.models import ReviewAssignment
from members.enums import MembershipStatus
from members.models import ContactPerson
from newsletter.enums import SubscriberStatus
from newsletter.models import Subscriber
from outbox.enums import MailState
from outbox.models import OutgoingMail
from outbox.services import mail_queue
from privacy.services import PrivacyError, personal_data_erase, personal_data_export, personal_data_modules
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ContactPersonFactory, OrganisationFactory, UserFactory
from tests.funding.factories import ApplicationFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db
EMAIL = "anna.esimerkki@example.fi"


def test_every_app_that_stores_personal_data_is_found_with_core_and_accounts_last():
    labels = [label for label, _module in personal_data_modules()]
    for label in ["outbox", "members", "network", "events", "newsletter", "funding"]:
        assert label in labels
    assert labels[-2:] == ["core", "accounts"]


def test_an_account_that_reviews_refer_to_is_anonymised_not_deleted():
    user = UserFactory(email=EMAIL, is_staff=True)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    user.groups.add(Group.objects.get(name="Steering group"))
    assignment = ReviewAssignment.objects.create(application=ApplicationFactory(), reviewer=user)
    assert Authenticator.objects.filter(user=user).exists()

    result = personal_data_erase(email=EMAIL, user=user, actor=user)

    assert result.account == "anonymised"
    user.refresh_from_db()
    assert user.email == f"user-{user.pk}@erased.invalid"
    assert (user.first_name, user.last_name) == ("", "")
    assert (user.is_active, user.is_staff, user.is_superuser) == (False, False, False)
    assert not user.has_usable_password()
    assert list(user.groups.all()) == []
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assignment.refresh_from_db()
    assert assignment.reviewer_id == user.pk
    entry = AuditEntry.objects.get(action="privacy.erasure.completed")
    assert entry.actor_id == user.pk
    assert entry.object_id == str(user.pk)
    assert entry.new["account"] == "anonymised"
    assert entry.new["requested_by"] == "person"


def test_erasure_signs_the_person_out_everywhere():
    user = UserFactory(email=EMAIL)
    other = UserFactory()
    for person in (user, user, other):
        Client().force_login(person)
    assert Session.objects.count() == 3

    personal_data_erase(email=EMAIL, user=user, actor=user)

    assert [s.get_decoded()["_auth_user_id"] for s in Session.objects.all()] == [str(other.pk)]


def test_only_the_address_itself_is_erased_not_addresses_that_contain_it():
    neighbours = ["x" + EMAIL, EMAIL + ".test", "anna.esimerkki@example.fin"]
    event = EventFactory()
    mine = RegistrationFactory(event=event, email=EMAIL)
    theirs = [RegistrationFactory(event=event, email=address) for address in neighbours]
    note = mail_queue(
        to="koordinaattori@example.fi",
        template="newsletter_already",
        context={"manage_url": f"https://x.example/?a={neighbours[0]}&b={EMAIL}."},
        language="fi",
    )

    personal_data_erase(email=EMAIL, user=None, actor=None)

    mine.refresh_from_db()
    assert mine.email == f"registration-{mine.pk}@erased.invalid"
    assert [Registration.objects.get(pk=r.pk).email for r in theirs] == neighbours
    note.refresh_from_db()
    assert neighbours[0] in note.body_text
    assert "b=[erased]." in note.body_text
    assert EMAIL not in note.body_text.replace(neighbours[0], "")


def test_the_private_link_cannot_erase_an_account():
    UserFactory(email=EMAIL)
    SubscriberFactory(email=EMAIL)

    with pytest.raises(PrivacyError) as caught:
        personal_data_erase(email=EMAIL, user=None, actor=None)

    assert caught.value.code == "account"
    assert Subscriber.objects.get().email == EMAIL
    assert not AuditEntry.objects.filter(action="privacy.erasure.completed").exists()


def test_contact_person_rows_go_and_the_organisations_stay():
    user = UserFactory(email=EMAIL)
    alone = ContactPersonFactory(user=user).organisation
    shared = OrganisationFactory()
    ContactPersonFactory(organisation=shared, user=user, is_primary=True)
    colleague = ContactPersonFactory(organisation=shared, is_primary=False)

    personal_data_erase(email=EMAIL, user=user, actor=user)

    alone.refresh_from_db()
    assert alone.status == MembershipStatus.MEMBER
    assert list(alone.contact_persons.all()) == []
    colleague.refresh_from_db()
    assert colleague.is_primary is True
    assert list(ContactPerson.objects.filter(organisation=shared)) == [colleague]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"members.contact_person.erased", "members.contact_person.removed"} <= actions


def test_newsletter_requests_are_deleted_and_subscriptions_end_without_the_address():
    pending = SubscriberFactory(email=EMAIL, status=SubscriberStatus.PENDING, confirmed_at=None)
    personal_data_erase(email=EMAIL, user=None, actor=None)
    assert not Subscriber.objects.filter(pk=pending.pk).exists()

    confirmed = SubscriberFactory(email=EMAIL.upper())
    personal_data_erase(email=EMAIL, user=None, actor=None)
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.email) == (SubscriberStatus.UNSUBSCRIBED, "")
    assert confirmed.confirmed_at is not None and confirmed.ended_at is not None
    assert AuditEntry.objects.filter(
        action="newsletter.subscriber.unsubscribed", object_id=str(confirmed.pk)
    ).exists()


def test_mail_to_the_person_is_kept_without_address_or_content_and_unsent_mail_is_not_sent(
    django_capture_on_commit_callbacks,
):
    sent = mail_queue(
        to=EMAIL, template="newsletter_already", context={"manage_url": "https://x/"}, language="fi"
    )
    OutgoingMail.objects.filter(pk=sent.pk).update(state=MailState.SENT)
    queued = mail_queue(
        to=EMAIL, template="newsletter_already", context={"manage_url": "https://x/"}, language="fi"
    )
    mails_before = OutgoingMail.objects.count()

    personal_data_erase(email=EMAIL, user=None, actor=None)

    values = list(
        OutgoingMail.objects.filter(pk__in=[sent.pk, queued.pk])
        .order_by("pk")
        .values_list("state", "to", "subject", "body_text", "body_html", "template")
    )
    assert values == [
        (MailState.SENT, "", "", "", "", "newsletter_already"),
        (MailState.ABORTED, "", "", "", "", "newsletter_already"),
    ]
    # The erasure itself mails nobody.
    assert OutgoingMail.objects.count() == mails_before


def test_export_of_an_address_without_an_account():
    event = EventFactory()
    RegistrationFactory(event=event, email=EMAIL, name="Anna Esimerkki")
    SubscriberFactory(email=EMAIL)

    data = personal_data_export(email=EMAIL, user=None)

    assert data["email"] == EMAIL
    assert data["apps"]["accounts"] == {}
    assert [(r["name"], r["event"]) for r in data["apps"]["events"]["registrations"]] == [
        ("Anna Esimerkki", event.title)
    ]
    assert [s["email"] for s in data["apps"]["newsletter"]["subscriptions"]] == [EMAIL]
    json.dumps(data)


def test_export_covers_every_address_of_an_account():
    user = UserFactory(email=EMAIL)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    EmailAddress.objects.create(user=user, email="toinen@example.fi", verified=True, primary=False)
    RegistrationFactory(email="toinen@example.fi")

    data = personal_data_export(email=EMAIL, user=user)

    assert list(data["other_addresses"]) == ["toinen@example.fi"]
    assert len(data["other_addresses"]["toinen@example.fi"]["events"]["registrations"]) == 1
    result = personal_data_erase(email=EMAIL, user=user, actor=user)
    assert result.account == "deleted"
    assert not Registration.objects.filter(email__iexact="toinen@example.fi").exists()
    assert not get_user_model().objects.filter(email=EMAIL).exists()


def test_staff_erasing_someone_is_recorded_as_staff():
    user = UserFactory(email=EMAIL)
    coordinator = UserFactory(is_staff=True)

    personal_data_erase(email=EMAIL, user=user, actor=coordinator)

    entry = AuditEntry.objects.get(action="privacy.erasure.completed")
    assert (entry.actor_id, entry.new["requested_by"], entry.new["account"]) == (
        coordinator.pk,
        "staff",
        "deleted",
    )


def test_the_final_sweep_catches_what_no_app_erased_and_says_where():
    from core.models import Page

    page = Page.objects.create(
        slug="yhteystiedot", title="Yhteystiedot", body=f"Kysy: {EMAIL.upper()} tai x{EMAIL}"
    )

    result = personal_data_erase(email=EMAIL, user=None, actor=None)

    page.refresh_from_db()
    assert page.body == f"Kysy: [erased] tai x{EMAIL}"
    assert result.residual == {"core.page": 2}  # body and body_fi (modeltranslation)
    entry = AuditEntry.objects.get(action="privacy.erasure.completed")
    assert entry.new["residual"] == {"core.page": 2}  # body and body_fi (modeltranslation)


def test_network_contact_details_are_emptied_and_a_coordination_group_person_removed():
    from network.models import Implementation, Person, WorkingGroup
    from tests.network.factories import ImplementationFactory, PersonFactory, WorkingGroupFactory

    implementation = ImplementationFactory(contact_email=EMAIL, contact_name="Anna Esimerkki")
    group = WorkingGroupFactory(
        contact_email=EMAIL, contact_name="Anna Esimerkki", contact_title_fi="puheenjohtaja"
    )
    person = PersonFactory(email=EMAIL)
    other = PersonFactory(email="joku.muu@example.fi")

    personal_data_erase(email=EMAIL, user=None, actor=None)

    implementation = Implementation.objects.get(pk=implementation.pk)
    assert (implementation.contact_email, implementation.contact_name, implementation.status) == (
        "",
        "",
        "published",
    )
    group = WorkingGroup.objects.get(pk=group.pk)
    assert (group.contact_email, group.contact_name, group.contact_title_fi) == ("", "", "")
    assert not Person.objects.filter(pk=person.pk).exists()
    assert Person.objects.filter(pk=other.pk).exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "network.person.erased",
        "network.implementation.contact_erased",
        "network.working_group.contact_erased",
    } <= actions
