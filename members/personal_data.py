"""A person's contact-person roles in member organisations (the personal data protocol)."""

from __future__ import annotations

from django.db.models import Q

from core.audit import audit_log
from core.erasure import iso, scrub_models
from members.enums import AuditAction, MembershipStatus
from members.models import ContactInvitation, ContactPerson, Organisation
from members.services import MembershipError, contact_person_remove, organisation_contact_lost


def _contacts(email: str, user):
    match = Q(email__iexact=email) if email else Q(pk__in=[])
    if user is not None:
        match |= Q(user=user)
    return ContactPerson.objects.filter(match).select_related("organisation")


def export(*, email: str, user) -> dict:
    return {
        "contact_person_roles": [
            {
                "organisation": c.organisation.name,
                "first_name": c.first_name,
                "last_name": c.last_name,
                "title": c.title,
                "email": c.email,
                "language": c.language,
                "primary_contact_person": c.is_primary,
                "created_at": iso(c.created_at),
            }
            for c in _contacts(email, user).order_by("organisation__name", "id")
        ]
    }


def erase(*, email: str, user, actor) -> int:
    """The person's contact-person rows are removed; the organisations stay (with the next contact
    person as the primary one). An organisation whose only contact person this was keeps its
    membership and has no contact person until it names a new one: for a member, the coordinators
    are told (the person was warned on the erasure page). Invitations to the person go too."""
    removed = 0
    for contact in list(_contacts(email, user)):
        try:
            contact_person_remove(contact=contact, actor=actor)
        except MembershipError:
            audit_log(
                action=AuditAction.CONTACT_PERSON_ERASED,
                actor=actor,
                obj=contact,
                old={"organisation": contact.organisation_id, "is_primary": contact.is_primary},
            )
            contact.delete()
            if contact.organisation.status == MembershipStatus.MEMBER:
                organisation_contact_lost(organisation=contact.organisation, actor=actor)
        removed += 1
    invitations = ContactInvitation.objects.filter(
        Q(email__iexact=email) | Q(user=user) if user is not None else Q(email__iexact=email)
    )
    removed += invitations.delete()[0]
    return removed + scrub_models([ContactPerson, Organisation], email)
