"""What the application said at each version, kept so reviewers can see what changed since their review."""

from __future__ import annotations

from typing import Any

from funding.models import Application, ApplicationVersion
from funding.rules import TEXT_FIELDS


def application_content(application: Application) -> dict[str, Any]:
    """What a reviewer reads, as plain values: compared between versions to show what changed."""
    from funding.selectors.answers import application_answer_sections

    content: dict[str, Any] = {name: getattr(application, name) for name in TEXT_FIELDS}
    # The call's questions by key, as the applicant's language shows them (the question keys of the
    # built-in form are the names of the former columns, so older versions compare with these).
    for section in application_answer_sections(application, language=application.language):
        for item in section.items:
            content.setdefault(item.key, item.display if item.kind != "long_text" else (item.value or ""))
    content["requested_amount"] = str(application.requested_amount or "")
    content["partners"] = [f"{p.name} ({p.get_type_display()})" for p in application.partners.all()]
    content["budget_lines"] = [
        f"{line.get_category_display()} {line.year}: {line.amount}" for line in application.budget_lines.all()
    ]
    content["answers"] = [
        f"{r.message}\n→ {r.response}"
        for r in application.information_requests.filter(responded_at__isnull=False).order_by("requested_at")
    ]
    return content


def application_version_save(application: Application) -> ApplicationVersion:
    """Keep what the application says at its current version (called inside the caller's transaction)."""
    version, _ = ApplicationVersion.objects.update_or_create(
        application=application,
        number=application.version,
        defaults={"content": application_content(application)},
    )
    return version
