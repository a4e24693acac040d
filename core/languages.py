"""The site's languages named in the language of the page: "finska" on a Swedish page, not "suomi".

settings.LANGUAGES keeps each language's own name for the language switcher (and the models'
choices); forms and pages that ask or tell which language something is in use these names."""

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext


def language_choices() -> list[tuple[str, str]]:
    """For a form field's ``choices`` (a callable, evaluated when the form is made)."""
    # Django's own catalogues translate its English language names ("Finnish").
    return [(code, gettext(LANG_INFO[code]["name"])) for code, _name in settings.LANGUAGES]
