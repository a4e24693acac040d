"""What the newsletter says: a campaign's content rendered for its readers, and the welcome text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext

from core.audit import audit_log
from core.templatetags.portal import markdown_filter
from newsletter.enums import AuditAction
from newsletter.models import Campaign, WelcomeMessage
from newsletter.services.common import MANAGE_MARK, UNSUBSCRIBE_MARK, NewsletterError, _absolute
from outbox.services import RenderedMail, mail_render

# --- Campaign content ----------------------------------------------------------------------------

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def markdown_to_text(source: str) -> str:
    """Markdown is meant to read as plain text; links become "text (address)"."""
    text = _MD_LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(1) else m.group(2), source or "")
    text = _MD_EMPHASIS.sub(r"\2", text)
    return text.strip()


@dataclass(frozen=True)
class PreparedVersion:
    """One language version of a campaign rendered once, with stand-ins for the personal links."""

    language: str
    subject: str
    body_text: str
    body_html: str

    def personalise(self, *, manage: str, unsubscribe: str) -> dict[str, str]:
        return {
            "subject": self.subject,
            "text": self.body_text.replace(MANAGE_MARK, manage).replace(UNSUBSCRIBE_MARK, unsubscribe),
            "html": self.body_html.replace(MANAGE_MARK, manage).replace(UNSUBSCRIBE_MARK, unsubscribe),
        }

    def rendered_for(self, *, manage: str, unsubscribe: str) -> RenderedMail:
        """The reader's message: this version with the personal links in place, as the
        ``newsletter_personal`` mail would render it, without rendering a template."""
        personal = self.personalise(manage=manage, unsubscribe=unsubscribe)
        return RenderedMail(
            subject=" ".join(personal["subject"].split()),
            body_text=personal["text"].strip() + "\n",
            body_html=personal["html"],
        )


def campaign_context(campaign: Campaign, language: str) -> dict:
    body = campaign.body_in(language)
    return {
        "campaign": campaign,
        "subject": campaign.subject_in(language),
        "content_html": markdown_filter(body),
        "content_text": markdown_to_text(body),
        "archive_url": _absolute("newsletter:archive_detail", language, pk=campaign.pk)
        if campaign.pk
        else "",
    }


def campaign_prepare(campaign: Campaign, language: str) -> PreparedVersion:
    """Render the ``newsletter_campaign`` mail in the version for readers of ``language``."""
    version = campaign.language_of_version(language)
    rendered = mail_render(
        template="newsletter_campaign",
        context={
            **campaign_context(campaign, version),
            "manage_url": MANAGE_MARK,
            "unsubscribe_url": UNSUBSCRIBE_MARK,
        },
        language=version,
    )
    return PreparedVersion(version, rendered.subject, rendered.body_text, rendered.body_html)


def _check_content(campaign: Campaign) -> None:
    if not (campaign.subject_fi or "").strip() or not (campaign.body_fi or "").strip():
        raise NewsletterError(
            gettext("The campaign needs at least a Finnish subject and body."), code="content"
        )


def welcome_message_save(*, welcome: WelcomeMessage, actor, changed: Sequence[str] = ()) -> WelcomeMessage:
    """Store the coordinator's welcome text; ``changed`` names the edited fields for the audit trail."""
    created = welcome.pk is None
    with transaction.atomic():
        welcome.save()
        if created or changed:
            audit_log(
                action=AuditAction.WELCOME_MESSAGE_CREATED if created else AuditAction.WELCOME_MESSAGE_EDITED,
                actor=actor,
                obj=welcome,
                new={"active": welcome.active, "fields": sorted(changed)},
            )
    return welcome
