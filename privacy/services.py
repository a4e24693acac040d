"""Personal data requests: a person's export and erasure across the apps, and the retention rules.

Every app that stores personal data provides ``<app>/personal_data.py`` with ``export`` and
``erase`` (see core.erasure). They are found like ``seed_demo`` finds ``<app>.demo``. Erasure
runs the apps in INSTALLED_APPS order except two, which come last: ``core`` (its audit trails must
also cover the entries the other apps' erasure wrote) and the app of the user model (the account
goes once nothing refers to the person by it any more). A final sweep over every text column of
every model replaces any occurrence of the address the apps left behind, and reports where.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import timedelta
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.audit import audit_log
from core.erasure import count_occurrences, scrub_model, scrub_phrase
from members import selectors as member_selectors
from privacy.enums import AuditAction
from privacy.models import RetentionRun

MODULE = "personal_data"
#: The export's format version; raised when its structure changes in an incompatible way.
EXPORT_VERSION = 1


class PrivacyError(Exception):
    """A refused request; ``message`` is translated and can be shown to the person."""

    def __init__(self, message: str, code: str = ""):
        self.message = message
        self.code = code
        super().__init__(message)


@dataclass
class ErasureResult:
    #: Rows changed per app label.
    counts: dict[str, int] = field(default_factory=dict)
    #: "deleted", "anonymised" or "" (no account).
    account: str = ""
    #: Values (row × column) per model where the final sweep still replaced the address: what the
    #: apps' own erasure missed.
    residual: dict[str, int] = field(default_factory=dict)
    #: Values (row × column) of stored mail where the person's name was replaced.
    names_in_mail: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def personal_data_modules() -> list[tuple[str, ModuleType]]:
    """(app label, module) of every installed app with a personal_data module, in erasure order."""
    found = []
    for app_config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{app_config.name}.{MODULE}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_config.name}.{MODULE}":
                raise
            continue
        found.append((app_config.label, module))
    user_app = get_user_model()._meta.app_label
    last = {"core": 1, user_app: 2}
    return sorted(found, key=lambda item: last.get(item[0], 0))


def _addresses(email: str, user) -> list[str]:
    """The address asked about, and for an account its every address (primary first)."""
    addresses = [email.strip()] if email and email.strip() else []
    if user is not None:
        from allauth.account.models import EmailAddress

        extra = [user.email] + list(
            EmailAddress.objects.filter(user=user)
            .order_by("-primary", "email")
            .values_list("email", flat=True)
        )
        for address in extra:
            if address and address.lower() not in {a.lower() for a in addresses}:
                addresses.append(address)
    return addresses


def personal_data_export(*, email: str, user) -> dict[str, Any]:
    """Everything the portal stores about the person, per app, as JSON-serialisable data. For an
    account every address of it is included; without one (``user`` None) only what is kept by
    the address."""
    addresses = _addresses(email, user)
    if not addresses:
        raise PrivacyError(gettext("No email address was given."), code="email")
    primary = addresses[0]
    data: dict[str, Any] = {
        "format_version": EXPORT_VERSION,
        "created_at": timezone.now().isoformat(),
        "email": primary,
        "apps": {},
    }
    modules = sorted(personal_data_modules(), key=lambda item: item[0])
    for label, module in modules:
        data["apps"][label] = module.export(email=primary, user=user)
    others = {}
    for address in addresses[1:]:
        others[address] = {label: module.export(email=address, user=None) for label, module in modules}
    if others:
        data["other_addresses"] = others
    return data


def account_for_address(email: str):
    """The account that uses ``email`` (as its address or one of its addresses), or None."""
    from allauth.account.models import EmailAddress

    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
        user = address.user if address is not None else None
    return user


def _sweep(addresses: list[str]) -> dict[str, int]:
    """Replace what the apps left behind, in every text column of every model."""
    residual: dict[str, int] = {}
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        for address in addresses:
            # One cheap query per model first; the replacement itself runs column by column.
            if count_occurrences(model, address):
                changed = scrub_model(model, address)
                if changed:
                    label = model._meta.label_lower
                    residual[label] = residual.get(label, 0) + changed
    return residual


#: Stored mail whose bodies may name the person in messages to others (an invitation names the inviter,
#: a notification the applicant): the person's full names are replaced there too.
MAIL_MODEL = ("outbox", "OutgoingMail")
MAIL_TEXT_FIELDS = ("subject", "body_text", "body_html")


def _names(user, addresses: list[str]) -> set[str]:
    """The person's full names (first and last name): the account's and those given as a contact person.
    A single word is too common to replace in other people's messages."""
    names = set(member_selectors.contact_person_names(user=user, emails=addresses))
    if user is not None:
        names.add(user.get_full_name())
    return {" ".join(name.split()) for name in names if len(name.split()) >= 2}


def _scrub_names_in_mail(names: set[str]) -> int:
    model = apps.get_model(*MAIL_MODEL)
    return sum(scrub_phrase(model, name, MAIL_TEXT_FIELDS) for name in sorted(names, key=len, reverse=True))


def personal_data_erase(*, email: str, user, actor) -> ErasureResult:
    """Erase the person: each app anonymises or deletes what it keeps (aggregates stay right), then
    the account goes (deleted, or anonymised when other records must keep pointing at it). One
    transaction; an audit entry records that it happened, without the address."""
    addresses = _addresses(email, user)
    if not addresses:
        raise PrivacyError(gettext("No email address was given."), code="email")
    if user is None and account_for_address(addresses[0]) is not None:
        raise PrivacyError(
            gettext("A user account uses this address. Sign in to erase your data, including the account."),
            code="account",
        )
    result = ErasureResult()
    user_app = get_user_model()._meta.app_label
    user_pk = user.pk if user is not None else None
    actor_is_person = actor is not None and user is not None and getattr(actor, "pk", None) == user_pk
    with transaction.atomic():
        if user is not None:
            user = get_user_model().objects.select_for_update().get(pk=user_pk)
        names = _names(user, addresses)  # before the apps erase the rows that hold them
        for label, module in personal_data_modules():
            if label == user_app:
                continue
            for address in addresses:
                changed = module.erase(email=address, user=user, actor=actor)
                result.counts[label] = result.counts.get(label, 0) + changed
        if user is not None:
            for label, module in personal_data_modules():
                if label == user_app:
                    result.counts[label] = module.erase(email=addresses[0], user=user, actor=actor)
            exists = get_user_model().objects.filter(pk=user_pk).exists()
            result.account = "anonymised" if exists else "deleted"
        result.residual = _sweep(addresses)
        result.names_in_mail = _scrub_names_in_mail(names)
        audit_actor = None if actor_is_person and result.account == "deleted" else actor
        audit_log(
            action=AuditAction.ERASURE_COMPLETED,
            actor=audit_actor,
            obj=_AuditSubject(user_pk),
            new={
                "account": result.account,
                "addresses": len(addresses),
                "counts": result.counts,
                "residual": result.residual,
                "names_in_mail": result.names_in_mail,
                "requested_by": "person" if actor_is_person or actor is None else "staff",
            },
        )
    return result


class _AuditSubject:
    """What the erasure's audit entry points at: the account (which may be gone) or nothing."""

    class _meta:  # noqa: N801 - mimics a model's options for core.audit
        label_lower = "privacy.erasure"

    def __init__(self, user_pk):
        self.pk = user_pk if user_pk is not None else ""


# --- Retention ----------------------------------------------------------------------------------


def _days(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def retention_purge(*, now=None) -> RetentionRun:
    """The retention rules, run by Celery beat once a day: requests for the newsletter never
    confirmed are deleted after PRIVACY_UNCONFIRMED_SUBSCRIPTION_DAYS (30), and the personal data
    of registrations is removed PRIVACY_REGISTRATION_RETENTION_DAYS (365) after the event ended.
    Each run is logged as a RetentionRun. Running it again removes nothing more."""
    from events.services.retention import registrations_anonymise_past
    from newsletter.services import subscribers_cleanup_unconfirmed

    now = now or timezone.now()
    run = RetentionRun.objects.create(started_at=timezone.now())
    unconfirmed_days = _days("PRIVACY_UNCONFIRMED_SUBSCRIPTION_DAYS", 30)
    registration_days = _days("PRIVACY_REGISTRATION_RETENTION_DAYS", 365)
    # The newsletter's own clean-up deletes requests older than twice the confirmation link's
    # lifetime before "now"; shifting "now" makes the limit the configured number of days.
    link_window = timedelta(seconds=2 * settings.NEWSLETTER_CONFIRM_MAX_AGE)
    with transaction.atomic():
        subscriptions = subscribers_cleanup_unconfirmed(
            now=now - timedelta(days=unconfirmed_days) + link_window
        )
        registrations = registrations_anonymise_past(before=now - timedelta(days=registration_days), now=now)
        run.finished_at = timezone.now()
        run.counts = {
            "unconfirmed_subscriptions": subscriptions,
            "registrations": registrations,
        }
        run.save(update_fields=["finished_at", "counts"])
        audit_log(action=AuditAction.RETENTION_COMPLETED, actor=None, obj=run, new=run.counts)
    return run
