import factory
from django.contrib.auth import get_user_model

from members.enums import MembershipStatus, OrganisationType
from members.models import Organisation
from members.validators import business_id_check_digit

#: Whether OrganisationFactory builds the organisation's search document (see its ``search_document``).
INDEX_ORGANISATIONS = False


def valid_business_id(n: int) -> str:
    while True:
        digits = f"{(1_000_000 + n) % 10_000_000:07d}"
        check = business_id_check_digit(digits)
        if check is not None:
            return f"{digits}-{check}"
        n += 1


class UserFactory(factory.django.DjangoModelFactory):
    """A user. Staff users get an authenticator app (TOTP), as the portal requires of them before
    they reach the admin; ``UserFactory(is_staff=True, totp=False)`` makes one without."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.fi")
    first_name = "Maija"
    last_name = factory.Sequence(lambda n: f"Meikäläinen{n}")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create and self.is_staff and extracted is not False:
            from tests.support.mfa import give_totp

            give_totp(self)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testiyritys {n} Oy")
    name_fi = factory.SelfAttribute("name")
    business_id = factory.Sequence(lambda n: valid_business_id(n * 13))
    type = OrganisationType.COMPANY
    status = MembershipStatus.MEMBER
    listed_publicly = True

    @factory.post_generation
    def search_document(self, create, extracted, **kwargs):
        """The directory's ``?q=`` reads the search documents, which the services keep up to date. A
        factory writes the row directly; where ``INDEX_ORGANISATIONS`` is on (the membership tests) it
        builds the document the way the services' hook does. Off elsewhere: it costs a few queries."""
        if create and INDEX_ORGANISATIONS:
            from search.services import documents_refresh

            documents_refresh(kind="member", ids=[self.pk])


class ContactPersonFactory(factory.django.DjangoModelFactory):
    """A contact person whose account is active: a password and a verified address."""

    class Meta:
        model = "members.ContactPerson"
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    first_name = factory.SelfAttribute("user.first_name")
    last_name = factory.SelfAttribute("user.last_name")
    title = "Kehitysjohtaja"
    email = factory.SelfAttribute("user.email")
    language = "fi"
    is_primary = True

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=self.user, email=self.user.email, defaults={"verified": True, "primary": True}
            )
