"""Reads of the network's public content. Everything public is filtered here, nowhere else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, Model, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from members.selectors import (
    coordination_group_list,
    member_organisation_ids_for_contact,
    organisations_by_name,
    welfare_regions,
)
from network.enums import ImplementationStatus, UseCase
from network.models import Implementation, Notice, Person, WorkingGroup
from search.selectors import search_filter

#: The region filter's value for records that belong to no welfare region.
NO_REGION = "none"

# --- Contact persons ----------------------------------------------------------------------------


def contact_organisation_ids(user) -> frozenset[int]:
    """The member organisations ``user`` is a contact person of (and may keep records for).

    Reads members.ContactPerson, which the membership half of the site maintains.
    """
    if user is None or not user.is_authenticated:
        return frozenset()
    return frozenset(member_organisation_ids_for_contact(user=user))


def contact_organisation_list(user) -> QuerySet:
    return organisations_by_name(ids=contact_organisation_ids(user))


def user_can_edit_implementation(user, implementation: Implementation) -> bool:
    """Contact persons of the responsible organisation may edit; so may staff with the permission."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff and user.has_perm("network.change_implementation"):
        return True
    return implementation.owner_id in contact_organisation_ids(user)


# --- Coordination group and working groups ---------------------------------------------------------


def coordination_group_with_people() -> QuerySet:
    """The coordination group's organisations in seat order, each with ``organisation.people``."""
    return coordination_group_list().prefetch_related(
        Prefetch(
            "organisation__coordination_people",
            queryset=Person.objects.order_by("order", "name", "id"),
            to_attr="people",
        )
    )


def working_group_list() -> QuerySet[WorkingGroup]:
    return WorkingGroup.objects.annotate(member_count=Count("members")).order_by("order", "slug")


def working_group_get(*, slug: str) -> WorkingGroup | None:
    return (
        WorkingGroup.objects.prefetch_related(
            Prefetch("members", queryset=organisations_by_name(), to_attr="member_list")
        )
        .filter(slug=slug)
        .first()
    )


# --- AI implementations ---------------------------------------------------------------------------


def _published() -> QuerySet[Implementation]:
    return Implementation.objects.filter(status=ImplementationStatus.PUBLISHED)


def implementation_public_list(
    *, query: str = "", region: Model | str | None = None, use_case: str = "", stage: str = ""
) -> QuerySet[Implementation]:
    """Published records, newest first (best match first for a ``query``, as the site-wide search
    finds it); ``region`` may be a region or NO_REGION."""
    qs = search_filter(_published(), kind="implementation", text=query)
    if region == NO_REGION:
        qs = qs.filter(region__isnull=True)
    elif region is not None and region != "":
        qs = qs.filter(region=region)
    if use_case:
        qs = qs.filter(use_case=use_case)
    if stage:
        qs = qs.filter(stage=stage)
    return (
        qs.select_related("region", "owner")
        .prefetch_related(Prefetch("organisations", queryset=organisations_by_name()))
        .order_by(*(["-search_rank"] if query.strip() else []), "-published_at", "-id")
    )


def implementation_public_get(*, pk: int) -> Implementation | None:
    return (
        _published()
        .select_related("region", "owner")
        .prefetch_related(Prefetch("organisations", queryset=organisations_by_name()))
        .filter(pk=pk)
        .first()
    )


def implementation_newest(*, limit: int = 4) -> list[Implementation]:
    return list(_published().select_related("region", "owner").order_by("-published_at", "-id")[:limit])


def implementation_list_for_user(user) -> QuerySet[Implementation]:
    """Every record, in any status, of the organisations ``user`` is a contact person of."""
    return (
        Implementation.objects.filter(owner_id__in=contact_organisation_ids(user))
        .select_related("owner", "region")
        .order_by("-updated_at", "-id")
    )


@dataclass(frozen=True)
class PictureCell:
    use_case: str
    count: int


@dataclass(frozen=True)
class PictureRow:
    code: str  # a region's code, or NO_REGION
    label: str
    cells: list[PictureCell]
    total: int


@dataclass(frozen=True)
class SituationalPicture:
    use_cases: list[tuple[str, str]]
    rows: list[PictureRow]
    column_totals: list[PictureCell]
    total: int


def situational_picture() -> SituationalPicture:
    """Published records counted by welfare region × use case (two queries, whatever the data)."""
    counts: dict[tuple[int | None, str], int] = {
        (row["region_id"], row["use_case"]): row["n"]
        for row in _published().order_by().values("region_id", "use_case").annotate(n=Count("id"))
    }
    use_cases = list(UseCase.choices)

    def make_row(code: str, label: str, region_id: int | None) -> PictureRow:
        cells = [PictureCell(value, counts.get((region_id, value), 0)) for value, _label in use_cases]
        return PictureRow(code=code, label=label, cells=cells, total=sum(c.count for c in cells))

    rows = [make_row(r.code, r.name, r.pk) for r in welfare_regions()]
    rows.append(make_row(NO_REGION, gettext("No welfare region (national or other organisations)"), None))
    column_totals = [
        PictureCell(value, sum(n for (_region, uc), n in counts.items() if uc == value))
        for value, _label in use_cases
    ]
    return SituationalPicture(
        use_cases=use_cases, rows=rows, column_totals=column_totals, total=sum(counts.values())
    )


# --- Bulletin board ---------------------------------------------------------------------------------


def _current_notices(now: datetime | None = None) -> QuerySet[Notice]:
    now = now or timezone.now()
    return Notice.objects.filter(Q(publish_at__lte=now), Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def notice_current_list(*, now: datetime | None = None, query: str = "") -> QuerySet[Notice]:
    """Notices on the board now: published and not expired, newest first (best match first for a
    ``query``)."""
    notices = search_filter(_current_notices(now), kind="notice", text=query)
    return notices.order_by(*(["-search_rank"] if query.strip() else []), "-publish_at", "-id")


def notice_current_get(*, pk: int, now: datetime | None = None) -> Notice | None:
    return _current_notices(now).filter(pk=pk).first()


def notice_next_change(*, now: datetime | None = None) -> datetime | None:
    """The next moment a notice appears on the board or leaves it (None: none ahead)."""
    now = now or timezone.now()
    moments = Notice.objects.aggregate(
        publish=Min("publish_at", filter=Q(publish_at__gt=now)),
        expire=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    return min((m for m in moments.values() if m is not None), default=None)


def notice_latest(*, limit: int = 3) -> list[Notice]:
    return list(notice_current_list()[:limit])


def implementation_counts_by(field: str) -> dict:
    """Published implementations per value of ``field`` (one query)."""
    return dict(_published().order_by().values(field).annotate(n=Count("id")).values_list(field, "n"))


def implementations_awaiting_review_counts(*, since) -> tuple[int, int]:
    """(records submitted and waiting for the coordinators' review, of which submitted since ``since``)."""
    figures = Implementation.objects.filter(status=ImplementationStatus.SUBMITTED).aggregate(
        waiting=Count("id"), new=Count("id", filter=Q(submitted_at__gte=since))
    )
    return figures["waiting"], figures["new"]
