"""Contact details in the network's pages: coordination group people, working groups, AI
implementations (the personal data protocol)."""

from __future__ import annotations

from django.db.models import Q

from core.audit import audit_log
from core.erasure import iso, scrub_models
from network.enums import AuditAction
from network.models import Implementation, Notice, Person, WorkingGroup


def export(*, email: str, user) -> dict:
    implementations = Implementation.objects.filter(
        Q(contact_email__iexact=email) | (Q(created_by=user) if user is not None else Q(pk__in=[]))
    ).order_by("id")
    return {
        "coordination_group": [
            {
                "name": p.name,
                "title": p.title,
                "organisation": str(p.organisation),
                "email": p.email,
                "phone": p.phone,
            }
            for p in Person.objects.filter(email__iexact=email).select_related("organisation").order_by("id")
        ],
        "working_group_contacts": [
            {"working_group": g.name, "contact_name": g.contact_name, "contact_email": g.contact_email}
            for g in WorkingGroup.objects.filter(contact_email__iexact=email).order_by("id")
        ],
        "ai_implementations": [
            {
                "title": i.title,
                "status": i.status,
                "contact_name": i.contact_name,
                "contact_email": i.contact_email,
                "created_by_you": user is not None and i.created_by_id == user.pk,
                "created_at": iso(i.created_at),
            }
            for i in implementations
        ],
        "notices_written": [
            {"title": n.title, "created_at": iso(n.created_at)}
            for n in (Notice.objects.filter(created_by=user).order_by("id") if user is not None else [])
        ],
    }


def erase(*, email: str, user, actor) -> int:
    """Contact details equal to the address are emptied (implementations and working groups stay);
    a coordination group person with the address is removed from the page."""
    changed = 0
    for person in Person.objects.filter(email__iexact=email):
        audit_log(
            action=AuditAction.PERSON_ERASED,
            actor=actor,
            obj=person,
            old={"organisation": person.organisation_id},
        )
        if person.photo:
            person.photo.delete(save=False)
        person.delete()
        changed += 1
    for implementation in Implementation.objects.filter(contact_email__iexact=email):
        implementation.contact_email = ""
        implementation.contact_name = ""
        implementation.save(update_fields=["contact_email", "contact_name"])
        audit_log(
            action=AuditAction.IMPLEMENTATION_CONTACT_ERASED,
            actor=actor,
            obj=implementation,
            new={"contact_email": "", "contact_name": ""},
        )
        changed += 1
    for group in WorkingGroup.objects.filter(contact_email__iexact=email):
        fields = ["contact_email", "contact_name"] + [
            f.attname for f in WorkingGroup._meta.concrete_fields if f.attname.startswith("contact_title_")
        ]
        for name in fields:
            setattr(group, name, "")
        group.save(update_fields=fields)
        audit_log(action=AuditAction.WORKING_GROUP_CONTACT_ERASED, actor=actor, obj=group)
        changed += 1
    return changed + scrub_models([Implementation, WorkingGroup, Person, Notice], email)
