"""Files for the attachment tests, and reading PDFs."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_bytes(text: str = "Liite") -> bytes:
    from outbox.pdf import render_pdf

    return render_pdf(template="pdf/funding_document.html", context={"title": text}, language="fi")


def office_bytes(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def layout_free(text: str) -> str:
    """A PDF's text with whitespace normalised and without the page counters ("1 / 2") and list
    bullets that the extraction places wherever the page breaks fall."""
    import re

    return " ".join(re.sub(r"(?<!\S)\d+ / \d+(?!\S)", " ", text.replace("•", " ")).split())


def html_text(html: str) -> str:
    """A page's text: tags dropped, entities decoded, whitespace normalised."""
    import html as html_module
    import re

    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())
