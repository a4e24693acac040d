from django.conf import settings
from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from outbox import selectors, services
from outbox.models import OutgoingMail, OutgoingMailAttachment

# Shown inside the preview frame: no scripts (sandbox), no remote images or styles (CSP).
PREVIEW_CSP = (
    '<meta http-equiv="Content-Security-Policy" '
    "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
)


class AttachmentInline(admin.TabularInline):
    model = OutgoingMailAttachment
    fields = ["filename", "mimetype", "size"]
    readonly_fields = ["filename", "mimetype", "size"]
    extra = 0
    can_delete = False

    @admin.display(description=_("size (bytes)"))
    def size(self, obj):
        return len(obj.content or b"")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")

    def has_add_permission(self, request, obj=None):
        return False


class AttentionFilter(admin.SimpleListFilter):
    """The messages behind the notice above the list (``selectors.mail_attention``)."""

    title = _("needs attention")
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [("stuck", _("Waiting too long")), ("failed", _("Failed recently"))]

    def queryset(self, request, queryset):
        if self.value() == "stuck":
            return queryset.filter(pk__in=selectors.mail_stuck().values("pk"))
        if self.value() == "failed":
            return queryset.filter(pk__in=selectors.mail_failed_recently().values("pk"))
        return queryset


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = [
        "subject",
        "to",
        "state",
        "kind",
        "language",
        "attempts",
        "last_error_short",
        "created_at",
        "sent_at",
    ]
    list_filter = [AttentionFilter, "state", "kind", "language", "created_at"]
    search_fields = ["to", "subject", "message_id"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ["retry_selected", "abort_selected"]
    inlines = [AttachmentInline]
    fieldsets = (
        (None, {"fields": ("state", "to", "subject", "kind", "language", "template", "last_error")}),
        (
            _("Delivery"),
            {"fields": ("attempts", "created_at", "next_attempt_at", "claimed_at", "sent_at", "actor")},
        ),
        (_("Headers"), {"fields": ("sender", "reply_to", "message_id", "headers", "bulk_id")}),
        (_("Preview"), {"fields": ("preview",)}),
    )
    readonly_fields = [
        "state", "to", "subject", "kind", "language", "template", "last_error", "attempts", "created_at",
        "next_attempt_at", "claimed_at", "sent_at", "actor", "sender", "reply_to", "message_id", "headers",
        "bulk_id", "preview",
    ]  # fmt: skip

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "mail_attention": selectors.mail_attention(),
            "minutes": settings.OUTBOX_ALERT_STUCK_AFTER // 60,
        }
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "outbox_outgoingmail_changelist":
            return selectors.mail_list()
        return super().get_queryset(request).select_related("actor")

    @admin.display(description=_("last error"))
    def last_error_short(self, obj):
        return (obj.last_error[:80] + "…") if len(obj.last_error) > 80 else obj.last_error

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return render_to_string(
            "admin/outbox/outgoingmail/preview.html",
            {"mail": obj, "srcdoc": PREVIEW_CSP + obj.body_html if obj.body_html else ""},
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _apply(self, request, queryset, service, done_message):
        done, refused = 0, []
        for mail in queryset.select_related(None).only("pk"):
            try:
                service(mail=mail, actor=request.user)
                done += 1
            except services.OutboxError as error:
                refused.append(error.message)
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)
        for message in sorted(set(refused)):
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("Send the selected messages again"), permissions=["change"])
    def retry_selected(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.mail_retry,
            lambda n: ngettext("%(n)d message queued again.", "%(n)d messages queued again.", n) % {"n": n},
        )

    @admin.action(description=_("Abort the selected messages"), permissions=["change"])
    def abort_selected(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.mail_abort,
            lambda n: ngettext("%(n)d message aborted.", "%(n)d messages aborted.", n) % {"n": n},
        )
