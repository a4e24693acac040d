"""Published events, upcoming and past, in the site-wide search (see core.search)."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from django.db.models import Prefetch

from core.search import Document, field_in, per_language, public_text
from events.models import Event, ProgrammeItem


def event_documents(ids: Collection[int] | None) -> Iterator[Document]:
    events = (
        Event.objects.filter(published=True)
        .prefetch_related(
            Prefetch("programme", queryset=ProgrammeItem.objects.order_by("starts_at", "order", "id"))
        )
        .order_by("pk")
    )
    if ids is not None:
        events = events.filter(pk__in=ids)
    for event in events:
        programme = list(event.programme.all())
        yield Document(
            kind="event",
            object_id=event.pk,
            url_name="events:detail",
            url_kwargs={"slug": event.slug},
            title=per_language(lambda code, e=event: field_in(e, "title", code)),
            summary=per_language(
                lambda code, e=event: public_text(
                    e.get_type_display(), e.get_format_display(), field_in(e, "place", code)
                )
            ),
            body=per_language(
                lambda code, e=event, p=programme: public_text(
                    field_in(e, "description", code), *(field_in(item, "title", code) for item in p)
                )
            ),
            date=event.starts_at,
        )


KINDS = {"event": event_documents}
