"""The human documentation page of the open data API."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.network.factories import ImplementationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_page_in_each_language(client, language):
    response = client.get(f"/{language}/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1>") == 1
    assert "CC BY 4.0" in html
    assert 'href="/api/v1/schema/"' in html
    for path in [
        "/api/v1/members/",
        "/api/v1/implementations/",
        "/api/v1/funded-projects/",
        "/api/v1/events/",
    ]:
        assert f"<code>{path}</code>" in html
    assert "<style" not in html and "style=" not in html and "<script" not in html


def test_the_page_lists_every_filter_and_field_of_the_api(client):
    from opendata import api

    html = client.get("/en/open-data/").content.decode()
    for viewset in (api.MemberViewSet, api.ImplementationViewSet, api.FundedProjectViewSet, api.EventViewSet):
        for name in viewset.filterset_class.base_filters:
            assert f"<code>{name}</code>" in html, name
    for name in ["region.code", "owner.member_id", "partners.name", "lead_applicant.type_label", "materials"]:
        assert f"<code>{name}</code>" in html, name
    for name in ["languages.description", "region.languages.name", "call.languages.title"]:
        assert f"<code>{name}</code>" in html, name
    assert "<h1>Open data</h1>" in html


def test_the_page_runs_no_queries_whatever_the_data(client):
    counts = []
    for n in (1, 20):
        ImplementationFactory.create_batch(n)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/fi/open-data/").status_code == 200
        counts.append(len(queries))
    assert counts == [0, 0]


def test_the_schema_is_json_and_english_unless_asked(client):
    response = client.get("/api/v1/schema/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oai.openapi+json"
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["license"]["name"] == "CC BY 4.0"
    assert document["paths"]["/api/v1/members/"]["get"]["summary"] == "Member organisations"
    finnish = client.get("/api/v1/schema/?lang=fi", HTTP_HOST="localhost").json()
    assert finnish["paths"]["/api/v1/members/"]["get"]["summary"] == "Jäsenorganisaatiot"
    assert client.get("/api/v1/schema/?format=yaml", HTTP_HOST="localhost").content.startswith(b"openapi: 3.")
