"""Choices of the network's public content: people's roles, use cases, stages and record states."""

from __future__ import annotations

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    COORDINATOR = "coordinator", _("Coordinator")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    DEPUTY_MEMBER = "deputy_member", _("Deputy member")
    EXPERT = "expert", _("Expert")


class UseCase(models.TextChoices):
    """The use cases of the 2024 funding call (the call's own wording in Finnish), plus other."""

    NURSE_WHISPERER = "nurse_whisperer", _("Nurse whisperer")
    SYMPTOM_ASSESSMENT = "symptom_assessment", _("Symptom assessment and client service guidance")
    DECISION_SUPPORT = "decision_support", _("Decision support for professionals")
    SERVICE_NEED_PREDICTION = (
        "service_need_prediction",
        _("Predicting service need and preventive intervention"),
    )
    ADMINISTRATIVE_BURDEN = "administrative_burden", _("Reducing professionals' administrative burden")
    INTERPRETATION = "interpretation", _("Real-time interpretation")
    OTHER = "other", _("Other use case")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PILOT = "pilot", _("Pilot")
    PRODUCTION = "production", _("In production")
    SCALED = "scaled", _("Scaled nationally")


class ImplementationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")


#: Which status may follow which. Anything not listed is refused.
#: submitted → draft: a coordinator returns a record for changes; published → submitted: a member
#: changed a published record, so it waits for review again; published → draft: a coordinator unpublishes.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    ImplementationStatus.DRAFT: frozenset({ImplementationStatus.SUBMITTED}),
    ImplementationStatus.SUBMITTED: frozenset({ImplementationStatus.PUBLISHED, ImplementationStatus.DRAFT}),
    ImplementationStatus.PUBLISHED: frozenset({ImplementationStatus.SUBMITTED, ImplementationStatus.DRAFT}),
}


class AuditAction(enum.StrEnum):
    """The audit trail's actions written by this app; the values are stored, never change them."""

    IMPLEMENTATION_ADMIN_CHANGE = "network.implementation.admin_change"
    IMPLEMENTATION_ADMIN_CREATE = "network.implementation.admin_create"
    IMPLEMENTATION_CONTACT_ERASED = "network.implementation.contact_erased"
    IMPLEMENTATION_CREATE = "network.implementation.create"
    IMPLEMENTATION_DELETE = "network.implementation.delete"
    IMPLEMENTATION_PUBLISH = "network.implementation.publish"
    IMPLEMENTATION_RETURN = "network.implementation.return"
    IMPLEMENTATION_SUBMIT = "network.implementation.submit"
    IMPLEMENTATION_UNPUBLISH = "network.implementation.unpublish"
    IMPLEMENTATION_UPDATE = "network.implementation.update"
    IMPLEMENTATION_WITHDRAWN_RESIGNED = "network.implementation.withdrawn_resigned"
    NOTICE_CREATE = "network.notice.create"
    NOTICE_DELETE = "network.notice.delete"
    NOTICE_UPDATE = "network.notice.update"
    PERSON_ERASED = "network.person.erased"
    WORKING_GROUP_CONTACT_ERASED = "network.working_group.contact_erased"
