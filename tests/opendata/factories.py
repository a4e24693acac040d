"""A small world of public and non-public records, with personal email addresses everywhere they may be."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from events.enums import EventType
from funding.enums import ApplicationStatus, UseCase
from funding.models import Partner
from members.enums import MembershipStatus, OrganisationType
from members.models import WelfareRegion
from network.enums import ImplementationStatus, Stage
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ContactPersonFactory, OrganisationFactory
from tests.funding.factories import ApplicationFactory, FundingCallFactory
from tests.network.factories import ImplementationFactory

#: Personal addresses the fixture stores; none may ever appear in an API response.
PERSONAL = "@henkilo.example.fi"


@dataclass
class World:
    public: list = field(default_factory=list)
    hidden: list = field(default_factory=list)


def organisations(n: int, **kwargs) -> list:
    return OrganisationFactory.create_batch(n, **kwargs)


def member_world() -> World:
    """Listed members (one per type), and organisations the directory does not show."""
    world = World()
    region = WelfareRegion.objects.order_by("order").first()
    listed = OrganisationFactory(
        name_fi="Aalto-sairaala",
        name_sv="Aalto-sjukhuset",
        name_en="Aalto Hospital",
        type=OrganisationType.HOSPITAL,
        region=region,
        description_fi="Kuvaus.",
        member_since=timezone.now() - timedelta(days=30),
    )
    world.public.append(listed)
    world.public.append(OrganisationFactory(name_fi="Bittiyhtiö Oy", type=OrganisationType.COMPANY))
    world.hidden.append(OrganisationFactory(name_fi="Piilossa Oy", listed_publicly=False))
    world.hidden.append(OrganisationFactory(name_fi="Hakemassa Oy", status=MembershipStatus.PENDING))
    world.hidden.append(OrganisationFactory(name_fi="Eronnut Oy", status=MembershipStatus.RESIGNED))
    world.hidden.append(OrganisationFactory(name_fi="Hylätty Oy", status=MembershipStatus.REJECTED))
    for n, organisation in enumerate(world.public + world.hidden):
        ContactPersonFactory(organisation=organisation, user__email=f"yhteys{n}.{organisation.pk}{PERSONAL}")
    return world


def implementation_world(owner, hidden_partner) -> World:
    world = World()
    region = WelfareRegion.objects.order_by("order").first()
    world.public.append(
        ImplementationFactory(
            owner=owner,
            organisations=[owner, hidden_partner],
            region=region,
            stage=Stage.PRODUCTION,
            contact_name="Liisa Yhteyshenkilö",
            contact_email=f"liisa{PERSONAL}",
            links="https://example.fi/toteutus",
            title_en="Implementation in English",
        )
    )
    world.public.append(ImplementationFactory(owner=owner, use_case=UseCase.DECISION_SUPPORT))
    for status in (ImplementationStatus.DRAFT, ImplementationStatus.SUBMITTED):
        world.hidden.append(
            ImplementationFactory(
                owner=owner, status=status, published_at=None, contact_email=f"piilo{status}{PERSONAL}"
            )
        )
    return world


def funding_world() -> World:
    world = World()
    now = timezone.now()
    announced = FundingCallFactory(
        opens_at=now - timedelta(days=200),
        closes_at=now - timedelta(days=150),
        decisions_announced_at=now - timedelta(days=10),
    )
    pending = FundingCallFactory(
        opens_at=now - timedelta(days=100),
        closes_at=now - timedelta(days=50),
        decisions_announced_at=now + timedelta(days=10),
    )
    unannounced = FundingCallFactory(
        opens_at=now - timedelta(days=100), closes_at=now - timedelta(days=50), decisions_announced_at=None
    )
    unpublished = FundingCallFactory(
        opens_at=now - timedelta(days=100),
        closes_at=now - timedelta(days=50),
        decisions_announced_at=now - timedelta(days=1),
        published=False,
    )
    funded = ApplicationFactory(
        call=announced,
        status=ApplicationStatus.FUNDED,
        granted_amount=Decimal("150000.00"),
        partners=["Kumppani Oy", "Toinen kumppani ry"],
        summary="Hoitajakuiskaaja kotihoitoon.",
    )
    world.public.append(funded)
    world.public.append(
        ApplicationFactory(
            call=announced,
            status=ApplicationStatus.FUNDED,
            granted_amount=Decimal("90000.50"),
            use_case=UseCase.DECISION_SUPPORT,
        )
    )
    for status in (ApplicationStatus.NOT_FUNDED, ApplicationStatus.SUBMITTED, ApplicationStatus.CHOSEN):
        world.hidden.append(ApplicationFactory(call=announced, status=status, partners=["Ei näy Oy"]))
    for call in (pending, unannounced, unpublished):
        world.hidden.append(ApplicationFactory(call=call, status=ApplicationStatus.FUNDED))
    for application in world.public + world.hidden:
        ContactPersonFactory(
            organisation=application.organisation,
            is_primary=False,
            user__email=f"hakija{application.pk}{PERSONAL}",
        )
    assert Partner.objects.filter(application__in=world.public).count() == 2
    return world


def event_world() -> World:
    world = World()
    now = timezone.now().replace(microsecond=0)
    upcoming = EventFactory(type=EventType.WEBINAR, materials_fi="Diat tulossa.")
    past = EventFactory(
        starts_at=now - timedelta(days=10),
        ends_at=now - timedelta(days=10) + timedelta(hours=2),
        materials_fi="[Diat](https://example.fi/diat.pdf)",
    )
    world.public += [upcoming, past]
    world.hidden.append(EventFactory(published=False, title_fi="Luonnostapahtuma"))
    for event in world.public + world.hidden:
        for n in range(2):
            RegistrationFactory(event=event, email=f"osallistuja{event.pk}.{n}{PERSONAL}")
    return world
