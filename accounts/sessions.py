"""Staff sessions are shorter than members'."""

from __future__ import annotations

from django.conf import settings


def shorten_staff_session(sender, request, user, **kwargs) -> None:
    """On signing in (``user_logged_in``): staff sessions last STAFF_SESSION_AGE (a working day),
    members' SESSION_COOKIE_AGE (two weeks). A staff session opens applicants' personal data and the
    decisions; a forgotten browser must not keep it open for weeks. Set in the sign-in's own session
    write, so no page afterwards writes the session again for it."""
    session = getattr(request, "session", None)
    if session is not None and user.is_staff:
        session.set_expiry(settings.STAFF_SESSION_AGE)
