import pytest
from django.contrib.auth.models import Group

from core.groups import COORDINATORS, STEERING_GROUP
from tests.factories import OrganisationFactory, UserFactory
from tests.network.factories import ContactPersonFactory


@pytest.fixture
def coordinator(db):
    user = UserFactory(email="koordinaattori.testi@example.fi", is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return user


@pytest.fixture
def steering_member(db):
    user = UserFactory(email="ohjausryhma.testi@example.fi", is_staff=True)
    user.groups.add(Group.objects.get(name=STEERING_GROUP))
    return user


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Oma Organisaatio Oy")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Toinen Organisaatio Oy")


@pytest.fixture
def contact(organisation):
    """A signed-up contact person of ``organisation`` (members.ContactPerson)."""
    return ContactPersonFactory(organisation=organisation).user


@pytest.fixture
def other_contact(other_organisation):
    return ContactPersonFactory(organisation=other_organisation).user
