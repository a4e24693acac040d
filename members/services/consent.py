"""Consent: nobody's existing account becomes a contact person without that person accepting.

A coordinator, another contact person or the public join form may name an address that already has an
account. The account is then not attached at once: an invitation is stored and mailed to the account's
address, and the person accepts (or declines) it through the link. Accepting proves the address works,
so it also verifies it."""

from __future__ import annotations

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.audit import audit_log
from core.locks import lock_row
from core.states import transition_apply
from members.enums import INVITATION_TRANSITIONS, INVITATION_VALID_DAYS, AuditAction, InvitationStatus
from members.models import ContactInvitation, ContactPerson, Organisation
from members.services import MembershipError, _language, _site_url
from outbox.services import mail_queue


def existing_account(email: str):
    """The account registered with ``email`` (any case), or None."""
    return get_user_model().objects.filter(email__iexact=email.strip()).first()


def invitation_expired(invitation: ContactInvitation, *, now=None) -> bool:
    now = now or timezone.now()
    return invitation.created_at + timedelta(days=INVITATION_VALID_DAYS) < now


def _inviter_name(actor) -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return actor.get_full_name() or actor.email
    return ""


def contact_invitation_create(
    *,
    organisation: Organisation,
    user,
    actor,
    first_name: str,
    last_name: str,
    title: str,
    language: str,
    is_primary: bool = False,
    joining: bool = False,
) -> ContactInvitation:
    """Invite the holder of an existing account to become a contact person; mail them the link.

    ``joining``: the invitation comes from the public join form (the organisation's own application)."""
    language = _language(language)
    with transaction.atomic():
        organisation = lock_row(organisation)
        if ContactPerson.objects.filter(organisation=organisation, user=user).exists():
            raise MembershipError(
                gettext("%(email)s is already a contact person of %(organisation)s.")
                % {"email": user.email, "organisation": organisation}
            )
        if ContactInvitation.objects.filter(
            organisation=organisation, user=user, status=InvitationStatus.PENDING
        ).exists():
            raise MembershipError(
                gettext("%(email)s has already been invited and has not answered yet.")
                % {"email": user.email}
            )
        invitation = ContactInvitation.objects.create(
            organisation=organisation,
            user=user,
            first_name=first_name,
            last_name=last_name,
            title=title,
            email=user.email,
            language=language,
            is_primary=is_primary,
            invited_by=actor if getattr(actor, "is_authenticated", False) else None,
            token=secrets.token_urlsafe(32),
        )
        audit_log(
            action=AuditAction.INVITATION_CREATED,
            actor=actor,
            obj=invitation,
            new={
                "organisation": organisation.pk,
                "user": user.pk,
                "email": invitation.email,
                "is_primary": is_primary,
                "joining": joining,
            },
        )
        mail_queue(
            to=invitation.email,
            template="members_contact_confirm",
            context={
                "organisation": organisation,
                "greeting_name": first_name or user.first_name,
                "inviter": "" if joining else _inviter_name(actor),
                "joining": joining,
                "accept_url": _site_url(
                    "members:invitation", language=language, kwargs={"token": invitation.token}
                ),
                "valid_days": INVITATION_VALID_DAYS,
            },
            language=language,
            actor=actor,
            headers={"Auto-Submitted": "auto-generated"},
        )
    return invitation


def _answer(invitation: ContactInvitation, new_status: str) -> ContactInvitation:
    invitation = ContactInvitation.objects.select_for_update().get(pk=invitation.pk)

    def refused(_old: str, _new: str) -> MembershipError:
        return MembershipError(gettext("This invitation has already been answered."))

    transition_apply(invitation, new_status, transitions=INVITATION_TRANSITIONS, refuse=refused)
    if new_status == InvitationStatus.ACCEPTED and invitation_expired(invitation):
        raise MembershipError(gettext("This invitation has expired. Please ask for a new one."))
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    return invitation


def contact_invitation_accept(*, invitation: ContactInvitation, actor) -> ContactPerson:
    """The person accepted through the link: they become a contact person, and their address is verified."""
    try:
        with transaction.atomic():
            organisation = lock_row(invitation.organisation)
            invitation = _answer(invitation, InvitationStatus.ACCEPTED)
            has_primary = organisation.contact_persons.filter(is_primary=True).exists()
            if invitation.is_primary and has_primary:
                organisation.contact_persons.filter(is_primary=True).update(is_primary=False)
            contact = ContactPerson.objects.create(
                organisation=organisation,
                user=invitation.user,
                first_name=invitation.first_name,
                last_name=invitation.last_name,
                title=invitation.title,
                email=invitation.email,
                language=invitation.language,
                is_primary=invitation.is_primary or not has_primary,
            )
            address = EmailAddress.objects.filter(
                user=invitation.user, email__iexact=invitation.email
            ).first()
            if address is None:
                address = EmailAddress(user=invitation.user, email=invitation.email)
            if not address.verified:
                address.verified = True
                address.save()
            audit_log(
                action=AuditAction.INVITATION_ACCEPTED,
                actor=actor,
                obj=invitation,
                old={"status": InvitationStatus.PENDING},
                new={"status": invitation.status, "contact_person": contact.pk, "email_verified": True},
            )
    except IntegrityError:
        raise MembershipError(gettext("This invitation has already been answered.")) from None
    return contact


def contact_invitation_decline(*, invitation: ContactInvitation, actor) -> ContactInvitation:
    with transaction.atomic():
        invitation = _answer(invitation, InvitationStatus.DECLINED)
        audit_log(
            action=AuditAction.INVITATION_DECLINED,
            actor=actor,
            obj=invitation,
            old={"status": InvitationStatus.PENDING},
            new={"status": invitation.status},
        )
    return invitation
