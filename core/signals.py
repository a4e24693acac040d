"""Committed changes to what the cached public pages show replace those pages' cache version."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from core import public_cache

# The models each group of cached pages (core.public_cache) shows.
GROUPS: dict[str, tuple[str, ...]] = {
    "home": (
        "core.Page",
        "members.Organisation",
        "members.CoordinationGroupSeat",
        "events.Event",
        "network.Notice",
        "network.Implementation",
        "funding.FundingCall",
    ),
    "members": ("members.Organisation", "members.WelfareRegion"),
    "funded_projects": (
        "funding.FundingCall",
        "funding.Application",
        "funding.Partner",
        "members.Organisation",
    ),
    "events": ("events.Event", "events.Registration"),
    "projects": ("projects.Project", "funding.Application", "members.Organisation"),
    # A call's application form (funding.selectors.answers.call_form), read on every applicant page.
    "funding_forms": ("funding.FormSection", "funding.FormQuestion", "funding.FormChoice"),
    "funding": (
        "funding.FundingCall",
        "funding.CallDocument",
        "funding.CallQuestion",
        # The call page lists what every applicant must confirm, from the call's form.
        "funding.FormSection",
        "funding.FormQuestion",
        "funding.FormChoice",
        "members.Organisation",
    ),
}
# Many-to-many relations shown by a group: (model, field).
RELATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "funding": (("funding.FundingCall", "eligible_organisations"),),
}


def _invalidate_on_commit(groups: tuple[str, ...]):
    def receiver(sender, **kwargs):
        if kwargs.get("action", "post_").startswith("pre_"):
            return
        transaction.on_commit(lambda: public_cache.invalidate(groups), robust=True)

    return receiver


def _invalidate_everything_on_raw_save(sender, raw=False, **kwargs):
    """Fixtures (``loaddata``, and the test runner's restore after a flush) may change anything."""
    if raw:
        transaction.on_commit(lambda: public_cache.invalidate(GROUPS), robust=True)


def _invalidate_everything_after_migrate(sender, **kwargs):
    public_cache.invalidate(GROUPS)


def connect(app_config) -> None:
    post_save.connect(_invalidate_everything_on_raw_save, weak=False, dispatch_uid="public_cache:raw")
    # post_migrate is sent once for each app after all migrations have run: once is enough.
    post_migrate.connect(
        _invalidate_everything_after_migrate,
        sender=app_config,
        weak=False,
        dispatch_uid="public_cache:migrate",
    )
    by_model: dict[str, list[str]] = {}
    for group, labels in GROUPS.items():
        for label in labels:
            by_model.setdefault(label, []).append(group)
    for label, groups in by_model.items():
        model = apps.get_model(label)
        receiver = _invalidate_on_commit(tuple(groups))
        uid = f"public_cache:{label}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
    for group, relations in RELATIONS.items():
        for label, field in relations:
            through = getattr(apps.get_model(label), field).through
            m2m_changed.connect(
                _invalidate_on_commit((group,)),
                sender=through,
                weak=False,
                dispatch_uid=f"public_cache:{label}.{field}",
            )
