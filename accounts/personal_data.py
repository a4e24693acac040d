"""Personal data of a user account (the personal data protocol; privacy.services calls it last)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone

from core.erasure import erased_address, iso

#: Rows that belong to the account alone and may go with it. Anything else a deletion would take
#: with it (a PROTECT reference such as a funding review, or rows another app counts) keeps the
#: account as an anonymised, inactive row instead.
ACCOUNT_OWNED = {
    "account.emailaddress",
    "account.emailconfirmation",
    "mfa.authenticator",
    "members.contactperson",
}


def export(*, email: str, user) -> dict:
    if user is None:
        return {}
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "language": user.language,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        "is_staff": user.is_staff,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "authenticators": [
            {"type": a.type, "created_at": iso(a.created_at), "last_used_at": iso(a.last_used_at)}
            for a in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
    }


def deletable(user) -> bool:
    """True when deleting the user would remove nothing but rows of the account itself."""
    collector = Collector(using=router.db_for_write(type(user)))
    try:
        collector.collect([user])
    except (ProtectedError, RestrictedError):
        return False

    def owned(model) -> bool:
        return (
            model is type(user) or bool(model._meta.auto_created) or model._meta.label_lower in ACCOUNT_OWNED
        )

    if not all(owned(model) for model, instances in collector.data.items() if instances):
        return False
    # Querysets deleted without loading them (e.g. the admin's change log of a staff member).
    return all(owned(qs.model) or not qs.exists() for qs in collector.fast_deletes)


def _end_sessions(user) -> int:
    """Sign the person out everywhere (database sessions)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def erase(*, email: str, user, actor) -> int:
    """Delete the account, or, when other records must keep pointing at it (PROTECT), turn it into an
    inactive row without a name, a usable password, addresses, authenticators or permissions."""
    if user is None:
        return 0
    User = get_user_model()
    user = User.objects.select_for_update().get(pk=user.pk)
    changed = _end_sessions(user)
    if deletable(user):
        deleted, _ = user.delete()
        return changed + deleted
    changed += EmailAddress.objects.filter(user=user).delete()[0]
    changed += Authenticator.objects.filter(user=user).delete()[0]
    user.email = erased_address(user.pk, "user")
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    return changed + 1
