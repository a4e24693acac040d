"""Writes for membership: applying, the coordinators' decisions, the members' own changes.

Every service is keyword-only, runs in one transaction, writes one audit entry and queues its
mail through the outbox inside that transaction (delivered after commit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts import selectors as account_selectors
from core import search as site_search
from core.audit import audit_log, changed_values
from core.locks import lock_row
from core.states import transition_apply
from members import selectors
from members.enums import ALLOWED_TRANSITIONS, AuditAction, MembershipStatus
from members.models import ContactPerson, Organisation, WelfareRegion
from network import services as network_services
from outbox.services import mail_queue

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


class MembershipError(Exception):
    """A refused membership operation; ``message`` is translated and can be shown to the person."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class AlreadyApplied(MembershipError):
    """An organisation with the same business ID is already a member, an applicant or was rejected."""

    def __init__(self, organisation: Organisation):
        self.organisation = organisation
        if organisation.status == MembershipStatus.REJECTED:
            message = gettext(
                "An earlier membership application with this business ID was not approved. "
                "Please contact the coordinators at %(email)s."
            ) % {"email": settings.CONTACT_EMAIL}
        elif organisation.status == MembershipStatus.PENDING:
            message = gettext(
                "An organisation with this business ID has already applied for membership, and its "
                "application is being processed. If you would like to be another contact person for it, "
                "a coordinator can add you: please write to %(email)s."
            ) % {"email": settings.CONTACT_EMAIL}
        else:
            message = gettext(
                "An organisation with this business ID is already a member of the network. If you would "
                "like to be another contact person for it, a coordinator can add you: please write to "
                "%(email)s."
            ) % {"email": settings.CONTACT_EMAIL}
        super().__init__(message)


# --- Helpers ---------------------------------------------------------------------------------------


def _language(language: str | None) -> str:
    language = (language or "")[:2].lower()
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def _site_url(name: str, *, language: str, kwargs: dict | None = None) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


def activation_url(user, *, language: str) -> str:
    """A link that verifies the person's address and lets them choose a password.

    It uses allauth's password-reset keys: the key depends on the password hash, the last login
    and the addresses, so it works once and expires after PASSWORD_RESET_TIMEOUT.
    """
    return _site_url(
        "members:activate",
        language=_language(language),
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )


def needs_activation(user) -> bool:
    """Whether the person still has to verify their address or choose a password."""
    if not user.has_usable_password():
        return True
    return not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def _user_for(*, email: str, first_name: str, last_name: str, language: str):
    """The account with this address, or a new one with no usable password and an unverified address."""
    User = get_user_model()
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, first_name=first_name, last_name=last_name, language=language)
        user.set_unusable_password()
        user.save()
    elif not (user.first_name or user.last_name):
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["first_name", "last_name"])
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email).exists():
        has_primary = EmailAddress.objects.filter(user=user, primary=True).exists()
        EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=not has_primary)
    return user


def _is_person(actor, user) -> bool:
    return bool(actor is not None and getattr(actor, "is_authenticated", False) and actor.pk == user.pk)


def _contact_mail(*, contact: ContactPerson, template: str, actor, context: dict[str, Any]) -> None:
    language = _language(contact.language)
    values: dict[str, Any] = {
        "organisation": contact.organisation,
        "contact": contact,
        "greeting_name": contact.first_name,
        "sign_in_url": _site_url("account_login", language=language),
        "my_url": _site_url("members:my", language=language),
        "activation_url": activation_url(contact.user, language=language)
        if needs_activation(contact.user)
        else "",
    }
    values.update(context)
    mail_queue(
        to=contact.email,
        template=template,
        context=values,
        language=language,
        actor=actor,
        headers={"Auto-Submitted": "auto-generated"},
    )


def primary_contact(organisation: Organisation) -> ContactPerson | None:
    return (
        ContactPerson.objects.select_related("user", "organisation")
        .filter(organisation=organisation)
        .order_by("-is_primary", "id")
        .first()
    )


def _transition(organisation: Organisation, new_status: str) -> str:
    def refused(old: str, new: str) -> MembershipError:
        return MembershipError(
            gettext("The membership of %(organisation)s cannot change from “%(old)s” to “%(new)s”.")
            % {
                "organisation": organisation,
                "old": MembershipStatus(old).label,
                "new": MembershipStatus(new).label,
            }
        )

    old_status = transition_apply(organisation, new_status, transitions=ALLOWED_TRANSITIONS, refuse=refused)
    organisation.status_changed_at = timezone.now()
    site_search.changed(kind="member", ids=[organisation.pk])
    return old_status


# --- Applying --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Application:
    name: str
    business_id: str
    type: str
    region: WelfareRegion | None
    municipality: str
    website: str
    description: str
    listed_publicly: bool
    first_name: str
    last_name: str
    title: str
    email: str
    language: str


def organisation_apply(*, application: Application, actor=None) -> Organisation:
    """A new organisation applies for membership; its contact person gets an account to activate.

    Raises :class:`AlreadyApplied` when the business ID is already a member, an applicant or was
    rejected; a resigned organisation applies again under its old record.
    """
    language = _language(application.language)
    business_id = application.business_id.strip()
    now = timezone.now()
    try:
        with transaction.atomic():
            organisation = (
                Organisation.objects.select_for_update().filter(business_id=business_id).first()
                if business_id
                else None
            )
            old: dict[str, Any] = {}
            if organisation is not None:
                if organisation.status != MembershipStatus.RESIGNED:
                    raise AlreadyApplied(organisation)
                old = {"status": organisation.status}
                _transition(organisation, MembershipStatus.PENDING)
            else:
                organisation = Organisation(business_id=business_id, status=MembershipStatus.PENDING)
            with translation.override(settings.LANGUAGE_CODE):
                organisation.name = application.name  # the Finnish name, and the untranslated column
            organisation.type = application.type
            organisation.region = application.region
            organisation.municipality = application.municipality
            organisation.website = application.website
            setattr(organisation, f"description_{language}", application.description)
            if not organisation.description_fi:
                with translation.override(settings.LANGUAGE_CODE):
                    organisation.description = application.description
            organisation.listed_publicly = application.listed_publicly
            organisation.terms_accepted_at = now
            organisation.applied_at = now
            organisation.save()

            existing = existing_account(application.email)
            if (
                existing is not None
                and not _is_person(actor, existing)
                and not ContactPerson.objects.filter(organisation=organisation, user=existing).exists()
            ):
                # The address belongs to someone's account: it is attached only when they confirm.
                audit_log(
                    action=AuditAction.ORGANISATION_APPLIED,
                    actor=actor,
                    obj=organisation,
                    old=old,
                    new={
                        **_organisation_snapshot(organisation),
                        "contact_person": None,
                        "awaiting_confirmation_of": existing.email,
                    },
                )
                contact_invitation_create(
                    organisation=organisation,
                    user=existing,
                    actor=actor,
                    first_name=application.first_name,
                    last_name=application.last_name,
                    title=application.title,
                    language=language,
                    is_primary=True,
                    joining=True,
                )
                return organisation
            user = _user_for(
                email=application.email,
                first_name=application.first_name,
                last_name=application.last_name,
                language=language,
            )
            contact, _created = ContactPerson.objects.update_or_create(
                organisation=organisation,
                user=user,
                defaults={
                    "first_name": application.first_name,
                    "last_name": application.last_name,
                    "title": application.title,
                    "email": user.email,
                    "language": language,
                },
            )
            if not organisation.contact_persons.filter(is_primary=True).exists():
                contact.is_primary = True
                contact.save(update_fields=["is_primary"])
            audit_log(
                action=AuditAction.ORGANISATION_APPLIED,
                actor=actor,
                obj=organisation,
                old=old,
                new={
                    "status": organisation.status,
                    "name": organisation.name_fi,
                    "business_id": organisation.business_id,
                    "type": organisation.type,
                    "listed_publicly": organisation.listed_publicly,
                    "contact_person": contact.pk,
                    "contact_email": contact.email,
                },
            )
            _contact_mail(contact=contact, template="members_application_received", actor=actor, context={})
    except IntegrityError:
        # Another application with the same business ID won the race.
        existing = Organisation.objects.filter(business_id=business_id).first()
        if existing is None:
            raise
        raise AlreadyApplied(existing) from None
    return organisation


# --- Coordinators' decisions -----------------------------------------------------------------------


@transaction.atomic
def organisation_approve(*, organisation: Organisation, actor, unverified_reason: str = "") -> Organisation:
    """Approve a membership application. A contact person must have verified their address first; a
    coordinator may override that only deliberately, with a reason, and the audit entry says so."""
    organisation = lock_row(organisation)
    old_status = _transition(organisation, MembershipStatus.MEMBER)
    verified = selectors.contact_verified(organisation)
    reason = unverified_reason.strip()
    if not verified and not reason:
        raise MembershipError(
            gettext(
                "%(organisation)s cannot be approved yet: none of its contact persons has verified their "
                "email address. Wait for the contact person to open the link in their email, or approve "
                "deliberately without verification and give a reason."
            )
            % {"organisation": organisation}
        )
    organisation.member_since = organisation.status_changed_at
    organisation.save(update_fields=["status", "status_changed_at", "member_since"])
    new: dict[str, Any] = {"status": organisation.status, "member_since": organisation.member_since}
    if not verified:
        new.update({"contact_verified": False, "override_reason": reason})
    audit_log(
        action=(
            AuditAction.ORGANISATION_APPROVED if verified else AuditAction.ORGANISATION_APPROVED_UNVERIFIED
        ),
        actor=actor,
        obj=organisation,
        old={"status": old_status},
        new=new,
    )
    contact = primary_contact(organisation)
    if contact is not None:
        _contact_mail(
            contact=contact,
            template="members_application_approved",
            actor=actor,
            context={
                "profile_url": _site_url(
                    "members:profile", language=_language(contact.language), kwargs={"pk": organisation.pk}
                )
                if organisation.listed_publicly
                else "",
            },
        )
    return organisation


@transaction.atomic
def organisation_reject(*, organisation: Organisation, actor, reason: str = "") -> Organisation:
    organisation = lock_row(organisation)
    old_status = _transition(organisation, MembershipStatus.REJECTED)
    organisation.save(update_fields=["status", "status_changed_at"])
    audit_log(
        action=AuditAction.ORGANISATION_REJECTED,
        actor=actor,
        obj=organisation,
        old={"status": old_status},
        new={"status": organisation.status, "reason": reason},
    )
    contact = primary_contact(organisation)
    if contact is not None:
        _contact_mail(
            contact=contact,
            template="members_application_rejected",
            actor=actor,
            context={"reason": reason, "activation_url": ""},
        )
    return organisation


def organisation_contact_lost(*, organisation: Organisation, actor) -> None:
    """A member organisation's last contact person was erased: the coordinators are told by mail
    (without naming the erased person) and see the organisation under "Members without a contact"."""
    audit_log(
        action=AuditAction.ORGANISATION_CONTACT_LOST,
        actor=actor,
        obj=organisation,
        new={"status": organisation.status, "contact_persons": 0},
    )
    for recipient in account_selectors.coordinator_recipients():
        mail_queue(
            to=recipient.email,
            template="members_contact_lost",
            context={
                "organisation": organisation,
                "admin_url": _site_url(
                    "admin:members_organisation_change",
                    language=_language(recipient.language),
                    kwargs={"object_id": organisation.pk},
                ),
            },
            language=recipient.language,
            actor=actor,
            headers={"Auto-Submitted": "auto-generated"},
        )


# --- Coordinators' changes in the admin -------------------------------------------------------------


def _organisation_snapshot(organisation: Organisation) -> dict[str, Any]:
    return {
        "name": organisation.name_fi,
        "business_id": organisation.business_id,
        "type": organisation.type,
        "status": organisation.status,
        "listed_publicly": organisation.listed_publicly,
    }


@transaction.atomic
def organisation_save(*, organisation: Organisation, actor) -> Organisation:
    """Save an organisation as a coordinator added or changed it in the admin (the form sets the fields
    on the instance; the membership status changes only through the decisions above)."""
    if organisation.pk is None:
        organisation.save()
        audit_log(
            action=AuditAction.ORGANISATION_CREATED,
            actor=actor,
            obj=organisation,
            new=_organisation_snapshot(organisation),
        )
        site_search.changed(kind="member", ids=[organisation.pk])
        return organisation
    old, new = changed_values(lock_row(organisation), organisation)
    if not old:
        return organisation
    organisation.save()
    site_search.changed(kind="member", ids=[organisation.pk])
    audit_log(action=AuditAction.ORGANISATION_UPDATED, actor=actor, obj=organisation, old=old, new=new)
    return organisation


@transaction.atomic
def contact_person_update(*, contact: ContactPerson, actor) -> ContactPerson:
    """Save a contact person's details as a coordinator changed them in the admin; the organisation,
    the account and the address stay as they are."""
    stored = ContactPerson.objects.select_for_update().get(pk=contact.pk)
    old, new = changed_values(stored, contact, exclude=("organisation", "user", "email"))
    if not old:
        return contact
    contact.save(update_fields=list(new))
    audit_log(action=AuditAction.CONTACT_PERSON_UPDATED, actor=actor, obj=contact, old=old, new=new)
    return contact


# --- The members' own changes ----------------------------------------------------------------------

PROFILE_FIELDS = (
    "name_fi",
    "name_sv",
    "name_en",
    "type",
    "region",
    "municipality",
    "website",
    "description_fi",
    "description_sv",
    "description_en",
    "listed_publicly",
)


@transaction.atomic
def organisation_update(*, organisation: Organisation, actor, data: dict[str, Any]) -> Organisation:
    """Change the public profile. ``data`` holds PROFILE_FIELDS and optionally ``logo``: an uploaded
    file, or False to remove the logo."""
    organisation = lock_row(organisation)
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for field in PROFILE_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field in ("name_sv", "name_en") and not value:
            value = None
        if getattr(organisation, field) != value:
            old[field], new[field] = getattr(organisation, field), value
            setattr(organisation, field, value)
    with translation.override(settings.LANGUAGE_CODE):  # keep the untranslated columns Finnish
        organisation.name = organisation.name_fi
        organisation.description = organisation.description_fi
    old_logo_name = organisation.logo.name if organisation.logo else ""
    logo = data.get("logo")
    if logo is False and old_logo_name:
        organisation.logo = ""
        old["logo"], new["logo"] = old_logo_name, ""
    elif logo and hasattr(logo, "content_type"):  # a new upload
        organisation.logo = logo
        old["logo"] = old_logo_name
    organisation.full_clean(exclude=["business_id"])
    organisation.save()
    site_search.changed(kind="member", ids=[organisation.pk])
    if "logo" in old:
        new["logo"] = organisation.logo.name if organisation.logo else ""
        if old_logo_name:
            storage = organisation.logo.storage
            transaction.on_commit(lambda: storage.delete(old_logo_name))
    audit_log(action=AuditAction.ORGANISATION_UPDATED, actor=actor, obj=organisation, old=old, new=new)
    return organisation


@transaction.atomic
def organisation_resign(*, organisation: Organisation, actor) -> Organisation:
    """The organisation leaves the network. Its AI implementations stay in the portal but leave the
    public situational picture (published and submitted ones back to draft): the network shows only
    its members' work, and a resigned organisation's contact persons no longer keep it up to date. If
    the organisation joins again, its contact persons can submit them for review again."""
    organisation = lock_row(organisation)
    old_status = _transition(organisation, MembershipStatus.RESIGNED)
    organisation.save(update_fields=["status", "status_changed_at"])
    withdrawn = network_services.implementations_withdraw_of_resigned(
        organisation_id=organisation.pk, actor=actor
    )
    audit_log(
        action=AuditAction.ORGANISATION_RESIGNED,
        actor=actor,
        obj=organisation,
        old={"status": old_status},
        new={"status": organisation.status, "implementations_withdrawn": withdrawn},
    )
    for contact in organisation.contact_persons.select_related("user", "organisation"):
        _contact_mail(
            contact=contact,
            template="members_membership_resigned",
            actor=actor,
            context={"activation_url": "", "join_url": _site_url("members:join", language=contact.language)},
        )
    return organisation


# Consent and contact persons live in modules of their own; the package re-exports them.
from members.services.consent import contact_invitation_accept as contact_invitation_accept  # noqa: E402
from members.services.consent import contact_invitation_create as contact_invitation_create  # noqa: E402
from members.services.consent import contact_invitation_decline as contact_invitation_decline  # noqa: E402
from members.services.consent import existing_account as existing_account  # noqa: E402
from members.services.consent import invitation_expired as invitation_expired  # noqa: E402
from members.services.contacts import contact_person_activate as contact_person_activate  # noqa: E402
from members.services.contacts import contact_person_add as contact_person_add  # noqa: E402
from members.services.contacts import contact_person_remove as contact_person_remove  # noqa: E402
from members.services.imports import organisation_import_save as organisation_import_save  # noqa: E402
from members.services.imports import organisations_import_record as organisations_import_record  # noqa: E402
