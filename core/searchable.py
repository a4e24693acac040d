"""The content pages in the site-wide search (see core.search)."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from core.models import Page
from core.search import Document, field_in, per_language

#: Pages that are parts of other pages, not pages of their own.
NOT_PAGES = ("home",)


def page_documents(ids: Collection[int] | None) -> Iterator[Document]:
    pages = Page.objects.exclude(slug__in=NOT_PAGES).order_by("pk")
    if ids is not None:
        pages = pages.filter(pk__in=ids)
    for page in pages:
        yield Document(
            kind="page",
            object_id=page.pk,
            url_name="core:page",
            url_kwargs={"slug": page.slug},
            title=per_language(lambda code, p=page: field_in(p, "title", code)),
            body=per_language(lambda code, p=page: field_in(p, "body", code)),
            date=page.updated_at,
        )


KINDS = {"page": page_documents}
