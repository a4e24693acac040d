"""Personal data in the survey (the personal data protocol).

Answers belong to the organisation, not to a person: erasure keeps them (the results and the
dashboard stay the same) and removes only what ties them to the person: the private links sent to
the person as a contact person, who submitted the answer, and the address if it was written into
a free-text answer.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from core.erasure import iso, scrub_models
from surveys.models import Answer, Invitation, Response, new_token


def _invitations(*, email: str, user):
    condition = Q(contact__email__iexact=email) if email else Q(pk__in=[])
    if user is not None:
        condition |= Q(contact__user=user)
    return Invitation.objects.filter(condition)


def _responses(*, email: str, user):
    invitations = _invitations(email=email, user=user)
    condition = Q(invitation__in=invitations)
    if user is not None:
        condition |= Q(submitted_by=user)
    return Response.objects.filter(condition)


def export(*, email: str, user) -> dict:
    invitations = (
        _invitations(email=email, user=user).select_related("round", "organisation").order_by("sent_at", "id")
    )
    responses = (
        _responses(email=email, user=user)
        .select_related("round", "organisation")
        .prefetch_related("answers__question")
        .order_by("submitted_at", "id")
    )
    return {
        "survey_invitations": [
            {
                "survey": i.round.title,
                "organisation": i.organisation.name,
                "language": i.language,
                "sent_at": iso(i.sent_at),
                "reminded_at": iso(i.reminded_at),
            }
            for i in invitations
        ],
        "survey_answers_submitted": [
            {
                "survey": r.round.title,
                "organisation": r.organisation.name,
                "submitted_at": iso(r.submitted_at),
                "answers": [
                    {"question": a.question.text, "score": a.score, "answer": a.text} for a in r.answers.all()
                ],
            }
            for r in responses
        ],
    }


def erase(*, email: str, user, actor) -> int:
    """Unlink the person from invitations and answers; the answers stay counted (the privacy app
    writes the audit entry of the whole erasure)."""
    with transaction.atomic():
        response_ids = list(_responses(email=email, user=user).values_list("pk", flat=True))
        changed = Response.objects.filter(pk__in=response_ids).update(submitted_by=None, invitation=None)
        invitation_ids = list(_invitations(email=email, user=user).values_list("pk", flat=True))
        # The private links stop working too: a new token for each, tied to nobody.
        for invitation_id in invitation_ids:
            changed += Invitation.objects.filter(pk=invitation_id).update(contact=None, token=new_token())
        changed += scrub_models([Answer], email) if email else 0
    return changed
