"""Staff must use multi-factor authentication before they reach any page but their account's."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# What a staff member without an authenticator may still use: allauth's pages for the account itself
# (setting up the authenticator among them), signing out of the admin, the language switch, the
# open data API (anonymous by design: it reads no session), the health checks.
OPEN_URL_NAME_PREFIXES = ("account_", "mfa_")
OPEN_URL_NAMES = {"set_language", "healthz", "readyz", "admin:logout"}
OPEN_NAMESPACES = {"opendata"}


def open_without_mfa(match) -> bool:
    name = match.url_name or ""
    return (
        name.startswith(OPEN_URL_NAME_PREFIXES)
        or match.view_name in OPEN_URL_NAMES
        or bool(OPEN_NAMESPACES & set(match.namespaces))
    )


class StaffMFARequiredMiddleware:
    """Send staff users without an authenticator app (TOTP) to set one up.

    Runs for every view but those in ``open_without_mfa`` — the admin's, the dashboard's, any
    staff-only view added later, in every language — whether the staff member signed in through
    allauth or any other way. Staff status is what counts, not the view's own permission check:
    a view that forgets to ask cannot open a staff account without its second factor. Needs
    AuthenticationMiddleware and MessageMiddleware before it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or open_without_mfa(match):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return None
        if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            return None
        messages.warning(
            request,
            _(
                "Staff members must use two-factor authentication. Set up an authenticator app "
                "to continue to the administration."
            ),
        )
        return redirect("mfa_activate_totp")
