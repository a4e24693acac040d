"""The API's filters: the same as the public pages' (directory, registry, event list, funded projects)."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.enums import EventFormat, EventType
from members.enums import OrganisationType
from network.enums import Stage, UseCase
from network.selectors import NO_REGION

SEARCH_MAX_LENGTH = 100
CODE_MAX_LENGTH = 80


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_name", max_length=SEARCH_MAX_LENGTH, label=_("Part of the name, in any language.")
    )
    type = django_filters.ChoiceFilter(choices=OrganisationType.choices, label=_("Type of organisation."))
    region = django_filters.CharFilter(
        field_name="region__code", max_length=CODE_MAX_LENGTH, label=_("Identifier of the welfare region.")
    )

    def filter_name(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name_fi__icontains=value) | Q(name_sv__icontains=value) | Q(name_en__icontains=value)
        )


class ImplementationFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(
        method="filter_region",
        max_length=CODE_MAX_LENGTH,
        label=_('Identifier of the welfare region, or "none" for records without one.'),
    )
    use_case = django_filters.ChoiceFilter(choices=UseCase.choices, label=_("Use case."))
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("Stage."))

    def filter_region(self, queryset, name, value):
        if value == NO_REGION:
            return queryset.filter(region__isnull=True)
        return queryset.filter(region__code=value)


class FundedProjectFilter(django_filters.FilterSet):
    call = django_filters.CharFilter(
        field_name="call__slug", max_length=CODE_MAX_LENGTH, label=_("Identifier of the funding call.")
    )
    use_case = django_filters.ChoiceFilter(choices=UseCase.choices, label=_("Use case."))


WHEN_CHOICES = [("upcoming", _("Upcoming")), ("past", _("Past"))]


class EventFilter(django_filters.FilterSet):
    when = django_filters.ChoiceFilter(
        choices=WHEN_CHOICES,
        method="filter_when",
        label=_("Upcoming (not yet ended) or past events."),
    )
    type = django_filters.ChoiceFilter(choices=EventType.choices, label=_("Type of event."))
    # Not "format": that parameter chooses between JSON and CSV.
    event_format = django_filters.ChoiceFilter(
        field_name="format", choices=EventFormat.choices, label=_("Online, on site or hybrid.")
    )
    language = django_filters.ChoiceFilter(choices=settings.LANGUAGES, label=_("Language of the event."))

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "past":
            return queryset.filter(ends_at__lte=now).order_by("-starts_at", "-id")
        return queryset.filter(ends_at__gt=now)
