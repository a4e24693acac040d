"""Atom feeds that say which language each entry's texts are in.

A feed is in the language of its address (the feed's ``xml:lang``), but a notice or a newsletter
without a Swedish or English version is given in Finnish. Each entry's ``title`` and ``summary`` (and
``content``) therefore carry their own ``xml:lang`` (RFC 4287 allows it on every element), the same
language the pages mark with ``lang`` (core.translation_status.field_language).
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

#: Entry elements that hold text and may be in a language other than the feed's.
TEXT_ELEMENTS = ("title", "summary", "content")


class _LanguageTaggingHandler:
    """Passes everything to the XML writer, adding ``xml:lang`` to an entry's text elements."""

    def __init__(self, handler, languages: dict[str, str]):
        self._handler = handler
        self._languages = languages

    def addQuickElement(self, name, contents=None, attrs=None):  # noqa: N802 (the writer's name)
        language = self._languages.get(name)
        if language:
            attrs = {**(attrs or {}), "xml:lang": language}
        return self._handler.addQuickElement(name, contents, attrs)

    def __getattr__(self, name):
        return getattr(self._handler, name)


class LanguageTaggedAtom1Feed(Atom1Feed):
    def add_item_elements(self, handler, item):
        languages = {
            name: code for name, code in (item.get("languages") or {}).items() if name in TEXT_ELEMENTS
        }
        super().add_item_elements(_LanguageTaggingHandler(handler, languages), item)


class LanguageTaggedFeed(Feed):
    """A feed whose entries name the language of their texts: subclasses answer ``item_languages``
    with ``{"title": "fi", "summary": "sv"}`` (Atom element names)."""

    feed_type = LanguageTaggedAtom1Feed

    def item_languages(self, item) -> dict[str, str]:
        return {}

    def item_extra_kwargs(self, item):
        return {**super().item_extra_kwargs(item), "languages": self.item_languages(item)}
