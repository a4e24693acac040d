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

#: The audit trail's action for a resignation: written by members.services, read by members.selectors.
RESIGNED_ACTION = "members.organisation.resigned"
