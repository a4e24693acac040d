"""The test suite's own shortcut: after a transactional test the database is exactly what the migrations left.

tests/conftest.py replaces Django's object-by-object restore with COPY and its TRUNCATE of every
table with DELETE of the filled ones; both must leave what Django's own would: every table empty
after the flush, and after the restore the very rows Django serialized when it created the database.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connections

from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def test_flush_empties_every_table_and_the_restore_brings_back_exactly_the_migrations_rows():
    connection = connections["default"]
    contents = connection._test_serialized_contents
    migrated = row_counts()
    OrganisationFactory.create_batch(3)
    UserFactory()

    # As TransactionTestCase flushes after each test: sequences are left as they are.
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True)
    assert {label: count for label, count in row_counts().items() if count} == {}
    connection.creation.deserialize_db_from_string(contents)
    assert row_counts() == migrated
    assert connection.creation.serialize_db_to_string() == contents

    assert migrated["members.WelfareRegion"] == 21
