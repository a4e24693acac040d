import xml.etree.ElementTree as ET  # our own feed, not untrusted XML
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.network.factories import NoticeFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_the_atom_feed_lists_current_notices_in_the_language(client):
    now = timezone.now()
    older = NoticeFactory(title_fi="Vanhempi", title_sv="Äldre", publish_at=now - timedelta(days=2))
    newer = NoticeFactory(title_fi="Uudempi", publish_at=now - timedelta(days=1))
    NoticeFactory(
        title_fi="Vanhentunut", publish_at=now - timedelta(days=9), expires_at=now - timedelta(days=1)
    )
    NoticeFactory(title_fi="Tuleva", publish_at=now + timedelta(days=1))

    response = client.get("/sv/bulletin-board/feed/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == f"{ATOM}feed"
    assert root.get(XML_LANG) == "sv"
    assert root.find(f"{ATOM}id").text == "http://testserver/sv/bulletin-board/"
    entries = root.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["Uudempi", "Äldre"]
    assert [entry.find(f"{ATOM}link").get("href") for entry in entries] == [
        f"http://testserver/sv/bulletin-board/{newer.pk}/",
        f"http://testserver/sv/bulletin-board/{older.pk}/",
    ]
    for entry in entries:
        assert entry.find(f"{ATOM}updated").text
        assert entry.find(f"{ATOM}published").text
        assert "<strong>sisältö</strong>" in entry.find(f"{ATOM}summary").text


def test_each_language_has_its_feed(client):
    NoticeFactory(title_fi="Ilmoitus", title_en="Notice")
    for language, title in [("fi", "Ilmoitus"), ("en", "Notice")]:
        root = ET.fromstring(client.get(f"/{language}/bulletin-board/feed/").content)  # noqa: S314
        assert root.get(XML_LANG) == language
        assert [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == [title]


def _entry_languages(client, language: str) -> list[tuple[str, str | None, str | None]]:
    root = ET.fromstring(client.get(f"/{language}/bulletin-board/feed/").content)  # noqa: S314
    assert root.get(XML_LANG) == language
    return [
        (
            entry.find(f"{ATOM}title").text,
            entry.find(f"{ATOM}title").get(XML_LANG),
            entry.find(f"{ATOM}summary").get(XML_LANG),
        )
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_each_entry_names_the_language_its_texts_are_in(client):
    """A reader of the Swedish feed learns that the body missing in Swedish is given in Finnish."""
    now = timezone.now()
    NoticeFactory(
        title_fi="Ilmoitus", title_sv="Meddelande", title_en="Notice", body_en="Text.",
        publish_at=now - timedelta(days=1),
    )  # fmt: skip
    NoticeFactory(title_fi="Vain suomeksi", publish_at=now - timedelta(days=2))
    assert _entry_languages(client, "fi") == [("Ilmoitus", "fi", "fi"), ("Vain suomeksi", "fi", "fi")]
    assert _entry_languages(client, "sv") == [("Meddelande", "sv", "fi"), ("Vain suomeksi", "fi", "fi")]
    assert _entry_languages(client, "en") == [("Notice", "en", "en"), ("Vain suomeksi", "fi", "fi")]
