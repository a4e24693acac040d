"""Finnish shown in place of a missing Swedish or English text says so: lang="fi" and a visible note."""

import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from newsletter.enums import CampaignState
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.network.factories import ImplementationFactory, NoticeFactory
from tests.newsletter.factories import CampaignFactory

pytestmark = pytest.mark.django_db

NOTES = {"sv": "Endast på finska", "en": "Only in Finnish"}


def note_count(html: str, lang: str) -> int:
    return html.count(f'<p class="lang-note">{NOTES[lang]}</p>') + html.count(
        f'<span class="lang-note">{NOTES[lang]}</span>'
    )


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_bulletin_board_marks_finnish_summaries_and_says_so_once_per_card(client, lang):
    notice = NoticeFactory(
        title_sv="Anslag", title_en="Notice", summary_fi="Tiivistelmä vain suomeksi.", body_fi="Runko."
    )
    html = client.get(f"/{lang}/bulletin-board/").content.decode()
    assert '<p lang="fi">Tiivistelmä vain suomeksi.</p>' in html
    assert note_count(html, lang) == 1

    html = client.get(f"/{lang}/bulletin-board/{notice.pk}/").content.decode()
    assert '<p class="lead" lang="fi">Tiivistelmä vain suomeksi.</p>' in html
    assert '<div class="page-body" lang="fi">' in html
    assert note_count(html, lang) == 1


def test_nothing_is_marked_when_the_translation_exists_or_the_page_is_finnish(client):
    NoticeFactory(title_sv="Anslag", summary_fi="Tiivistelmä.", summary_sv="Sammanfattning.")
    html = client.get("/sv/bulletin-board/").content.decode()
    assert 'lang="fi">' not in html.split("<main")[1].split("</main>")[0]
    assert note_count(html, "sv") == 0
    html = client.get("/fi/bulletin-board/").content.decode()
    assert "lang-note" not in html


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_implementations_events_and_the_newsletter_archive_say_so(client, lang):
    implementation = ImplementationFactory(title_fi="Hoitajakuiskaaja", description_fi="Kuvaus.")
    event = EventFactory(description_fi="Kuvaus vain suomeksi.")
    campaign = CampaignFactory(
        subject_fi="Uutiskirje 1/2026", state=CampaignState.SENT, finished_at=timezone.now()
    )
    html = client.get(f"/{lang}/ai-implementations/{implementation.pk}/").content.decode()
    assert '<h1 lang="fi">Hoitajakuiskaaja</h1>' in html
    assert note_count(html, lang) == 1
    html = client.get(f"/{lang}/ai-implementations/").content.decode()
    assert re.search(r'<h3 lang="fi"><a href="[^"]+">Hoitajakuiskaaja</a></h3>', html)
    html = client.get(f"/{lang}/events/{event.slug}/").content.decode()
    assert '<div class="event-description" lang="fi">' in html
    assert note_count(html, lang) == 1
    html = client.get(f"/{lang}/newsletter/archive/").content.decode()
    assert f'lang="fi">Uutiskirje 1/2026</a> <span class="lang-note">{NOTES[lang]}</span>' in html
    html = client.get(f"/{lang}/newsletter/archive/{campaign.pk}/").content.decode()
    assert note_count(html, lang) == 0  # its note carries the page's language
    assert f'<p class="lang-note" lang="{lang}">{NOTES[lang]}</p>' in html


@pytest.fixture
def coordinator_client(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(user)
    return client


def test_admin_lists_filter_and_show_missing_translations_and_the_index_counts_them(coordinator_client):
    NoticeFactory(title_fi="Vain suomeksi")
    NoticeFactory(title_fi="Ruotsiksi myös", title_sv="Även på svenska", body_sv="Text.")
    html = coordinator_client.get("/fi/admin/network/notice/?missing_translation=sv").content.decode()
    assert "Vain suomeksi" in html
    assert "Ruotsiksi myös" not in html
    html = coordinator_client.get("/fi/admin/network/notice/?missing_translation=en").content.decode()
    assert "Vain suomeksi" in html and "Ruotsiksi myös" in html
    assert '<td class="field-missing_translations_column">sv, en</td>' in html
    html = coordinator_client.get("/fi/admin/").content.decode()
    assert '<a href="/fi/admin/network/notice/?missing_translation=sv">1</a>' in html
    assert '<a href="/fi/admin/network/notice/?missing_translation=en">2</a>' in html
