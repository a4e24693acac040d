"""A person's part in the funding call (the personal data protocol). Applications belong to their
organisation and stay; references to the person go with the account (emptied or pointing at the
anonymised account, see accounts.personal_data)."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Q

from core.erasure import iso, scrub_models
from funding.models import Application, Attachment, ConflictOfInterest, Review, ReviewAssignment
from funding.selectors.answers import application_answer_sections


def _answers(application: Application) -> list[dict]:
    """The application's answers to its call's own form, in the language it was written in."""
    return [
        {"section": section.title, "question": item.label, "answer": item.display}
        for section in application_answer_sections(application, language=application.language)
        for item in section.items
    ]


def export(*, email: str, user) -> dict:
    if user is None:
        return {}
    applications = (
        Application.objects.filter(Q(created_by=user) | Q(updated_by=user) | Q(submitted_by=user))
        .select_related("call", "organisation")
        .order_by("id")
    )
    return {
        "applications": [
            {
                "id": a.pk,
                "funding_call": str(a.call),
                "organisation": a.organisation.name,
                "project_name": a.project_name,
                "status": a.status,
                "created_by_you": a.created_by_id == user.pk,
                "last_saved_by_you": a.updated_by_id == user.pk,
                "submitted_by_you": a.submitted_by_id == user.pk,
                "submitted_at": iso(a.submitted_at),
                "summary": a.summary,
                "answers": _answers(a),
            }
            for a in applications
        ],
        "attachments_uploaded": [
            {"application": a.application_id, "file_name": a.filename, "uploaded_at": iso(a.uploaded_at)}
            for a in Attachment.objects.filter(uploaded_by=user).order_by("id")
        ],
        "review_assignments": list(
            ReviewAssignment.objects.filter(reviewer=user)
            .order_by("id")
            .values_list("application_id", flat=True)
        ),
        "conflicts_of_interest": [
            {"application": c.application_id, "reason": c.reason, "declared_at": iso(c.declared_at)}
            for c in ConflictOfInterest.objects.filter(reviewer=user).order_by("id")
        ],
        "reviews": [
            {"application": r.application_id, "status": r.status, "submitted_at": iso(r.submitted_at)}
            for r in Review.objects.filter(reviewer=user).order_by("id")
        ],
    }


def erase(*, email: str, user, actor) -> int:
    """The address is replaced by a marker wherever the application texts, versions, requests or
    reviews mention it; everything else stays with the organisation."""
    return scrub_models(apps.get_app_config("funding").get_models(), email)
