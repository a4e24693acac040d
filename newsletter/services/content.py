"""A campaign's content rendered for its readers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext

from core.templatetags.portal import markdown_filter
from newsletter.models import Campaign
from newsletter.services.common import MANAGE_MARK, UNSUBSCRIBE_MARK, NewsletterError, _absolute
from outbox.services import mail_render

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
