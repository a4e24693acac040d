"""AI implementations and the bulletin board in the site-wide search (see core.search)."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from django.db.models import Prefetch

from core.search import Document, field_in, per_language, public_text
from members.selectors import organisations_by_name
from network.enums import ImplementationStatus
from network.models import Implementation, Notice


def _names(organisations, code: str) -> str:
    return " ".join(field_in(organisation, "name", code) for organisation in organisations)


def implementation_documents(ids: Collection[int] | None) -> Iterator[Document]:
    implementations = (
        Implementation.objects.filter(status=ImplementationStatus.PUBLISHED)
        .select_related("region", "owner")
        .prefetch_related(Prefetch("organisations", queryset=organisations_by_name()))
        .order_by("pk")
    )
    if ids is not None:
        implementations = implementations.filter(pk__in=ids)
    for item in implementations:
        organisations = [item.owner, *item.organisations.all()]
        yield Document(
            kind="implementation",
            object_id=item.pk,
            url_name="network:implementation_detail",
            url_kwargs={"pk": item.pk},
            title=per_language(lambda code, i=item: field_in(i, "title", code)),
            summary=per_language(
                lambda code, i=item, o=organisations: public_text(
                    i.get_use_case_display(),
                    i.get_stage_display(),
                    field_in(i.region, "name", code),
                    _names(o, code),
                )
            ),
            body=per_language(
                lambda code, i=item: public_text(
                    field_in(i, "description", code), field_in(i, "results", code)
                )
            ),
            date=item.published_at,
        )


def notice_documents(ids: Collection[int] | None) -> Iterator[Document]:
    """Every notice, with the moments it appears on the board and leaves it."""
    notices = Notice.objects.order_by("pk")
    if ids is not None:
        notices = notices.filter(pk__in=ids)
    for notice in notices:
        yield Document(
            kind="notice",
            object_id=notice.pk,
            url_name="network:notice_detail",
            url_kwargs={"pk": notice.pk},
            title=per_language(lambda code, n=notice: field_in(n, "title", code)),
            summary=per_language(lambda code, n=notice: field_in(n, "summary", code)),
            body=per_language(lambda code, n=notice: field_in(n, "body", code)),
            visible_from=notice.publish_at,
            visible_until=notice.expires_at,
            date=notice.publish_at,
        )


KINDS = {"implementation": implementation_documents, "notice": notice_documents}
