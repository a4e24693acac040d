from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from core import search
from core.models import AuditEntry, Page


class DeleteThroughService:
    """Admin deletions, one object or the "delete selected" action, through the app's service.

    Django's bulk action deletes the queryset in one query, past the service and its audit entry; here
    every object goes through ``delete_through_service`` (which the admin defines), oldest first."""

    def delete_through_service(self, request, obj) -> None:
        raise NotImplementedError

    def delete_model(self, request, obj):
        self.delete_through_service(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset.order_by("pk"):
            self.delete_through_service(request, obj)


@admin.register(Page)
class PageAdmin(TranslationAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "slug"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        search.changed(kind="page", ids=[obj.pk])

    def delete_model(self, request, obj):
        search.changed(kind="page", ids=[obj.pk])
        super().delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "object_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["action", "object_id"]
    list_select_related = ["actor"]
    readonly_fields = ["created_at", "actor", "action", "object_type", "object_id", "old", "new"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
