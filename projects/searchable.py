"""Published funded projects in the site-wide search (see core.search)."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from core.search import Document, field_in, per_language, public_text
from projects.models import Project


def project_documents(ids: Collection[int] | None) -> Iterator[Document]:
    projects = (
        Project.objects.filter(published=True)
        .select_related("application__organisation__region")
        .order_by("pk")
    )
    if ids is not None:
        projects = projects.filter(pk__in=ids)
    for project in projects:
        organisation = project.application.organisation
        yield Document(
            kind="project",
            object_id=project.pk,
            url_name="projects:detail",
            url_kwargs={"slug": project.slug},
            title=per_language(lambda code, p=project: field_in(p, "public_title", code)),
            summary=per_language(
                lambda code, p=project, o=organisation: public_text(
                    field_in(p, "public_summary", code),
                    field_in(o, "name", code),
                    field_in(o.region, "name", code),
                )
            ),
            body=per_language(
                lambda code, p=project: public_text(
                    field_in(p, "public_results", code), field_in(p, "public_lessons", code)
                )
            ),
            date=project.published_at,
        )


KINDS = {"project": project_documents}
