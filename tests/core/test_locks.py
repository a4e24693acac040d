"""The one row lock: the fresh row, locked with the statement each caller had before."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core.locks import lock_row
from members.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_lock_row_returns_the_row_as_it_is_now():
    organisation = OrganisationFactory(name="Vanha nimi")
    Organisation.objects.filter(pk=organisation.pk).update(name="Uusi nimi")
    with transaction.atomic():
        locked = lock_row(organisation)
    assert (locked.pk, locked.name, organisation.name) == (organisation.pk, "Uusi nimi", "Vanha nimi")
    assert locked is not organisation


def test_lock_row_locks_the_row_for_update():
    organisation = OrganisationFactory()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        lock_row(organisation)
    assert len(queries) == 1
    assert queries[0]["sql"].split(" LIMIT 21 ")[1] == "FOR UPDATE"


def test_with_related_rows_only_its_own_row_is_locked_and_they_are_read_along():
    organisation = OrganisationFactory()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        locked = lock_row(organisation, related=("region",))
        locked.region  # noqa: B018  (read along: no second query)
    assert len(queries) == 1
    assert queries[0]["sql"].split(" LIMIT 21 ")[1] == 'FOR UPDATE OF "members_organisation"'
    assert queries[0]["sql"].count(' JOIN "members_welfareregion" ') == 1


def test_a_row_that_is_gone_raises_does_not_exist():
    organisation = OrganisationFactory()
    Organisation.objects.filter(pk=organisation.pk).delete()
    with transaction.atomic(), pytest.raises(Organisation.DoesNotExist):
        lock_row(organisation)
