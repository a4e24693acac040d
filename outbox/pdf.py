"""PDF documents (application receipts, decision letters) with WeasyPrint, offline.

The URL fetcher serves only the portal's own static files, found by the staticfiles finders,
and data: URLs; it refuses everything else (http, https, file, ftp, …), so a template or a
user-entered text can never make the renderer read the network or the server's disk.
"""

from __future__ import annotations

import mimetypes
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

#: Relative URLs in PDF templates resolve against this base (use ``{% static %}``).
BASE_URL = "https://portal.invalid/"


class RefusedURL(ValueError):
    pass


# WeasyPrint (about 25 MiB per process) is imported on the first PDF, not by every web and worker
# process that merely imports this module.
@cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        """Serves ``<BASE_URL or SITE_URL><STATIC_URL>path`` from the staticfiles finders; refuses
        the rest."""

        def __init__(self, **kwargs):
            super().__init__(allowed_protocols=("data", "http", "https"), allow_redirects=False, **kwargs)

        def static_path(self, url: str) -> str | None:
            parts = urlsplit(url)
            static = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
            origins = {urlsplit(BASE_URL)[:2], urlsplit(settings.SITE_URL)[:2]}
            if (parts.scheme, parts.netloc) not in origins or not parts.path.startswith(static):
                return None
            relative = unquote(parts.path[len(static) :])
            if not relative or relative.startswith("/") or ".." in Path(relative).parts or "\\" in relative:
                return None
            return relative

        def fetch(self, url: str, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            relative = self.static_path(url)
            found = _static_file(relative) if relative else None
            if not found:
                raise RefusedURL(f"Refused to fetch {url!r}: only the portal's static files are available.")
            path = Path(found)
            mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mimetype})

    return StaticOnlyURLFetcher


def __getattr__(name: str):
    if name == "StaticOnlyURLFetcher":
        return _fetcher_class()
    raise AttributeError(name)


def _static_file(relative: str) -> str | None:
    """The file behind a static path: collected (hashed names in production) or from the finders."""
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        collected = (root / relative).resolve()
        if root in collected.parents and collected.is_file():
            return str(collected)
    return finders.find(relative)


def render_pdf(*, template: str, context: dict[str, Any], language: str) -> bytes:
    """Render an HTML template to PDF in ``language``, tagged for assistive technology.

    PDF/UA-1 gives every document a structure tree (headings, paragraphs, tables), marks it as
    tagged and shows its title; the Act on the Provision of Digital Services (306/2019) covers
    documents too. The template's <html lang> and <title> become the PDF's /Lang and title."""
    with translation.override(language):
        html = render_to_string(
            template, {"LANGUAGE_CODE": language, "SITE_URL": settings.SITE_URL, **context}
        )
        from weasyprint import HTML

        # PDF/UA-1: tagged (structure tree, /MarkInfo), with the document's language and title.
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher_class()())
        return document.write_pdf(pdf_variant="pdf/ua-1")
