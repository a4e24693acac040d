import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    WELFARE_REGION = "welfare_region", _("Welfare region")
    HOSPITAL = "hospital", _("HUS or hospital")
    MUNICIPALITY = "municipality", _("Municipality")
    STATE_AGENCY = "state_agency", _("State agency")
    RESEARCH = "research", _("University or research institute")
    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Other")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    MEMBER = "member", _("Member")
    REJECTED = "rejected", _("Rejected")
    RESIGNED = "resigned", _("Resigned")


ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    MembershipStatus.PENDING: {MembershipStatus.MEMBER, MembershipStatus.REJECTED},
    MembershipStatus.MEMBER: {MembershipStatus.RESIGNED},
    MembershipStatus.REJECTED: set(),
    MembershipStatus.RESIGNED: {MembershipStatus.PENDING},
}


class AuditAction(enum.StrEnum):
    """The audit trail's actions written by this app; the values are stored, never change them."""

    CONTACT_PERSON_ACTIVATED = "members.contact_person.activated"
    CONTACT_PERSON_ADDED = "members.contact_person.added"
    CONTACT_PERSON_ERASED = "members.contact_person.erased"
    CONTACT_PERSON_REMOVED = "members.contact_person.removed"
    CONTACT_PERSON_UPDATED = "members.contact_person.updated"
    INVITATION_ACCEPTED = "members.invitation.accepted"
    INVITATION_CREATED = "members.invitation.created"
    INVITATION_DECLINED = "members.invitation.declined"
    ORGANISATION_APPLIED = "members.organisation.applied"
    ORGANISATION_APPROVED = "members.organisation.approved"
    ORGANISATION_APPROVED_UNVERIFIED = "members.organisation.approved_unverified"
    ORGANISATION_CONTACT_LOST = "members.organisation.contact_lost"
    ORGANISATION_CREATED = "members.organisation.created"
    ORGANISATION_DELETED = "members.organisation.deleted"
    ORGANISATION_IMPORTED = "members.organisation.imported"
    ORGANISATIONS_IMPORT_RUN = "members.organisation.import_run"
    ORGANISATION_REJECTED = "members.organisation.rejected"
    ORGANISATION_RESIGNED = "members.organisation.resigned"
    ORGANISATION_UPDATED = "members.organisation.updated"


class InvitationStatus(models.TextChoices):
    """An invitation to an existing account to become a contact person: it waits for that person."""

    PENDING = "pending", _("Waiting for the person's acceptance")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


INVITATION_TRANSITIONS: dict[str, set[str]] = {
    InvitationStatus.PENDING: {InvitationStatus.ACCEPTED, InvitationStatus.DECLINED},
    InvitationStatus.ACCEPTED: set(),
    InvitationStatus.DECLINED: set(),
}

#: Days an invitation link stays valid.
INVITATION_VALID_DAYS = 14
