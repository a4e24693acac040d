"""Every PDF the portal produces is tagged (PDF/UA-1): structure tree, marked, language, title, headings."""

import io

import pypdf
import pytest
from pypdf.generic import BooleanObject

from funding import exports
from funding.receipts import application_pdf
from funding.services import letters
from outbox.pdf import render_pdf
from tests.funding.review_factories import coordinator, submitted_application
from tests.funding.test_letters import decided, letter_call

pytestmark = pytest.mark.django_db


def structure_types(node, found: set[str]) -> set[str]:
    node = node.get_object()
    if "/S" in node:
        found.add(str(node["/S"]))
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids]:
        if kid is not None and isinstance(kid.get_object(), dict):
            structure_types(kid, found)
    return found


def assert_tagged(document: bytes, *, language: str, title: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(document))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert root["/Lang"] == language
    assert reader.metadata.title == title
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert "/H1" in structure_types(root["/StructTreeRoot"], set())


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_receipts_decision_letters_and_the_meeting_bundle_are_tagged(language):
    application = decided(language=language, call=letter_call(title_fi="Haku", title_sv="Utlysning"))
    assert_tagged(application_pdf(application, language=language), language=language, title=str(application))
    decision = letters.decision_for_letter(application, include_pending=True)
    letter = letters.decision_letter_pdf(application, decision, language=language)
    heading = {"fi": "Rahoituspäätös", "sv": "Finansieringsbeslut"}[language]
    assert_tagged(letter, language=language, title=f"{heading}: {application}")

    submitted_application(application.call)
    bundle = exports.ranking_bundle_pdf(call=application.call, viewer=coordinator(), language=language)
    assert_tagged(bundle, language=language, title={"fi": "Haku", "sv": "Utlysning"}[language])


def test_call_documents_are_tagged():
    document = render_pdf(
        template="pdf/funding_document.html", context={"title": "Hakuilmoitus"}, language="en"
    )
    assert_tagged(document, language="en", title="Hakuilmoitus")
