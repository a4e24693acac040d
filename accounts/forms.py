"""allauth's sign-up form (the same work whether or not the address has an account) and sign-in form."""

from __future__ import annotations

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password

from accounts.sessions import shorten_staff_session


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        """For an address that already has an account allauth creates nothing and only mails the
        owner; hashing the password (what takes the time for a new account) is skipped with it, and
        the quicker answer told who has an account. Hash it anyway, and throw the hash away."""
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class LoginForm(AllauthLoginForm):
    def login(self, request, redirect_url=None):
        """allauth sets the session's length after signing in (remember me or not); a staff
        member's is then shortened again (accounts.sessions)."""
        response = super().login(request, redirect_url)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            shorten_staff_session(None, request, user)
        return response
