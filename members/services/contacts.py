"""Contact persons: added (an existing account only by invitation), removed, activated."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext

from core.audit import audit_log
from core.locks import lock_row
from members.enums import AuditAction
from members.models import ContactInvitation, ContactPerson, Organisation
from members.services import MembershipError, _contact_mail, _is_person, _language, _user_for
from members.services.consent import contact_invitation_create, existing_account


@transaction.atomic
def contact_person_add(
    *,
    organisation: Organisation,
    actor,
    first_name: str,
    last_name: str,
    title: str,
    email: str,
    language: str,
    is_primary: bool = False,
) -> ContactPerson | ContactInvitation:
    """Add a contact person (by a coordinator or another contact person) and invite them by mail.

    When the address belongs to an existing account (not the actor's own), nothing is attached yet:
    the person gets an invitation to accept by link, and that invitation is returned."""
    organisation = lock_row(organisation)
    language = _language(language)
    existing = existing_account(email)
    if existing is not None and not _is_person(actor, existing):
        return contact_invitation_create(
            organisation=organisation,
            user=existing,
            actor=actor,
            first_name=first_name,
            last_name=last_name,
            title=title,
            language=language,
            is_primary=is_primary,
        )
    user = _user_for(email=email, first_name=first_name, last_name=last_name, language=language)
    if ContactPerson.objects.filter(organisation=organisation, user=user).exists():
        raise MembershipError(
            gettext("%(email)s is already a contact person of %(organisation)s.")
            % {"email": user.email, "organisation": organisation}
        )
    has_primary = organisation.contact_persons.filter(is_primary=True).exists()
    if is_primary and has_primary:
        organisation.contact_persons.filter(is_primary=True).update(is_primary=False)
    contact = ContactPerson.objects.create(
        organisation=organisation,
        user=user,
        first_name=first_name,
        last_name=last_name,
        title=title,
        email=user.email,
        language=language,
        is_primary=is_primary or not has_primary,
    )
    audit_log(
        action=AuditAction.CONTACT_PERSON_ADDED,
        actor=actor,
        obj=contact,
        new={
            "organisation": organisation.pk,
            "user": user.pk,
            "email": contact.email,
            "title": title,
            "language": language,
            "is_primary": contact.is_primary,
        },
    )
    inviter = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        inviter = actor.get_full_name() or actor.email
    _contact_mail(
        contact=contact, template="members_contact_invited", actor=actor, context={"inviter": inviter}
    )
    return contact


@transaction.atomic
def contact_person_remove(*, contact: ContactPerson, actor) -> None:
    organisation = lock_row(contact.organisation)
    contact = ContactPerson.objects.select_for_update().get(pk=contact.pk)
    others = organisation.contact_persons.exclude(pk=contact.pk).order_by("id")
    if not others.exists():
        raise MembershipError(
            gettext("%(name)s is the only contact person of %(organisation)s and cannot be removed.")
            % {"name": contact.full_name, "organisation": organisation}
        )
    was_primary = contact.is_primary
    audit_log(
        action=AuditAction.CONTACT_PERSON_REMOVED,
        actor=actor,
        obj=contact,
        old={
            "organisation": organisation.pk,
            "user": contact.user_id,
            "email": contact.email,
            "is_primary": was_primary,
        },
    )
    contact.delete()
    if was_primary:
        successor = others.first()
        successor.is_primary = True
        successor.save(update_fields=["is_primary"])


@transaction.atomic
def contact_person_activate(*, user, password: str) -> None:
    """The person opened their activation link: the address is verified and the password set."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    user.set_password(password)
    user.save(update_fields=["password"])
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        address = EmailAddress(user=user, email=user.email)
    address.verified = True
    address.save()
    address.set_as_primary(conditional=True)
    audit_log(
        action=AuditAction.CONTACT_PERSON_ACTIVATED,
        actor=user,
        obj=user,
        new={"email": user.email, "verified": True},
    )
