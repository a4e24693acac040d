"""The public project list from the shared cache (core.public_cache): served without queries, renewed
as soon as a project is published or edited. Transactional: only committed data is cached."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects import services
from tests.projects.factories import coordinator
from tests.projects.test_views import published

pytestmark = pytest.mark.django_db(transaction=True)
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def get(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), CSRF_TOKEN.sub("csrf", response.content.decode())


def test_the_list_is_served_from_the_cache_until_a_project_changes(client):
    project = published()
    first = get(client, "/fi/projects/")[1]
    queries, again = get(client, "/fi/projects/")
    assert (queries, again) == (0, first)
    assert project.public_title_fi in first

    services.project_update(project=project, actor=coordinator(), fields={"public_title_fi": "Uusi otsikko"})
    assert "Uusi otsikko" in get(client, "/fi/projects/")[1]
    other = published()
    assert other.public_title_fi in get(client, "/fi/projects/")[1]
