"""Two-factor authentication for test users, with allauth's own TOTP implementation."""

from __future__ import annotations

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt


def give_totp(user, *, recovery_codes: bool = True) -> str:
    """Give ``user`` an authenticator app (and recovery codes); return the TOTP secret."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing is not None:
        return decrypt(existing.data["secret"])
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    if (
        recovery_codes
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    ):
        RecoveryCodes.activate(user)
    return secret


def totp_secret(user) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def totp_code(secret: str) -> str:
    """The current code; waits for the next period when this one is about to end."""
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 3:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def browser_sign_in(page, base_url: str, email: str, password: str, *, next_path: str = "") -> None:
    """Sign in through allauth's pages in the browser, entering the TOTP code when asked."""
    import re

    suffix = f"?next={next_path}" if next_path else ""
    page.goto(f"{base_url}/fi/accounts/login/{suffix}")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))
    if "/accounts/2fa/authenticate/" in page.url:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(email__iexact=email)
        page.locator("input[name=code]").fill(totp_code(totp_secret(user)))
        page.locator("main button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"^(?!.*/accounts/2fa/authenticate/).*$"))
