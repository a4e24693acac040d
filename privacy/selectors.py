"""Reads of the personal data pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

#: Names of the export's sections on the pages (sections of other apps show their own key).
SECTION_LABELS = {
    ("accounts", "groups"): _("Staff groups of your account"),
    ("accounts", "email_addresses"): _("Email addresses of your account"),
    ("accounts", "authenticators"): _("Authenticator apps and recovery codes"),
    ("core", "actions"): _("Your actions recorded in the audit trail"),
    ("outbox", "mail"): _("Messages sent to you"),
    ("members", "contact_person_roles"): _("Contact person roles in member organisations"),
    ("network", "coordination_group"): _("Coordination group entries"),
    ("network", "working_group_contacts"): _("Working group contact details"),
    ("network", "ai_implementations"): _("AI implementations you entered or are the contact person of"),
    ("network", "notices_written"): _("Notices you wrote"),
    ("events", "registrations"): _("Event registrations"),
    ("newsletter", "subscriptions"): _("Newsletter subscriptions"),
    ("newsletter", "newsletters_sent"): _("Newsletters sent to you"),
    ("newsletter", "provider_events"): _("Reports of the email provider"),
    ("funding", "applications"): _("Funding applications you created, saved or submitted"),
    ("funding", "attachments_uploaded"): _("Attachments you uploaded"),
    ("funding", "review_assignments"): _("Review assignments"),
    ("funding", "conflicts_of_interest"): _("Declared conflicts of interest"),
    ("funding", "reviews"): _("Reviews"),
    ("projects", "project_contact_of"): _("Funded projects you are the contact person of"),
    ("projects", "reports"): _("Project reports you wrote or submitted"),
    ("projects", "projects_started"): _("Funded projects you started"),
    ("surveys", "survey_invitations"): _("Survey invitations"),
    ("surveys", "survey_answers_submitted"): _("Survey answers submitted"),
}


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    count: int


def export_summary(data: dict) -> list[Section]:
    """The export's lists and how many entries each has, in a stable order."""
    sections = []
    for app_label, content in sorted(data.get("apps", {}).items()):
        if not isinstance(content, dict):
            continue
        for key, value in content.items():
            if isinstance(value, list):
                label = SECTION_LABELS.get((app_label, key)) or key.replace("_", " ").capitalize()
                sections.append(Section(key=f"{app_label}.{key}", label=str(label), count=len(value)))
    return sections
