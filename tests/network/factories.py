import factory
from django.utils import timezone

from members.models import ContactPerson, CoordinationGroupSeat
from network.enums import ImplementationStatus, PersonRole, Stage, UseCase
from network.models import Implementation, Notice, Person, WorkingGroup
from tests.factories import OrganisationFactory, UserFactory


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    first_name = factory.SelfAttribute("user.first_name")
    last_name = factory.SelfAttribute("user.last_name")
    email = factory.SelfAttribute("user.email")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Henkilö {n}")
    title_fi = "Asiantuntija"
    organisation = factory.LazyFunction(
        lambda: CoordinationGroupSeat.objects.order_by("order").first().organisation
    )
    role = PersonRole.MEMBER
    email = factory.Sequence(lambda n: f"henkilo{n}@example.fi")
    order = factory.Sequence(lambda n: n)


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    slug = factory.Sequence(lambda n: f"ryhma-{n}")
    name_fi = factory.Sequence(lambda n: f"Työryhmä {n}")
    goals_fi = "- Tavoite"


class ImplementationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Implementation
        skip_postgeneration_save = True

    title_fi = factory.Sequence(lambda n: f"Toteutus {n}")
    owner = factory.SubFactory(OrganisationFactory)
    use_case = UseCase.NURSE_WHISPERER
    stage = Stage.PILOT
    description_fi = "Kuvaus."
    start_year = 2025
    status = ImplementationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    title_fi = factory.Sequence(lambda n: f"Ilmoitus {n}")
    body_fi = "Ilmoituksen **sisältö**."
    publish_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))
