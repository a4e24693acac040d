import xml.etree.ElementTree as ET  # our own feed, not untrusted XML

import pytest
from django.utils import timezone

from newsletter.enums import CampaignState
from tests.newsletter.factories import CampaignFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_each_entry_names_the_language_of_the_version_it_gives(client):
    """A newsletter without a Swedish version is in the Swedish feed in Finnish, and says so."""
    now = timezone.now()
    CampaignFactory(
        subject_fi="Uutiskirje", body_fi="Hei.", subject_en="Newsletter", body_en="Hello.",
        state=CampaignState.SENT, finished_at=now,
    )  # fmt: skip
    expected = {"fi": ("Uutiskirje", "fi"), "sv": ("Uutiskirje", "fi"), "en": ("Newsletter", "en")}
    for language, (title, text_language) in expected.items():
        root = ET.fromstring(client.get(f"/{language}/newsletter/archive/feed.atom").content)  # noqa: S314
        assert root.get(XML_LANG) == language
        [entry] = root.findall(f"{ATOM}entry")
        assert entry.find(f"{ATOM}title").text == title
        assert entry.find(f"{ATOM}title").get(XML_LANG) == text_language
        assert entry.find(f"{ATOM}summary").get(XML_LANG) == text_language
