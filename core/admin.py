from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from core.models import AuditEntry, Page


@admin.register(Page)
class PageAdmin(TranslationAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "slug"]


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
