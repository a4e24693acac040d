"""allauth's sign-up form, doing the same work whether or not the address already has an account."""

from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        """For an address that already has an account allauth creates nothing and only mails the
        owner; hashing the password (what takes the time for a new account) is skipped with it, and
        the quicker answer told who has an account. Hash it anyway, and throw the hash away."""
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
