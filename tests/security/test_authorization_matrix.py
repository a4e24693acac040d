"""The authorization matrix: for each role and each URL of the portal, the expected answer.

Every URL pattern must have an entry in URLS: a new pattern without one fails
``test_every_url_pattern_has_an_entry``. Entries are either PUBLIC (anyone may read it; its
headers are checked by test_public_pages) or a dict of role → expected outcome, where an
outcome is an HTTP status or "login" (a redirect to sign in).

Apps added later keep their rows in ``tests/security/matrix/<app>.py`` (``URLS`` and, when their
URLs need objects, ``paths(world) -> {name: path}``); they are merged here. An entry written before
the review roles existed gives the steering group's outcome to the reviewer, the conflicted
reviewer and the decision-maker.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.security.matrix import fragments
from tests.security.urlmap import pattern_names

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "member",
    "other_applicant",
    "coordinator",
    "steering",
    "reviewer",
    "conflicted_reviewer",
    "decision_maker",
]
STAFF_ROLES = ("reviewer", "conflicted_reviewer", "decision_maker")
PUBLIC = "public"
L = "login"


def same(outcome):
    return dict.fromkeys(ROLES, outcome)


def signed_in(outcome, anonymous=L):
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], outcome)}


# name → PUBLIC or {role: outcome}. Targets of the organisation-owned rows belong to the
# member's organisation (the "member" role); "other_applicant" is a contact person of another
# organisation with an application of its own in the same call.
URLS: dict[str, object] = {
    "account_change_password": signed_in(200, anonymous="login"),
    "account_confirm_email": same(200),
    "account_confirm_login_code": signed_in("redirect", anonymous="login"),
    # Without a pending code (requested on the page below) the confirmation sends the person back.
    "account_confirm_reauthentication_code": signed_in("redirect", anonymous="login"),
    "account_email": signed_in(200, anonymous="login"),
    "account_email_verification_sent": PUBLIC,
    "account_inactive": same(200),
    "account_login": signed_in("redirect", anonymous=200),
    "account_logout": signed_in(200, anonymous="redirect"),
    "account_reauthenticate": signed_in(200, anonymous="login"),
    # Reauthentication by a code mailed to the address: people without an authenticator may use it;
    # staff, who all have one, are sent on to reauthenticate with it instead.
    "account_request_reauthentication_code": {
        "anonymous": "login",
        "member": 200,
        "other_applicant": 200,
        "coordinator": "redirect",
        "steering": "redirect",
    },
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": same(200),
    "account_reset_password_from_key_done": PUBLIC,
    "account_set_password": signed_in("redirect", anonymous="login"),
    "account_signup": signed_in("redirect", anonymous=200),
    "admin:*": {
        "anonymous": "login",
        "member": "login",
        "other_applicant": "login",
        "coordinator": 200,
        "steering": 200,
    },
    "frontpage:home": PUBLIC,
    "core:page": PUBLIC,
    "core:probe": PUBLIC,
    "events:cancel": same(404),
    "events:detail": PUBLIC,
    "events:feed": PUBLIC,
    "events:feedback": same(404),
    "events:ics": PUBLIC,
    "events:list": PUBLIC,
    "events:past": PUBLIC,
    "events:register": PUBLIC,
    "events:registration": same(404),
    "events:registration_ics": same(404),
    "funding:application": {
        "anonymous": "login",
        "member": 200,
        "other_applicant": 404,
        "coordinator": 404,
        "steering": 404,
    },
    "funding:answer": {
        "anonymous": "login",
        "member": "redirect",
        "other_applicant": 404,
        "coordinator": 404,
        "steering": 404,
    },
    "funding:application_pdf": {
        "anonymous": "login",
        "member": 200,
        "other_applicant": 404,
        "coordinator": 404,
        "steering": 404,
    },
    # The world's application has no announced decision: its letter does not exist for anyone yet.
    "funding:decision_letter": {
        "anonymous": "login",
        "member": 404,
        "other_applicant": 404,
        "coordinator": 404,
        "steering": 404,
    },
    "funding:attachment": {
        "anonymous": "login",
        "member": 200,
        "other_applicant": 404,
        "coordinator": 404,
        "steering": 404,
    },
    "funding:call": PUBLIC,
    "funding:call_detail": PUBLIC,
    "funding:document": PUBLIC,
    "funding:my_applications": signed_in(200, anonymous="login"),
    "funding:reopen": signed_in(405, anonymous="login"),
    "funding:start": signed_in(200, anonymous="login"),
    "funding:withdraw": {
        "anonymous": "login",
        "member": "redirect",
        "other_applicant": 404,
        "coordinator": 404,
        "steering": 404,
    },
    "healthz": PUBLIC,
    "readyz": PUBLIC,
    # Public uploads (logos); applicants' files are never under MEDIA_ROOT.
    "media": PUBLIC,
    "members:activate": same(400),
    "members:invitation": same(400),
    "members:directory": PUBLIC,
    "members:join": PUBLIC,
    "members:join_done": PUBLIC,
    "members:my": signed_in(200, anonymous="login"),
    "members:my_contact_remove": {
        "anonymous": "login",
        "member": 200,
        "other_applicant": 404,
        "coordinator": 404,
        "steering": 404,
    },
    "members:my_contacts": {
        "anonymous": "login",
        "member": 200,
        "other_applicant": 404,
        "coordinator": 404,
        "steering": 404,
    },
    "members:my_edit": {
        "anonymous": "login",
        "member": 200,
        "other_applicant": 404,
        "coordinator": 404,
        "steering": 404,
    },
    "members:my_resign": {
        "anonymous": "login",
        "member": 200,
        "other_applicant": 404,
        "coordinator": 404,
        "steering": 404,
    },
    "members:profile": PUBLIC,
    "mfa_activate_totp": signed_in("redirect", anonymous="login"),
    "mfa_authenticate": signed_in("redirect", anonymous="login"),
    "mfa_deactivate_totp": {
        "anonymous": "login",
        "member": 404,
        "other_applicant": 404,
        "coordinator": "redirect",
        "steering": "redirect",
    },
    "mfa_download_recovery_codes": {
        "anonymous": "login",
        "member": 404,
        "other_applicant": 404,
        "coordinator": "redirect",
        "steering": "redirect",
    },
    "mfa_generate_recovery_codes": signed_in("redirect", anonymous="login"),
    "mfa_index": signed_in(200, anonymous="login"),
    "mfa_reauthenticate": {
        "anonymous": "login",
        "member": "redirect",
        "other_applicant": "redirect",
        "coordinator": 200,
        "steering": 200,
    },
    "mfa_view_recovery_codes": {
        "anonymous": "login",
        "member": 404,
        "other_applicant": 404,
        "coordinator": "redirect",
        "steering": "redirect",
    },
    "network:coordination_group": PUBLIC,
    "network:implementation_create": {
        "anonymous": "login",
        "member": 200,
        "other_applicant": 200,
        "coordinator": 403,
        "steering": 403,
    },
    "network:implementation_detail": same(404),
    "network:implementation_edit": {
        "anonymous": "login",
        "member": 200,
        "other_applicant": 404,
        "coordinator": 200,
        "steering": 404,
    },
    "network:implementation_list": PUBLIC,
    "network:implementation_own_list": {
        "anonymous": "login",
        "member": 200,
        "other_applicant": 200,
        "coordinator": 403,
        "steering": 403,
    },
    "network:implementation_submit": signed_in(405, anonymous="login"),
    "network:notice_detail": PUBLIC,
    "network:notice_feed": PUBLIC,
    "network:notice_list": PUBLIC,
    "search:search": PUBLIC,
    "network:situational_picture": PUBLIC,
    "network:working_group_detail": PUBLIC,
    "network:working_group_list": PUBLIC,
    "newsletter:amazon_ses_tracking": same(404),
    "newsletter:archive": PUBLIC,
    "newsletter:archive_detail": same(404),
    "newsletter:brevo_tracking": same(404),
    "newsletter:confirm": same(400),
    "newsletter:feed": PUBLIC,
    "newsletter:mailersend_tracking": same(404),
    "newsletter:mailgun_tracking": same(404),
    "newsletter:mailjet_tracking": same(404),
    "newsletter:mailtrap_tracking": same(404),
    "newsletter:manage": same(404),
    "newsletter:manage_unsubscribe": same(405),
    "newsletter:mandrill_tracking": same(404),
    "newsletter:one_click": same(404),
    "newsletter:postal_tracking": same(404),
    "newsletter:postmark_tracking": same(404),
    "newsletter:resend_tracking": same(404),
    "newsletter:sendgrid_tracking": same(404),
    "newsletter:sendinblue_tracking": same(404),
    "newsletter:sparkpost_tracking": same(404),
    "newsletter:subscribe": PUBLIC,
    "newsletter:thanks": PUBLIC,
    "newsletter:unisender_go_tracking": same(404),
    "set_language": same("redirect"),
}


def _complete(entry):
    if entry == PUBLIC:
        return entry
    return {**{role: entry["steering"] for role in STAFF_ROLES}, **entry}


for _module in fragments():
    _overlap = URLS.keys() & _module.URLS.keys()
    assert not _overlap, f"{_module.__name__} repeats entries: {_overlap}"
    URLS.update(_module.URLS)
URLS = {name: _complete(entry) for name, entry in URLS.items()}


def path_for(name: str, paths: dict[str, str]) -> str:
    if name in paths:
        return paths[name]
    if name == "admin:*":
        return "/fi/admin/"
    with translation.override("fi"):
        return reverse(name)


def outcome(response) -> object:
    if response.status_code in {301, 302, 303}:
        location = response["Location"]
        if "/accounts/login/" in location or "/admin/login/" in location:
            return L
        return "redirect"
    return response.status_code


def observe(world, names) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = {}
    for role, user in world["users"].items():
        client = Client()
        if user is not None:
            client.force_login(user)
        for name in names:
            found.setdefault(name, {})[role] = outcome(client.get(path_for(name, world["paths"])))
    return found


def test_every_url_pattern_has_an_entry():
    names = pattern_names()
    missing = sorted(names - URLS.keys())
    stale = sorted(URLS.keys() - names)
    assert not missing, f"URL patterns without an entry in the authorization matrix: {missing}"
    assert not stale, f"entries for URL patterns that no longer exist: {stale}"


def test_authorization_matrix(world):
    names = sorted(name for name in pattern_names() if name in URLS and URLS[name] != PUBLIC)
    found = observe(world, names)
    wrong = {name: (found[name], URLS[name]) for name in names if found[name] != URLS[name]}
    assert not wrong, "\n".join(f"{n}: got {g}, expected {e}" for n, (g, e) in wrong.items())


def test_public_entries_are_readable_by_anyone(world):
    names = sorted(name for name in pattern_names() if URLS.get(name) == PUBLIC)
    found = observe(world, names)
    closed = {name: got for name, got in found.items() if got["anonymous"] not in {200}}
    assert not closed, closed
