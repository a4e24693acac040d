"""Factories of the privacy tests: a person whose one address is used all over the portal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.admin.models import CHANGE, LogEntry
from django.utils import timezone

from core.audit import audit_log
from events.enums import QuestionKind
from events.models import FeedbackAnswer, FeedbackResponse
from members.enums import MembershipStatus
from network.models import WorkingGroup
from newsletter.enums import SubscriberStatus
from outbox.enums import MailState
from outbox.models import OutgoingMail
from outbox.services import mail_queue
from tests.events.factories import EventFactory, FeedbackQuestionFactory, RegistrationFactory
from tests.factories import ContactPersonFactory, OrganisationFactory, UserFactory
from tests.funding.factories import ApplicationFactory
from tests.network.factories import ImplementationFactory
from tests.newsletter.factories import SubscriberFactory


@dataclass
class Person:
    email: str
    user: object
    only_org: object
    shared_org: object
    past_event: object
    upcoming_event: object
    waiting: object
    subscriber: object
    implementation: object
    application: object


def person_everywhere(email: str = "maija.poistettava@example.fi", *, with_account: bool = True) -> Person:
    """One address in every place the portal keeps one, next to other people's data."""
    now = timezone.now()
    user = UserFactory(email=email, first_name="Maija", last_name="Poistettava") if with_account else None
    only_org = OrganisationFactory(status=MembershipStatus.MEMBER)
    shared_org = OrganisationFactory(status=MembershipStatus.MEMBER)
    ContactPersonFactory(organisation=shared_org, is_primary=True)
    if user is not None:
        ContactPersonFactory(organisation=only_org, user=user, is_primary=True)
        ContactPersonFactory(organisation=shared_org, user=user, is_primary=False)

    past_event = EventFactory(starts_at=now - timedelta(days=10, hours=1), ends_at=now - timedelta(days=10))
    registration = RegistrationFactory(
        event=past_event,
        email=email.upper(),
        name="Maija Poistettava",
        organisation="Testikunta",
        attended=True,
    )
    RegistrationFactory.create_batch(2, event=past_event, attended=True)
    RegistrationFactory(event=past_event, attended=False)
    scale = FeedbackQuestionFactory(event=past_event, kind=QuestionKind.SCALE)
    free = FeedbackQuestionFactory(event=past_event, kind=QuestionKind.TEXT)
    response = FeedbackResponse.objects.create(registration=registration, event=past_event)
    FeedbackAnswer.objects.create(response=response, question=scale, score=4)
    FeedbackAnswer.objects.create(response=response, question=free, text=f"Vastatkaa osoitteeseen {email}.")

    upcoming_event = EventFactory(capacity=2)
    RegistrationFactory(event=upcoming_event, email=email)
    RegistrationFactory(event=upcoming_event)
    waiting = RegistrationFactory(event=upcoming_event, status="waiting")

    subscriber = SubscriberFactory(
        email=email, status=SubscriberStatus.CONFIRMED, confirmed_at=now - timedelta(days=95)
    )
    SubscriberFactory(confirmed_at=now - timedelta(days=95))

    sent = mail_queue(
        to=email, template="newsletter_already", context={"manage_url": "https://x.example/"}, language="fi"
    )
    OutgoingMail.objects.filter(pk=sent.pk).update(state=MailState.SENT, sent_at=now)
    mail_queue(
        to="koordinaattori@example.fi",
        template="newsletter_already",
        context={"manage_url": f"https://x.example/?from={email}"},
        language="fi",
    )
    audit_log(
        action="tests.note", actor=user, obj=only_org, new={"contact": email, "text": f"Soitettu: {email}"}
    )
    LogEntry.objects.create(
        user=UserFactory(is_staff=True, totp=False),
        object_repr=f"Maija <{email}>",
        action_flag=CHANGE,
        change_message=f"Changed email to {email}",
    )
    implementation = ImplementationFactory(
        contact_email=email, contact_name="Maija Poistettava", owner=only_org
    )
    group = WorkingGroup.objects.create(
        name_fi="Riskiryhmä", goals_fi="- Tavoite", contact_email=email.title()
    )
    del group
    application = ApplicationFactory(
        organisation=only_org, created_by=user, cooperation=f"Yhteyshenkilö: {email}"
    )
    return Person(
        email=email,
        user=user,
        only_org=only_org,
        shared_org=shared_org,
        past_event=past_event,
        upcoming_event=upcoming_event,
        waiting=waiting,
        subscriber=subscriber,
        implementation=implementation,
        application=application,
    )
