"""The Finnish, Swedish and English catalogues are complete, real and compiled."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ["fi", "sv", "en"]


def catalogue(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entries(lang):
    po = catalogue(lang)
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_its_source(lang):
    po = catalogue(lang)
    mo = polib.mofile(str(LOCALE / lang / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in po.translated_entries()
    }
    assert compiled == source, "run `make messages` to recompile"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_catalogue_is_a_real_translation_not_a_copy_of_english(lang):
    po = catalogue(lang)
    entries = [e for e in po.translated_entries() if len(e.msgid) > 12 and not e.msgid_plural]
    same = [e.msgid for e in entries if e.msgstr == e.msgid]
    # Proper names and codes may stay; prose may not.
    assert len(same) <= len(entries) // 20, same


def test_all_catalogues_carry_the_same_messages():
    ids = [{(e.msgctxt, e.msgid) for e in catalogue(lang)} for lang in LANGUAGES]
    assert ids[0] == ids[1] == ids[2]
