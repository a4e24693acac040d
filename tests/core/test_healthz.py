import json

import pytest
from django.db import connection
from django.db.utils import OperationalError


@pytest.mark.django_db
def test_healthz_answers_200_with_json_when_the_database_answers(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "broker": "eager"}


@pytest.mark.django_db
def test_healthz_reports_an_unreachable_broker_but_stays_up(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert json.loads(response.content)["broker"] == "unavailable"


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client, settings, monkeypatch):
    settings.REDIS_URL = ""

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    # The database server is the outside world here: make it refuse the connection.
    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "unavailable", "broker": "eager"}


@pytest.mark.django_db
def test_healthz_answers_for_hosts_outside_allowed_hosts(client, settings):
    """Container probes use an internal address."""
    settings.REDIS_URL = ""
    response = client.get("/healthz/", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200


@pytest.mark.django_db
def test_readyz_reports_each_dependency(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/readyz/", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "degraded",
        "database": "ok",
        "cache": "ok",
        "broker": "unavailable",
    }


@pytest.mark.django_db
def test_readyz_answers_503_when_the_database_does_not(client, settings, monkeypatch):
    settings.REDIS_URL = ""

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "error",
        "database": "unavailable",
        "cache": "ok",
        "broker": "eager",
    }
