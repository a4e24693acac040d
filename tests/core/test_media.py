"""Production serves what it stores: uploaded logos with DEBUG off and cache headers; private files never."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from tests.factories import ContactPersonFactory
from tests.members.test_views import logo_upload

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_an_uploaded_logo_is_served_with_debug_off_and_cache_headers(client, settings, tmp_path):
    settings.DEBUG = False
    settings.MEDIA_ROOT = tmp_path / "media"
    contact = ContactPersonFactory()
    client.force_login(contact.user)
    organisation = contact.organisation
    upload = logo_upload()
    response = client.post(
        f"/fi/members/my/{organisation.pk}/",
        {
            "name_fi": "Logo Oy",
            "type": "company",
            "municipality": "Oulu",
            "listed_publicly": "on",
            "logo": upload,
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    served = Client().get(organisation.logo.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert served["Cache-Control"] == f"public, max-age={settings.MEDIA_MAX_AGE}"
    assert "sandbox" in served["Content-Security-Policy"]
    upload.seek(0)
    assert b"".join(served.streaming_content) == upload.read()
    again = Client().get(organisation.logo.url, HTTP_IF_MODIFIED_SINCE=served["Last-Modified"])
    assert again.status_code == 304


def test_private_files_and_paths_outside_media_root_are_not_served(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (tmp_path / "media").mkdir()
    (tmp_path / "private" / "funding").mkdir(parents=True)
    (tmp_path / "private" / "funding" / "liite.pdf").write_bytes(b"%PDF-1.4 secret")
    for path in [
        "/media/../private/funding/liite.pdf",
        "/media/%2e%2e/private/funding/liite.pdf",
        "/media/funding/liite.pdf",
        "/media/",
    ]:
        assert client.get(path).status_code in {400, 404}, path


def test_object_storage_is_configured_by_the_environment():
    """With MEDIA_S3_BUCKET set, public media go to the S3-compatible store, with plain URLs that
    stay the same and a Cache-Control header on every object (no network needed to check)."""
    from storages.backends.s3 import S3Storage

    from ecosystem.settings import media_storage

    assert media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    config = media_storage(
        {
            "MEDIA_S3_BUCKET": "portal-media",
            "MEDIA_S3_ENDPOINT_URL": "https://s3.example.fi",
            "MEDIA_S3_ACCESS_KEY_ID": "key",
            "MEDIA_S3_SECRET_ACCESS_KEY": "secret",
        }
    )
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    storage = S3Storage(**config["OPTIONS"])
    assert storage.url("logos/a.png") == "https://s3.example.fi/portal-media/media/logos/a.png"
    assert storage.get_object_parameters("logos/a.png")["CacheControl"] == "public, max-age=604800"
