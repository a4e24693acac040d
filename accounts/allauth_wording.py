"""allauth's texts whose translations in its own catalogues are wrong.

Marked here so that `make messages` keeps them in the portal's catalogues, which Django consults
before allauth's (LOCALE_PATHS first): allauth's Swedish catalogue, for instance, translates the
link to sign up as "Already have an account? Then sign in"."""

from django.utils.translation import gettext_noop

CORRECTED = [
    gettext_noop("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
]
