from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from core.admin import DeleteThroughService
from network import services
from network.models import Implementation, Notice, Person, WorkingGroup


@admin.register(Person)
class PersonAdmin(TranslationAdmin):
    list_display = ["name", "title", "organisation", "role", "order"]
    list_editable = ["order"]
    list_filter = ["organisation", "role"]
    list_select_related = ["organisation"]
    search_fields = ["name", "title", "email"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(TranslationAdmin):
    list_display = ["name", "contact_name", "order"]
    list_editable = ["order"]
    filter_horizontal = ["members"]
    prepopulated_fields = {"slug": ("name_fi",)}


def _run(modeladmin, request, queryset, service, done_message):
    done = 0
    for implementation in queryset:
        try:
            service(actor=request.user, implementation=implementation)
        except services.ImplementationTransitionError as exc:
            modeladmin.message_user(request, exc.message, messages.WARNING)
        except PermissionDenied as exc:
            modeladmin.message_user(request, str(exc), messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message(done), messages.SUCCESS)


@admin.action(description=_("Publish the selected AI implementations"), permissions=["change"])
def publish(modeladmin, request, queryset):
    _run(
        modeladmin,
        request,
        queryset,
        services.implementation_publish,
        lambda n: (
            ngettext("%(count)d AI implementation published.", "%(count)d AI implementations published.", n)
            % {"count": n}
        ),
    )


@admin.action(description=_("Return the selected AI implementations for changes"), permissions=["change"])
def return_for_changes(modeladmin, request, queryset):
    _run(
        modeladmin,
        request,
        queryset,
        services.implementation_return,
        lambda n: (
            ngettext("%(count)d AI implementation returned.", "%(count)d AI implementations returned.", n)
            % {"count": n}
        ),
    )


@admin.action(description=_("Unpublish the selected AI implementations"), permissions=["change"])
def unpublish(modeladmin, request, queryset):
    _run(
        modeladmin,
        request,
        queryset,
        services.implementation_unpublish,
        lambda n: (
            ngettext(
                "%(count)d AI implementation unpublished.", "%(count)d AI implementations unpublished.", n
            )
            % {"count": n}
        ),
    )


@admin.register(Implementation)
class ImplementationAdmin(DeleteThroughService, TranslationAdmin):
    list_display = ["title", "owner", "region", "use_case", "stage", "status", "updated_at"]
    list_filter = ["status", "use_case", "stage", "region"]
    list_select_related = ["owner", "region"]
    search_fields = ["title", "owner__name"]
    autocomplete_fields = ["owner", "organisations"]
    readonly_fields = ["status", "submitted_at", "published_at", "created_by", "created_at", "updated_at"]
    actions = [publish, return_for_changes, unpublish]

    def save_model(self, request, obj, form, change):
        organisations = form.cleaned_data.get("organisations")
        services.implementation_save(
            actor=request.user,
            implementation=obj,
            organisations=None if organisations is None else list(organisations),
        )

    def delete_through_service(self, request, obj):
        services.implementation_delete(actor=request.user, implementation=obj)

    def save_related(self, request, form, formsets, change):
        # The organisations were set by the service, in the same audit entry as the other changes.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Notice)
class NoticeAdmin(DeleteThroughService, TranslationAdmin):
    list_display = ["title", "publish_at", "expires_at", "created_by"]
    list_select_related = ["created_by"]
    search_fields = ["title"]
    date_hierarchy = "publish_at"
    readonly_fields = ["created_by", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        fields = {
            name: form.cleaned_data[name] for name in services.NOTICE_FIELDS if name in form.cleaned_data
        }
        if change:
            services.notice_update(actor=request.user, notice=obj, fields=fields)
            return
        notice = services.notice_create(actor=request.user, fields=fields)
        # The admin goes on with its own instance: its history entry and the redirect need the new row.
        obj.pk, obj.created_by, obj.created_at, obj.updated_at = (
            notice.pk,
            notice.created_by,
            notice.created_at,
            notice.updated_at,
        )
        obj._state.adding = False

    def delete_through_service(self, request, obj):
        services.notice_delete(actor=request.user, notice=obj)
