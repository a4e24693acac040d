"""The member directory in the site-wide search (see core.search): listed member organisations, found
by their names in every language, their type and their welfare region's names in every language."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from core.search import Document, field_in, per_language, public_text
from members.selectors import public_organisations

KIND = "member"


def organisation_documents(ids: Collection[int] | None) -> Iterator[Document]:
    organisations = public_organisations().select_related("region").order_by("pk")
    if ids is not None:
        organisations = organisations.filter(pk__in=ids)
    for organisation in organisations:
        region = organisation.region
        yield Document(
            kind=KIND,
            object_id=organisation.pk,
            url_name="members:profile",
            url_kwargs={"pk": organisation.pk},
            title=per_language(lambda code, o=organisation: field_in(o, "name", code)),
            summary=per_language(
                lambda code, o=organisation, r=region: public_text(
                    o.get_type_display(), field_in(r, "name", code), o.municipality
                )
            ),
            body=per_language(lambda code, o=organisation: field_in(o, "description", code)),
            date=organisation.member_since,
        )


KINDS = {KIND: organisation_documents}
