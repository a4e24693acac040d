"""Coordinators' tools: events with programme, registrations, attendance, messages, export, feedback."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from nested_admin import NestedModelAdminMixin, NestedStackedInlineMixin, NestedTabularInlineMixin

from core.admin import DeleteThroughService, ServiceOwnedRecord
from core.csv_export import dialect_from, streaming_csv_response
from events import selectors, services
from events.forms import AttendanceImportForm, EventMessageForm
from events.models import Event, FeedbackQuestion, FeedbackResponse, ProgrammeItem, Registration, Speaker


class SpeakerInline(NestedTabularInlineMixin, TranslationTabularInline):
    model = Speaker
    extra = 0
    fields = ["order", "name", "title", "organisation"]


class ProgrammeItemInline(NestedStackedInlineMixin, TranslationStackedInline):
    model = ProgrammeItem
    extra = 0
    fields = ["starts_at", "ends_at", "title", "description", "order"]
    # Speakers are edited with their programme item, on the event's own page.
    inlines = [SpeakerInline]


class FeedbackQuestionInline(NestedTabularInlineMixin, TranslationTabularInline):
    model = FeedbackQuestion
    extra = 0
    fields = ["order", "kind", "text", "required"]
    verbose_name_plural = _("feedback questions of this event (empty: the default set)")


@admin.register(Event)
class EventAdmin(DeleteThroughService, NestedModelAdminMixin, TranslationAdmin):
    list_display = [
        "title",
        "type",
        "starts_at",
        "capacity",
        "registered",
        "waiting",
        "attended",
        "attendance_rate",
        "published",
    ]
    list_filter = ["type", "format", "published", "language"]
    search_fields = ["title", "slug"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ("title_fi",)}
    inlines = [ProgrammeItemInline, FeedbackQuestionInline]
    change_form_template = "admin/events/event/change_form.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "type", "format", "language", "published", "description"]}),
        (_("Time and place"), {"fields": ["starts_at", "ends_at", "place", "joining_url"]}),
        (_("Registration"), {"fields": ["capacity", "registration_opens_at", "registration_closes_at"]}),
        (_("After the event"), {"fields": ["materials", "reported_attendance"]}),
    ]

    def get_queryset(self, request):
        return selectors.with_counts(super().get_queryset(request))

    @admin.display(description=_("registered"), ordering="registered_count")
    def registered(self, obj):
        return obj.registered_count

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, obj):
        return obj.waiting_count

    @admin.display(description=_("attended"), ordering="attended_count")
    def attended(self, obj):
        return obj.attended_count

    @admin.display(description=_("attendance rate"))
    def attendance_rate(self, obj):
        return selectors.attendance_figures(obj).rate_text

    def save_model(self, request, obj, form, change):
        _event, promoted = services.event_save(event=obj, actor=request.user)
        if promoted:
            self.message_user(
                request,
                ngettext(
                    "%(count)d person moved up from the waiting list and was emailed.",
                    "%(count)d people moved up from the waiting list and were emailed.",
                    len(promoted),
                )
                % {"count": len(promoted)},
            )

    def delete_through_service(self, request, obj):
        services.event_delete(event=obj, actor=request.user)

    # --- Extra pages ---------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/attendance/", wrap(self.attendance_view), name="events_event_attendance"),
            path("<int:pk>/message/", wrap(self.message_view), name="events_event_message"),
            path("<int:pk>/registrations.csv", wrap(self.export_view), name="events_event_export"),
            path("<int:pk>/feedback/", wrap(self.feedback_view), name="events_event_feedback"),
            *super().get_urls(),
        ]

    def _event(self, request, pk: int, *, change: bool) -> Event:
        event = get_object_or_404(selectors.with_counts(Event.objects.all()), pk=pk)
        allowed = (
            self.has_change_permission(request, event) if change else self.has_view_permission(request, event)
        )
        if not allowed:
            raise PermissionDenied
        return event

    def _context(self, request, event: Event, title: str, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": event,
            "event": event,
            "title": title,
            "attendance": selectors.attendance_figures(event),
            **extra,
        }

    def attendance_view(self, request, pk: int):
        event = self._event(request, pk, change=True)
        result = None
        form = AttendanceImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = services.attendance_import(
                    event=event, content=form.cleaned_data["file"].read(), actor=request.user
                )
            except services.EventError as exc:
                form.add_error("file", exc.message)
            else:
                self.message_user(
                    request,
                    gettext("%(matched)d registrations matched, %(unmatched)d addresses not registered.")
                    % {"matched": result.matched, "unmatched": len(result.unmatched)},
                )
                event = self._event(request, pk, change=True)
        return TemplateResponse(
            request,
            "admin/events/event/attendance.html",
            self._context(
                request, event, gettext("Attendance: %(event)s") % {"event": event}, form=form, result=result
            ),
        )

    def message_view(self, request, pk: int):
        event = self._event(request, pk, change=True)
        form = EventMessageForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                count = services.event_message_send(
                    event=event,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["message"],
                    include_waiting=form.cleaned_data["include_waiting"],
                    actor=request.user,
                )
            except services.EventError as exc:
                form.add_error(None, exc.message)
            else:
                self.message_user(
                    request, gettext("The message was queued for %(count)d recipients.") % {"count": count}
                )
                return redirect(reverse("admin:events_event_change", args=[event.pk]))
        return TemplateResponse(
            request,
            "admin/events/event/message.html",
            self._context(
                request, event, gettext("Email the registrants: %(event)s") % {"event": event}, form=form
            ),
        )

    def export_view(self, request, pk: int):
        event = self._event(request, pk, change=False)
        if not request.user.has_perm("events.view_registration"):
            raise PermissionDenied
        return streaming_csv_response(
            rows=selectors.registration_export_rows(event=event),
            filename=f"registrations-{event.slug}.csv",
            dialect=dialect_from(request),
        )

    def feedback_view(self, request, pk: int):
        event = self._event(request, pk, change=False)
        if not request.user.has_perm("events.view_feedbackresponse"):
            raise PermissionDenied
        results = selectors.feedback_results(event=event)
        responses = FeedbackResponse.objects.filter(event=event).count()
        return TemplateResponse(
            request,
            "admin/events/event/feedback.html",
            self._context(
                request,
                event,
                gettext("Feedback: %(event)s") % {"event": event},
                results=results,
                responses=responses,
            ),
        )


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(NestedModelAdminMixin, TranslationAdmin):
    list_display = ["__str__", "event"]
    list_select_related = ["event"]
    list_filter = ["event__type"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event"]
    inlines = [SpeakerInline]


@admin.register(Registration)
class RegistrationAdmin(ServiceOwnedRecord, admin.ModelAdmin):
    list_display = ["name", "email", "organisation", "event", "status", "attended", "created_at"]
    list_filter = ["status", "attended", "event__type", "event"]
    search_fields = ["name", "email", "organisation"]
    list_select_related = ["event"]
    autocomplete_fields = ["event"]
    readonly_fields = [
        "status",
        "created_at",
        "consented_at",
        "promoted_at",
        "cancelled_at",
        "day_reminder_sent_at",
        "hour_reminder_sent_at",
        "feedback_requested_at",
        "confirmation_queued_at",
        "private_link",
    ]
    actions = ["mark_attended", "mark_not_attended", "cancel_registrations"]

    def has_add_permission(self, request):
        # Registrations are made on the event page, where capacity and the waiting list are kept.
        return False

    @admin.display(description=_("private link"))
    def private_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), gettext("Open"))

    @admin.action(description=_("Mark as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        count = services.attendance_mark(registrations=list(queryset), attended=True, actor=request.user)
        self.message_user(request, gettext("%(count)d registrations marked as attended.") % {"count": count})

    @admin.action(description=_("Mark as not attended"), permissions=["change"])
    def mark_not_attended(self, request, queryset):
        count = services.attendance_mark(registrations=list(queryset), attended=False, actor=request.user)
        self.message_user(
            request, gettext("%(count)d registrations marked as not attended.") % {"count": count}
        )

    @admin.action(
        description=_("Cancel the registrations (moves up the waiting list)"), permissions=["change"]
    )
    def cancel_registrations(self, request, queryset):
        done = 0
        for registration in queryset.order_by("created_at", "id"):
            try:
                services.registration_cancel(registration=registration, actor=request.user)
            except services.EventError as exc:
                self.message_user(request, f"{registration}: {exc.message}", level=messages.WARNING)
            else:
                done += 1
        self.message_user(request, gettext("%(count)d registrations cancelled.") % {"count": done})


@admin.register(FeedbackQuestion)
class FeedbackQuestionAdmin(TranslationAdmin):
    list_display = ["text", "kind", "required", "order", "event"]
    list_filter = ["kind", ("event", admin.EmptyFieldListFilter)]
    list_select_related = ["event"]
    autocomplete_fields = ["event"]
    # The question's own fields come from the questionnaire engine's base model; the event stays first.
    fields = ["event", "text", "kind", "required", "order"]
