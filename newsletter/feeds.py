"""The Atom feed of the newsletter archive, in the language of the address."""

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.feeds import LanguageTaggedFeed
from core.templatetags.portal import markdown_filter
from newsletter.selectors import archive_feed


class ArchiveFeed(LanguageTaggedFeed):
    def title(self):
        return _("Newsletter of the SOTE AI ecosystem")

    def subtitle(self):
        return _("Ecosystem news, AI use cases and interpretations of legislation.")

    def link(self):
        return reverse("newsletter:archive")

    def feed_url(self):
        return reverse("newsletter:feed")

    def items(self):
        return archive_feed()

    def _language(self):
        return (get_language() or "fi")[:2]

    def item_title(self, item):
        return item.subject_in(item.language_of_version(self._language()))

    def item_description(self, item):
        return markdown_filter(item.body_in(item.language_of_version(self._language())))

    def item_languages(self, item):
        # A newsletter's version is its subject and body together (Campaign.language_of_version).
        language = item.language_of_version(self._language())
        return {"title": language, "summary": language}

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.finished_at

    def item_updateddate(self, item):
        return item.finished_at

    # Django reads ``Feed.language`` as a plain attribute (never calls it), so it must be a property:
    # a method would be written into xml:lang as "<bound method …>".
    @property
    def language(self):
        return self._language()
