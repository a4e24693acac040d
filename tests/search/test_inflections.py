"""Real Finnish and Swedish inflected forms (and a few English words) find the base words of the
domain, across every kind, in the language a visitor writes: the issue's "done when"."""

from __future__ import annotations

import pytest
from django.utils import translation

from search import selectors
from search.models import SearchDocument

# (page language, what the visitor types, kind, Finnish title of the object that must be found)
PAIRS = [
    # Finnish: case endings, consonant gradation, vowel harmony.
    ("fi", "Pirkanmaalla", "member", "Pirkanmaan hyvinvointialue"),
    ("fi", "hyvinvointialueella", "member", "Pirkanmaan hyvinvointialue"),
    ("fi", "hyvinvointialueiden", "member", "Vantaan ja Keravan hyvinvointialue"),
    ("fi", "yliopistossa", "member", "Tampereen yliopisto"),
    ("fi", "Tampereen yliopistolla", "member", "Tampereen yliopisto"),
    ("fi", "tekoälyä", "implementation", "Tekoäly kotihoidon hoitajakuiskaajana"),
    ("fi", "hoitajakuiskaajan", "implementation", "Tekoäly kotihoidon hoitajakuiskaajana"),
    ("fi", "kotihoidossa", "implementation", "Tekoäly kotihoidon hoitajakuiskaajana"),
    ("fi", "sairaalassa", "implementation", "Tekoäly kotihoidon hoitajakuiskaajana"),
    ("fi", "työryhmään", "notice", "Kirjaamisen työryhmä hakee jäseniä"),
    ("fi", "kirjaamista", "notice", "Kirjaamisen työryhmä hakee jäseniä"),
    ("fi", "päivystyksen", "event", "AI-aamu: tekoäly päivystyksessä"),
    ("fi", "webinaariin", "event", "AI-aamu: tekoäly päivystyksessä"),
    ("fi", "oirearviossa", "project", "Oirearvio ja ohjaus ajanvaraukseen"),
    ("fi", "ajanvarausta", "project", "Oirearvio ja ohjaus ajanvaraukseen"),
    ("fi", "uutiskirjeessä", "newsletter", "Uutiskirje 1/2026: lainsäädäntö ja tekoäly"),
    ("fi", "lainsäädäntöön", "newsletter", "Uutiskirje 1/2026: lainsäädäntö ja tekoäly"),
    # Without ä/ö/å, as typed on a keyboard without them.
    ("fi", "tekoalya", "implementation", "Tekoäly kotihoidon hoitajakuiskaajana"),
    ("fi", "paivystyksessa", "event", "AI-aamu: tekoäly päivystyksessä"),
    ("sv", "valfardsomradet", "member", "Pirkanmaan hyvinvointialue"),
    # The other official language's names on a Finnish page, and the other way round.
    ("fi", "Birkaland", "member", "Pirkanmaan hyvinvointialue"),
    ("sv", "Pirkanmaalla", "member", "Pirkanmaan hyvinvointialue"),
    # Swedish: definite and genitive forms.
    ("sv", "välfärdsområdet", "member", "Pirkanmaan hyvinvointialue"),
    ("sv", "Birkalands", "member", "Pirkanmaan hyvinvointialue"),
    ("sv", "universitetet", "member", "Tampereen yliopisto"),
    ("sv", "sjukhusets", "implementation", "Tekoäly kotihoidon hoitajakuiskaajana"),
    ("sv", "hemvården", "implementation", "Tekoäly kotihoidon hoitajakuiskaajana"),
    ("sv", "arbetsgruppens", "notice", "Kirjaamisen työryhmä hakee jäseniä"),
    ("sv", "dokumentationen", "notice", "Kirjaamisen työryhmä hakee jäseniä"),
    ("sv", "AI-morgonen på jourens", "event", "AI-aamu: tekoäly päivystyksessä"),
    ("sv", "tidsbokningen", "project", "Oirearvio ja ohjaus ajanvaraukseen"),
    ("sv", "nyhetsbrevet", "newsletter", "Uutiskirje 1/2026: lainsäädäntö ja tekoäly"),
    ("sv", "lagstiftningen", "newsletter", "Uutiskirje 1/2026: lainsäädäntö ja tekoäly"),
    # English, and a type of organisation that is not in its name.
    ("en", "universities", "member", "Tampereen yliopisto"),
    ("en", "wellbeing services counties", "member", "Pirkanmaan hyvinvointialue"),
    ("en", "nurse whisperers", "implementation", "Tekoäly kotihoidon hoitajakuiskaajana"),
    # Typing: the last word is a prefix.
    ("fi", "hoitajakuis", "implementation", "Tekoäly kotihoidon hoitajakuiskaajana"),
]


def test_inflected_forms_find_the_base_words(domain):
    documents = {document.title_fi: document for document in SearchDocument.objects.all()}
    misses = []
    for language, text, kind, title in PAIRS:
        expected = documents[title]
        with translation.override(language):
            groups = selectors.search(text=text, kind=kind, per_kind=50)
        found = [hit.title for group in groups for hit in group.hits]
        wanted = getattr(expected, f"title_{language}") or expected.title_fi
        if wanted not in found:
            misses.append((language, text, kind, title, found[:5]))
    assert misses == []
    assert len(PAIRS) >= 20


@pytest.mark.parametrize("text", ["tekoäly", "tekoaly"])
def test_a_word_with_or_without_its_diacritics_finds_the_same(domain, text):
    with translation.override("fi"):
        groups = selectors.search(text=text)
    assert {group.kind for group in groups} >= {"implementation", "event", "newsletter"}
