"""Staff must use multi-factor authentication before they reach the admin."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Admin views a staff member without an authenticator may still use.
ADMIN_VIEWS_WITHOUT_MFA = {"logout"}


class StaffMFARequiredMiddleware:
    """Send staff users without an authenticator app (TOTP) to set one up.

    Runs for every view in the admin's namespace, in every language, whether the staff member
    signed in through allauth or any other way. Needs AuthenticationMiddleware and
    MessageMiddleware before it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces or match.url_name in ADMIN_VIEWS_WITHOUT_MFA:
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
