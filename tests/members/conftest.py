"""Helpers for the membership tests."""

from __future__ import annotations

import re

import pytest

from members.enums import OrganisationType
from members.models import WelfareRegion
from members.services import Application
from tests.factories import valid_business_id

ACTIVATION_LINK = re.compile(r"https?://\S+/(fi|sv|en)/members/activate/[0-9a-z]+/[0-9A-Za-z-]+/")


def application(**overrides) -> Application:
    values = {
        "name": "Kuulas Terveysdata Oy",
        "business_id": valid_business_id(777_001),
        "type": OrganisationType.COMPANY,
        "region": WelfareRegion.objects.get(code="pirkanmaa"),
        "municipality": "Tampere",
        "website": "https://kuulas.example.fi/",
        "description": "Tekoälyä hoitotyön kirjaamiseen.",
        "listed_publicly": True,
        "first_name": "Aino",
        "last_name": "Virtanen",
        "title": "Toimitusjohtaja",
        "email": "aino.virtanen@kuulas.example.fi",
        "language": "fi",
    }
    values.update(overrides)
    return Application(**values)


def join_post(**overrides) -> dict[str, str]:
    """The join form's fields as a browser posts them."""
    values = {
        "name": "Kuulas Terveysdata Oy",
        "business_id": valid_business_id(777_001),
        "type": "company",
        "region": str(WelfareRegion.objects.get(code="pirkanmaa").pk),
        "municipality": "Tampere",
        "website": "https://kuulas.example.fi/",
        "description": "Tekoälyä hoitotyön kirjaamiseen.",
        "listed_publicly": "on",
        "first_name": "Aino",
        "last_name": "Virtanen",
        "title": "Toimitusjohtaja",
        "email": "aino.virtanen@kuulas.example.fi",
        "language": "fi",
        "accept_terms": "on",
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def activation_link(text: str) -> str:
    match = ACTIVATION_LINK.search(text)
    assert match is not None, text
    return match.group(0)


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Run the code, then the on-commit hooks that hand its mail to (eager) Celery."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture(autouse=True)
def _organisations_searchable(monkeypatch):
    """The directory's search reads search documents: the factories build them in these tests."""
    monkeypatch.setattr("tests.factories.INDEX_ORGANISATIONS", True)
