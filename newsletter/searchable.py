"""The newsletter's public archive in the site-wide search (see core.search)."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from core.search import Document, field_in, per_language
from newsletter.enums import CampaignState
from newsletter.models import Campaign


def issue_documents(ids: Collection[int] | None) -> Iterator[Document]:
    issues = Campaign.objects.filter(state=CampaignState.SENT, in_archive=True, finished_at__isnull=False)
    if ids is not None:
        issues = issues.filter(pk__in=ids)
    for issue in issues.order_by("pk"):
        yield Document(
            kind="newsletter",
            object_id=issue.pk,
            url_name="newsletter:archive_detail",
            url_kwargs={"pk": issue.pk},
            title=per_language(lambda code, i=issue: field_in(i, "subject", code)),
            body=per_language(lambda code, i=issue: field_in(i, "body", code)),
            date=issue.finished_at,
        )


KINDS = {"newsletter": issue_documents}
