"""Which language versions of translatable content exist: the "only in Finnish" note on public pages
and the "missing sv / missing en" filter, column and counts in the admin.

django-modeltranslation falls back to Finnish when a Swedish or English field is empty; the visitor
must be told (WCAG 3.1.2: lang="fi" on the Finnish text), and editors must see what is missing.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
TARGET_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def translated_fields(model) -> list[str]:
    try:
        return sorted(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []


def shown_in_finnish(obj, field: str, language: str | None = None) -> bool:
    """True when the page's language has no text for ``field`` and the Finnish one is shown instead."""
    language = language or get_language()
    if language == SOURCE_LANGUAGE:
        return False
    own = getattr(obj, build_localized_fieldname(field, language), None)
    finnish = getattr(obj, build_localized_fieldname(field, SOURCE_LANGUAGE), None)
    return not own and bool(finnish)


def field_language(obj, field: str, language: str | None = None) -> str:
    """The language the text shown for ``field`` is actually in: the page's (or ``language``) unless
    its translation is missing and the Finnish fallback is shown. Templates (``lang_attr``), feeds
    (``xml:lang``) and the open data API (``languages``) all ask this, so they always agree."""
    language = language or get_language() or SOURCE_LANGUAGE
    return SOURCE_LANGUAGE if shown_in_finnish(obj, field, language) else language


def missing_languages(obj) -> list[str]:
    """The languages in which at least one field written in Finnish has no text."""
    fields = translated_fields(type(obj))
    return [
        language
        for language in TARGET_LANGUAGES
        if any(shown_in_finnish(obj, field, language) for field in fields)
    ]


def missing_q(model, language: str) -> Q:
    """Objects with a Finnish text whose ``language`` version is empty, in any translated field."""
    condition = Q(pk__in=[])
    for field in translated_fields(model):
        finnish = build_localized_fieldname(field, SOURCE_LANGUAGE)
        own = build_localized_fieldname(field, language)
        condition |= (Q(**{f"{finnish}__isnull": False}) & ~Q(**{finnish: ""})) & (
            Q(**{f"{own}__isnull": True}) | Q(**{own: ""})
        )
    return condition


def missing_counts(queryset: QuerySet) -> dict[str, int]:
    return {
        language: queryset.filter(missing_q(queryset.model, language)).count()
        for language in TARGET_LANGUAGES
    }


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing translation")
    parameter_name = "missing_translation"

    def lookups(self, request, model_admin):
        return [
            (language, _("missing %(language)s") % {"language": language}) for language in TARGET_LANGUAGES
        ]

    def queryset(self, request, queryset):
        if self.value() in TARGET_LANGUAGES:
            return queryset.filter(missing_q(queryset.model, self.value()))
        return queryset


@admin.display(description=_("Missing translations"))
def missing_translations_column(obj) -> str:
    return ", ".join(missing_languages(obj)) or "–"


def add_translation_status(site: admin.AdminSite) -> None:
    """Give every admin list of translatable content the filter and the column, in one place."""
    for model, model_admin in site._registry.items():
        if not translated_fields(model) or missing_translations_column in model_admin.list_display:
            continue
        model_admin.list_display = [*model_admin.list_display, missing_translations_column]
        model_admin.list_filter = [*model_admin.list_filter, MissingTranslationFilter]


def missing_translation_overview(site: admin.AdminSite, user) -> list[dict]:
    """The admin index's table: per translatable model the user may view, how many lack sv / en."""
    rows = []
    for model in site._registry:
        if not translated_fields(model):
            continue
        if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}") and not user.has_perm(
            f"{model._meta.app_label}.change_{model._meta.model_name}"
        ):
            continue
        counts = missing_counts(model._default_manager.all())
        if any(counts.values()):
            rows.append(
                {
                    "name": model._meta.verbose_name_plural,
                    "app_label": model._meta.app_label,
                    "model_name": model._meta.model_name,
                    "counts": [(language, counts[language]) for language in TARGET_LANGUAGES],
                }
            )
    return sorted(rows, key=lambda row: str(row["name"]))
