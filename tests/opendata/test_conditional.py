"""ETag and Last-Modified: 304 for a current copy, 200 as soon as what the client would get changes."""

from __future__ import annotations

import pytest

from tests.events.factories import EventFactory
from tests.network.factories import ImplementationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def implementation():
    return ImplementationFactory(title_en="Triage assistant")


@pytest.mark.parametrize("path", ["/api/v1/implementations/", "/api/v1/implementations/{pk}/"])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_if_none_match(api, implementation, path, fmt):
    url = path.format(pk=implementation.pk) + f"?format={fmt}"
    first = api.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) == 42
    again = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Last-Modified"] == first["Last-Modified"]
    assert api.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200

    implementation.title_fi = "Uusi nimi"
    implementation.save()
    changed = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Uusi nimi" in changed.content.decode("utf-8")


def test_if_modified_since(api, implementation):
    url = "/api/v1/implementations/"
    first = api.get(url)
    modified = first["Last-Modified"]
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    ImplementationFactory()
    changed = api.get(url, HTTP_IF_MODIFIED_SINCE=modified)
    assert changed.status_code == 200
    assert changed["Last-Modified"] != modified
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=changed["Last-Modified"]).status_code == 304


def test_each_language_and_format_has_its_own_etag(api, implementation):
    url = f"/api/v1/implementations/{implementation.pk}/"
    etags = {
        api.get(url, {"lang": "fi"})["ETag"],
        api.get(url, {"lang": "en"})["ETag"],
        api.get(url, {"format": "csv"})["ETag"],
    }
    assert len(etags) == 3
    finnish = api.get(url, {"lang": "fi"})
    assert api.get(url, {"lang": "en"}, HTTP_IF_NONE_MATCH=finnish["ETag"]).status_code == 200
    assert finnish["Vary"] == "Accept, Accept-Language"
    assert finnish["Cache-Control"] == "public, max-age=60"


def test_an_event_that_ends_changes_the_list_without_an_edit(api):
    from datetime import timedelta

    from django.utils import timezone

    event = EventFactory()
    url = "/api/v1/events/?when=upcoming"
    first = api.get(url)
    assert len(first.json()["results"]) == 1
    # The event ends: no model change signal, yet the answer differs, and so does the ETag.
    type(event).objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    later = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert later.status_code == 200
    assert later.json()["results"] == []


def test_head_answers_like_get_without_a_body(api, implementation):
    url = "/api/v1/implementations/"
    head = api.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == api.get(url)["ETag"]
    assert api.head(url, HTTP_IF_NONE_MATCH=head["ETag"]).status_code == 304


def test_errors_have_no_etag(api):
    response = api.get("/api/v1/implementations/999999/")
    assert response.status_code == 404
    assert "ETag" not in response


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_members_body_is_kept_exactly_as_long_as_its_rows(api, fmt):
    """The rendered list is served from the cache (one query: the rows' fingerprint) until a row it
    shows, or a welfare region it names, changes; then the new body and a new ETag at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from members.models import Organisation, WelfareRegion
    from tests.factories import OrganisationFactory

    Organisation.objects.update(listed_publicly=False)
    region = WelfareRegion.objects.first()
    member = OrganisationFactory(name_fi="Ensimmäinen jäsen", region=region, listed_publicly=True)
    url = f"/api/v1/members/?format={fmt}"
    first = api.get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        kept = api.get(url)
    assert len(queries) == 1
    assert (kept.content, kept["ETag"], kept["Content-Type"], kept.get("X-Total-Count")) == (
        first.content, first["ETag"], first["Content-Type"], first.get("X-Total-Count"),
    )  # fmt: skip
    assert kept.get("Content-Disposition") == first.get("Content-Disposition")
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    Organisation.objects.filter(pk=member.pk).update(name_fi="Uusi nimi")  # no signal, no save()
    renamed = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert renamed.status_code == 200
    assert "Uusi nimi" in renamed.content.decode("utf-8")
    WelfareRegion.objects.filter(pk=region.pk).update(name_fi="Uusi hyvinvointialue")
    assert "Uusi hyvinvointialue" in api.get(url).content.decode("utf-8")
    Organisation.objects.filter(pk=member.pk).update(listed_publicly=False)
    assert "Uusi nimi" not in api.get(url).content.decode("utf-8")


def test_the_events_body_is_kept_until_a_row_changes_or_an_event_ends(api, monkeypatch):
    """The event list's body comes from the cache (the rows' fingerprint and how many have ended, no
    serialisation) until an event changes, or ends and so shows its materials; ETag and 304 as before."""
    from datetime import timedelta

    from django.utils import timezone

    from opendata import serializers

    event = EventFactory(title_en="AI morning", materials="[Slides](https://example.fi/slides.pdf)")
    url = "/api/v1/events/?lang=en"
    first = api.get(url)
    assert first.json()["results"][0]["materials"] == ""
    serialise = serializers.EventSerializer.to_representation

    def refused(self, instance):
        raise AssertionError("serialised again")

    monkeypatch.setattr(serializers.EventSerializer, "to_representation", refused)
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert api.get(url).content == first.content
    monkeypatch.setattr(serializers.EventSerializer, "to_representation", serialise)

    type(event).objects.filter(pk=event.pk).update(title_en="AI morning on speech")  # no signal
    renamed = api.get(url)
    assert renamed.json()["results"][0]["title"] == "AI morning on speech"
    # Time passes and the event ends, no row changes: the body now has the materials.
    later = event.ends_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    ended = api.get(url, HTTP_IF_NONE_MATCH=renamed["ETag"])
    assert ended.status_code == 200
    assert ended.json()["results"][0]["materials"] == "[Slides](https://example.fi/slides.pdf)"
