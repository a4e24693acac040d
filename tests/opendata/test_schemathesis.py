"""Property-based run of the API against its own OpenAPI document (schemathesis, in-process WSGI)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ecosystem.wsgi import application
from tests.opendata import factories

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 25


def exercise(operation) -> set[int]:
    """Run the checks on generated requests to ``operation``; the statuses it answered with."""
    statuses: set[int] = set()

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        statuses.add(case.call_and_validate(checks=CHECKS).status_code)

    run()
    return statuses


@pytest.fixture
def keep_connection():
    """Calling the WSGI application directly sends request_started/finished, whose handler closes the
    database connection of the test's transaction; Django's test client disconnects it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeded():
    members = factories.member_world()
    factories.implementation_world(members.public[0], members.hidden[0])
    factories.funding_world()
    factories.event_world()


def test_every_operation_conforms_to_the_schema(seeded, keep_connection):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert sorted(op.label for op in operations) == [
        "GET /api/v1/events/",
        "GET /api/v1/events/{slug}/",
        "GET /api/v1/funded-projects/",
        "GET /api/v1/funded-projects/{id}/",
        "GET /api/v1/implementations/",
        "GET /api/v1/implementations/{id}/",
        "GET /api/v1/members/",
        "GET /api/v1/members/{id}/",
    ]
    statuses = {operation.label: exercise(operation) for operation in operations}
    # The run reached real records, not only errors.
    assert all(200 in found for label, found in statuses.items() if not label.endswith("}/")), statuses
