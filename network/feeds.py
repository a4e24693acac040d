"""The bulletin board as an Atom feed, one per language (the address carries the language prefix)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.feeds import LanguageTaggedFeed
from core.templatetags.portal import markdown_filter
from core.translation_status import field_language
from network.models import Notice
from network.selectors import notice_current_list

FEED_ITEMS = 30


class NoticeFeed(LanguageTaggedFeed):
    """Current notices; Django labels the feed with the active language (``xml:lang``), and each
    entry's title and summary with the language they are actually in (Finnish when untranslated)."""

    def title(self) -> str:
        return _("Bulletin board – SOTE AI ecosystem")

    def subtitle(self) -> str:
        return _("Notices of the national health and social care AI ecosystem")

    def link(self) -> str:
        return reverse("network:notice_list")

    def feed_url(self) -> str:
        return reverse("network:notice_feed")

    def items(self):
        return notice_current_list()[:FEED_ITEMS]

    def item_title(self, item: Notice) -> str:
        return item.title

    def item_description(self, item: Notice) -> str:
        return markdown_filter(item.body)

    def item_link(self, item: Notice) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Notice):
        return item.publish_at

    def item_updateddate(self, item: Notice):
        return item.updated_at

    def item_languages(self, item: Notice) -> dict[str, str]:
        return {"title": field_language(item, "title"), "summary": field_language(item, "body")}
