"""The reviewer's queue: the application list as a steering-group member sees it.

My status per application (to review / draft / submitted) as a filter and a column, a link straight to
the review page, my progress and the review deadline per call above the list, "to review" first.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from funding.enums import REVIEWING_STATES, ReviewStatus
from funding.selectors import queue


def is_reviewer(request) -> bool:
    return request.user.has_perm("funding.review_application")


class MyReviewFilter(admin.SimpleListFilter):
    title = _("my review")
    parameter_name = "my_review"

    def lookups(self, request, model_admin):
        return queue.MY_STATUS_CHOICES

    def queryset(self, request, queryset):
        if self.value() in dict(queue.MY_STATUS_CHOICES):
            return queryset.filter(my_review_status=self.value())
        return queryset


class ReviewerQueueMixin:
    """Mixed into the application admin before the review mixin."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_reviewer(request):
            queryset = queue.with_my_review(queryset, request.user)
        return queryset

    def get_ordering(self, request):
        if is_reviewer(request):
            return [queue.my_review_order(request.user).asc(), "project_name", "pk"]
        return super().get_ordering(request)

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if is_reviewer(request):
            columns[1:1] = ["my_review", "review_link"]
        return columns

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        return [MyReviewFilter, *filters] if is_reviewer(request) else filters

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if is_reviewer(request):
            extra_context["review_progress"] = queue.reviewer_progress(request.user)
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("my review"), ordering="my_review_order")
    def my_review(self, obj):
        label = dict(queue.MY_STATUS_CHOICES).get(obj.my_review_status, "")
        return format_html('<span class="queue-status queue-{}">{}</span>', obj.my_review_status, label)

    @admin.display(description=_("review"))
    def review_link(self, obj):
        if obj.status not in REVIEWING_STATES or obj.my_review_status == ReviewStatus.SUBMITTED:
            return "–"
        label = _("Continue the review") if obj.my_review_status == ReviewStatus.DRAFT else _("Review")
        return format_html(
            '<a href="{}">{}<span class="visually-hidden">: {}</span></a>',
            reverse("admin:funding_review", args=[obj.pk]),
            label,
            obj,
        )
