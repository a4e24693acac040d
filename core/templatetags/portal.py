import datetime
import re

import markdown as md
import nh3
from django import template
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from core import translation_status
from core.translation_status import shown_in_finnish

register = template.Library()

ALLOWED_TAGS = {"p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "blockquote", "code"}


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    """Render editor-written Markdown, keeping only harmless markup."""
    html = md.markdown(text or "", extensions=["sane_lists"])
    cleaned = nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}})
    return mark_safe(_unwrap_links_without_href(cleaned))  # noqa: S308


_ANCHOR = re.compile(r"<a\b([^>]*)>|</a>")


def _unwrap_links_without_href(html: str) -> str:
    """A link whose address the sanitiser removed (javascript:, data:) becomes plain text: an <a>
    without href is no link for a keyboard or a screen reader, and not valid where it stood."""
    keep: list[bool] = []

    def replace(match: re.Match) -> str:
        if match.group(0) == "</a>":
            return "</a>" if (keep.pop() if keep else True) else ""
        has_href = "href=" in (match.group(1) or "")
        keep.append(has_href)
        return match.group(0) if has_href else ""

    return _ANCHOR.sub(replace, html)


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code: str) -> str:
    """The current page's address in another language, for the language switcher."""
    request = context.get("request")
    if request is None:
        # Error pages rendered without a request (400, 500) link to the front page of each language.
        return f"/{language_code}/"
    return translate_url(request.get_full_path(), language_code)


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label: str, exclude: str = "") -> str:
    """A main menu link, marked aria-current="page" on its own section (``exclude``: a sub-section
    that has a menu item of its own)."""
    url = reverse(url_name)
    request = context.get("request")
    path = request.path if request is not None else ""
    front_page = reverse("frontpage:home")
    current = path == url if url == front_page else path.startswith(url)
    if current and exclude and path.startswith(reverse(exclude)):
        current = False
    return format_html(
        '<a href="{}"{}>{}</a>', url, mark_safe(' aria-current="page"') if current else "", label
    )


@register.simple_tag
def lang_attr(obj, field: str) -> str:
    """` lang="fi"` on an element whose text is the Finnish fallback of a missing translation."""
    active = get_language() or translation_status.SOURCE_LANGUAGE
    language = translation_status.field_language(obj, field, active)
    return format_html(' lang="{}"', language) if language != active else ""


@register.simple_tag
def finnish_only_note(obj, *fields: str, inline: bool = False) -> str:
    """Once per block: a visible note when any of the block's texts is shown in Finnish only."""
    if not any(shown_in_finnish(obj, field) for field in fields):
        return ""
    return format_html(
        '<{tag} class="lang-note">{}</{tag}>', gettext("Only in Finnish"), tag="span" if inline else "p"
    )


@register.simple_tag(takes_context=True)
def missing_translation_overview(context) -> list[dict]:
    from django.contrib import admin

    return translation_status.missing_translation_overview(admin.site, context["request"].user)


@register.filter
def iso_datetime(value) -> str:
    """For <time datetime>: ISO 8601 in local time, to the second (microseconds are not valid there)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()
