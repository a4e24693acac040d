import markdown as md
import nh3
from django import template
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {"p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "blockquote", "code"}


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    """Render editor-written Markdown, keeping only harmless markup."""
    html = md.markdown(text or "", extensions=["sane_lists"])
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}}))  # noqa: S308


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
