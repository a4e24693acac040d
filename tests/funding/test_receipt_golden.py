"""The 2024 round's receipts render as they did before each call got its own form.

The golden texts in ``golden/`` were rendered by the fixed-column code (before issue 19) from the
seeded 2024 demo round; after the migration to per-call forms every application's receipt PDF must
read the same, in every language. ``GOLDEN_WRITE=1`` rewrites them (only ever from the old code).
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from tests.funding.helpers import pdf_text

GOLDEN = Path(__file__).parent / "golden"
LANGUAGES = ("fi", "sv", "en")
#: The reference carries the database id and the year the row was created, which differ run to run.
REFERENCE = re.compile(r"SOTE-\d{4}-\d{4,}")


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


@pytest.fixture
def seeded_2024(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_2024_receipt_reads_as_before_the_per_call_forms(seeded_2024, language):
    path = GOLDEN / f"receipts-2024-{language}.txt"
    texts = receipt_texts(language)
    if os.environ.get("GOLDEN_WRITE") == "1":
        path.write_text(texts, encoding="utf-8")
    assert texts.count("===== ") == 14
    assert texts == path.read_text(encoding="utf-8")
