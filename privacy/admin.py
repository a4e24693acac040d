"""Retention runs, read-only: what the daily retention task removed and when."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from privacy.models import RetentionRun


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "finished_at", "unconfirmed_subscriptions", "registrations"]
    fields = ["started_at", "finished_at", "unconfirmed_subscriptions", "registrations"]
    readonly_fields = fields
    date_hierarchy = "started_at"

    @admin.display(description=_("unconfirmed subscriptions deleted"))
    def unconfirmed_subscriptions(self, obj: RetentionRun) -> int:
        return obj.counts.get("unconfirmed_subscriptions", 0)

    @admin.display(description=_("registrations anonymised"))
    def registrations(self, obj: RetentionRun) -> int:
        return obj.counts.get("registrations", 0)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
