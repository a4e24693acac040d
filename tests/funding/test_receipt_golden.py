"""The 2024 round's receipts read as they did before each call got its own form.

The golden texts in ``golden/`` were rendered by the fixed-column code (before issue 19) from the
seeded 2024 demo round. After the migration to per-call forms every application's receipt PDF must
read the same in every language, apart from exactly these intended changes, applied to the golden
text by :func:`intended` (nothing else may differ):

1. Each section of the call's form is headed by its title (the fixed receipt listed the questions
   without the sections the applicant saw), e.g. "The data and its governance" before "Data origin".
2. The commitments are a section of the call's form, so they come where the form has them: after
   the last text answer and before the partners and the budget (they came after the budget).
3. The research willingness is one of the form's confirmations and reads like the commitments:
   "Not confirmed: We are willing to take part in the wider research project …" instead of
   "Willing to take part in the research project: No".

Whitespace is normalised, and so are the page counters ("1 / 2") and the list bullets that the text
extraction places wherever the page breaks fall (layout, not content). ``GOLDEN_WRITE=1`` rewrote
the golden texts, once, from the old code.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from tests.funding.helpers import layout_free, pdf_text

GOLDEN = Path(__file__).parent / "golden"
LANGUAGES = ("fi", "sv", "en")
#: The reference carries the database id and the year the row was created, which differ run to run.
REFERENCE = re.compile(r"SOTE-\d{4}-\d{4,}")
#: The fixed receipt's research line (its text is gone from the catalogues with the column).
RESEARCH_LINE = {
    "fi": "Halukas osallistumaan tutkimushankkeeseen: Ei",
    "sv": "Villig att delta i forskningsprojektet: Nej",
    "en": "Willing to take part in the research project: No",
}


def normalised(text: str) -> str:
    return " ".join(REFERENCE.sub("SOTE-YYYY-NNNN", text).split())


def receipt_texts(language: str) -> str:
    from funding import demo
    from funding.models import FundingCall
    from funding.receipts import application_pdf

    call = FundingCall.objects.get(slug=demo.SLUG_2024)
    blocks = []
    for application in call.applications.select_related("call", "organisation").order_by("project_name"):
        text = normalised(pdf_text(application_pdf(application, language=language)))
        blocks.append(f"===== {application.project_name} =====\n{text}\n")
    return "\n".join(blocks)


def blocks_of(texts: str) -> dict[str, str]:
    parts = re.split(r"^===== (.+) =====$", texts, flags=re.MULTILINE)
    return {name: layout_free(body) for name, body in zip(parts[1::2], parts[2::2], strict=True)}


def intended(golden: str, *, call, language: str) -> str:
    """The golden text with the three intended changes of the module's docstring applied."""
    from funding.models import Application
    from funding.selectors.answers import call_form_sections

    sections = call_form_sections(call, language=language)
    with translation.override(language):
        summary = str(capfirst(Application._meta.get_field("summary").verbose_name))
        partners = gettext("Partners")
        confirmed, not_confirmed = gettext("Confirmed:"), gettext("Not confirmed:")
    confirm_only = [s for s in sections if s.items and all(i.kind == "confirm" for i in s.items)]
    commitments = confirm_only[0]
    optional = [i for i in commitments.items if not i.required]
    # 3. the research line reads like a confirmation (no demo application ticked it)
    text = golden.replace(RESEARCH_LINE[language], " ".join(f"{not_confirmed} {i.label}" for i in optional))
    assert confirmed in text
    # 2. the commitments section moves before the partners
    start = text.rindex(f" {commitments.title} {confirmed} ")
    block, text = text[start:], text[:start]
    at = text.rindex(f" {partners} ")
    text = text[:at] + block + text[at:]
    # 1. each text section of the form is headed by its title
    position = text.index(f" {summary} ")
    for section in sections:
        if section is commitments:
            continue
        first = f" {section.items[0].label} "
        at = text.index(first, position)
        text = f"{text[:at]} {section.title}{text[at:]}"
        position = at + len(section.title) + len(first)
    return text


@pytest.fixture
def seeded_2024(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


@pytest.mark.django_db
def test_every_2024_receipt_reads_as_before_the_per_call_forms(seeded_2024):
    from funding import demo
    from funding.models import FundingCall

    # One seeded round read in the three languages: seeding is most of this test's time.
    call = FundingCall.objects.get(slug=demo.SLUG_2024)
    for language in LANGUAGES:
        path = GOLDEN / f"receipts-2024-{language}.txt"
        texts = receipt_texts(language)
        if os.environ.get("GOLDEN_WRITE") == "1":
            path.write_text(texts, encoding="utf-8")
        golden, now = blocks_of(path.read_text(encoding="utf-8")), blocks_of(texts)
        assert len(golden) == 14
        assert list(now) == list(golden)
        for name, text in golden.items():
            assert now[name] == intended(text, call=call, language=language), (language, name)
