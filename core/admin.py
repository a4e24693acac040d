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


class ServiceOwnedRecord:
    """A record the services own (an application, a decision, an organisation, a registration, a
    subscriber, a campaign, a report…): never deleted in the admin, by any role, superuser included.

    Such a record leaves by its own paths, withdrawal or cancellation, and the privacy erasure
    services, which also remove its files and write the audit entries. Without the delete permission
    Django offers neither the delete page nor the "delete selected" action. Content that a coordinator
    may remove (a page, a notice, an event draft) uses :class:`DeleteThroughService` instead.
    """

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


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
class AuditEntryAdmin(ServiceOwnedRecord, admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "object_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["action", "object_id"]
    list_select_related = ["actor"]
    readonly_fields = ["created_at", "actor", "action", "object_type", "object_id", "old", "new"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
